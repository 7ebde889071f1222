package netrec.runtime.base;

import java.util.Locale;

/**
 * What a cassette older than its {@code max-age} gets ({@code expired=...}), as Polly's {@code expiryStrategy} has it:
 * a warning naming it and its age, a failure of everything it would answer, or a new recording where the mode may
 * reach the network ({@code once}, {@code update}) and its servers can be reached. {@code replay} never reaches the
 * network, so there {@link #RECORD} warns.
 */
public enum Expiry {
    WARN, FAIL, RECORD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Expiry parse(String text) {
        for (Expiry expiry : values()) {
            if (expiry.label().equals(text)) {
                return expiry;
            }
        }
        throw new IllegalArgumentException("expired=" + text + " is not valid; use expired=warn (say so and replay it), "
                + "expired=fail (fail what it would answer) or expired=record (record it again where the mode may "
                + "reach the network: once, update)");
    }
}
