package sample.text;

import org.apache.commons.text.WordUtils;

/** Says a forecast as a sentence. */
public final class Sentences {
    private Sentences() {
    }

    public static String forecast(String city, int celsius) {
        return WordUtils.capitalize(city) + ": " + celsius + " degrees";
    }
}
