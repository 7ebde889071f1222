package example.weather;

/** Where the tests find the weather API: -Dweather.api overrides it. */
final class Api {
    static final String URL = System.getProperty("weather.api", "https://api.weather.example:48443");

    private Api() {
    }
}
