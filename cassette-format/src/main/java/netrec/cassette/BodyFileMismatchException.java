package netrec.cassette;

import java.io.IOException;

/**
 * A body file that does not hold what the cassette says, found as it is served: shorter or longer than its
 * {@code size:}, or of another SHA-256 (a truncated copy, a git-LFS pointer, an edited file). Thrown in place of the
 * bytes that would have completed the body, so a client never receives a whole response from a damaged file; the
 * message names the file, what the cassette expects and what was found.
 */
public final class BodyFileMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyFileMismatchException(String message) {
        super(message);
    }
}
