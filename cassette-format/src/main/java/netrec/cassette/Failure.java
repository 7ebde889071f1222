package netrec.cassette;

import java.util.Objects;

/**
 * How a connect or a name lookup failed when recorded: the exception the program saw, by its class name
 * ({@code java.net.ConnectException}), and its message. Replay fails the same call the same way, with netrec's word
 * that it was recorded so.
 */
public final class Failure {
    private final String error;
    private final String message;

    public Failure(String error, String message) {
        this.error = Objects.requireNonNull(error, "error");
        this.message = message == null ? "" : message;
    }

    /** The exception's class name, such as {@code java.net.ConnectException}. */
    public String error() {
        return error;
    }

    /** Its message; empty when it had none. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return error + (message.isEmpty() ? "" : ": " + message);
    }
}
