package sample.app;

import sample.messages.Forecast;
import sample.text.Sentences;

/** A forecast made as a protobuf message, read back from its bytes, and said. */
public final class ForecastApp {
    private ForecastApp() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Forecast.newBuilder().setCity("oslo").setCelsius(-3).build().toByteArray();
        Forecast forecast = Forecast.parseFrom(bytes);
        System.out.println(Sentences.forecast(forecast.getCity(), forecast.getCelsius()));
    }
}
