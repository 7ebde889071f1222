package netrec.it.client;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The response headers scenarios compare, in one spelling whatever the client. */
final class Headers {
    private static final String[] WATCHED = {"content-type", "content-encoding", "x-scenario"};

    private Headers() {
    }

    static Map<String, String> watched(java.util.function.Function<String, String> lookup) {
        Map<String, String> result = new TreeMap<>();
        for (String name : WATCHED) {
            String value = lookup.apply(name);
            if (value != null) {
                result.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return result;
    }
}
