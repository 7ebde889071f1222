package netrec.agent.cli;

/** A command line netrec cannot run as given; its message says what to write instead. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
