package netrec.tools.command;

/** A command line netrec cannot run as given; its message says, in one line, what to write instead. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
