package netrec.cassette.match;

import java.util.Locale;

/** How request bodies, and a conversation's whole messages, are compared ({@code body:} in {@code rules.yaml}). */
public enum BodyMatch {
    /** Bodies never count (the default). */
    IGNORE,
    /** The same bytes. */
    EXACT,
    /** The same JSON value: key order and whitespace do not count, ignored fields are left out at any depth. */
    JSON,
    /** The same form fields ({@code application/x-www-form-urlencoded}) in any order, ignored fields left out. */
    FORM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The comparison {@code label} names, or null. */
    static BodyMatch of(String label) {
        for (BodyMatch match : values()) {
            if (match.label().equals(label)) {
                return match;
            }
        }
        return null;
    }
}
