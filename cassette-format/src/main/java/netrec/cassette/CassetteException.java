package netrec.cassette;

/**
 * A cassette that cannot be used as it is: malformed YAML, a field with a wrong value, a body file missing or not
 * matching its hash. The message names the file, the line when there is one, the problem and what to do.
 */
public final class CassetteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CassetteException(String message) {
        super(message);
    }

    public CassetteException(String message, Throwable cause) {
        super(message, cause);
    }
}
