package netrec.cassette;

/**
 * What a recorder writes in place of a secret, and what replay takes as "any value" where it finds it: a header
 * value, a form or JSON field's value ({@link #VALUE}), or a query parameter's value in a request URI
 * ({@link #QUERY_VALUE}, a placeholder, so the URI template matches whatever value the replayed request sends), or
 * a password in a raw TCP client turn ({@link #BULK_STRING}).
 */
public final class Redacted {
    /**
     * The value of a redacted header, or of a redacted form or JSON field, or an echo of a secret in a response; the
     * content of a PostgreSQL login's password, proof or signature message in a raw TCP conversation.
     */
    public static final String VALUE = "<redacted by netrec>";
    /** The value of a redacted query parameter in a recorded URI: a placeholder matching any one value. */
    public static final String QUERY_VALUE = "{redacted}";
    /**
     * A redacted RESP bulk string ({@code $LENGTH CRLF VALUE}) in a raw TCP client turn: a Redis password, whose
     * length is as secret as its value. Followed by CRLF, as the bulk string was.
     */
    public static final String BULK_STRING = "${redacted}";

    private Redacted() {
    }
}
