package example.greeting;

import org.apache.commons.codec.digest.DigestUtils;

/** A greeting and its fingerprint. */
public final class Greeting {
    private Greeting() {
    }

    public static String to(String name) {
        return "Hello, " + name + "!";
    }

    public static String fingerprint(String text) {
        return DigestUtils.sha256Hex(text).substring(0, 12);
    }
}
