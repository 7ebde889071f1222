package netrec.cassette;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A stored body's file as it is served, checked as it streams: its SHA-256 is computed over the bytes handed out,
 * and never more than the recorded size is read. The read that would hand out the last bytes first makes sure the
 * file ends there and that its hash is the recorded one; when not, that read throws
 * {@link BodyFileMismatchException} instead, so the damage fails the request rather than reaching the client as a
 * whole body. A file that ends early fails at its end instead of leaving the client waiting for bytes that never
 * come. No byte is read twice.
 */
final class CheckedBodyStream extends InputStream {
    private final InputStream in;
    private final Path file;
    private final String sha256;
    private final long size;
    private final MessageDigest digest = DigestUtils.getSha256Digest();
    private long served;
    private boolean ended;

    CheckedBodyStream(InputStream in, Path file, String sha256, long size) {
        this.in = in;
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (served == size) {
            if (!ended) {
                checkEnd();
            }
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, size - served));
        if (n < 0) {
            throw mismatch("it ends after " + served + " bytes (the file is shorter: a truncated copy, or a "
                    + "git-LFS pointer in place of the file?)");
        }
        digest.update(buffer, offset, n);
        served += n;
        if (served == size) {
            checkEnd();
        }
        return n;
    }

    /** All the recorded bytes were read: the file must end here, with the recorded hash. */
    private void checkEnd() throws IOException {
        ended = true;
        if (in.read() >= 0) {
            throw mismatch("it has " + Files.size(file) + " bytes (the file is longer)");
        }
        String found = Hex.encodeHexString(digest.digest());
        if (!found.equals(sha256)) {
            throw mismatch("its bytes have SHA-256 " + found + " (the file was changed or corrupted)");
        }
    }

    private BodyFileMismatchException mismatch(String found) {
        return new BodyFileMismatchException("netrec: body file " + file + " is damaged: the cassette expects " + size
                + " bytes with SHA-256 " + sha256 + ", and " + found + ". Restore the file (git lfs pull, if the "
                + "cassette is kept with git LFS), or record again; `java -jar netrec.jar verify "
                + file.getParent().getParent() + "` lists every such file");
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), size - served);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
