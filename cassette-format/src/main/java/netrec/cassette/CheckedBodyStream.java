package netrec.cassette;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.CRC32C;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A stored body's file as it is served, checked as it streams, and never more than the recorded size read. The read
 * that would hand out the last bytes first makes sure the file ends there and holds what the cassette says; when
 * not, that read throws {@link BodyFileMismatchException} instead, so the damage fails the request rather than
 * reaching the client as a whole body. A file that ends early fails at its end instead of leaving the client waiting
 * for bytes that never come. No byte is read twice while the file is whole.
 *
 * <p>What the file must hold: the CRC32C it had when it was last found whole ({@link BodyChecksums}), or, the first
 * time, the SHA-256 of its name, computed as it streams (with its CRC32C, which is then noted for the next time).
 * When the CRC32C differs, the file's SHA-256 is computed to decide, and to say what was found.
 */
final class CheckedBodyStream extends InputStream {
    private final InputStream in;
    private final Path file;
    private final String sha256;
    private final long size;
    private final BodyChecksums checksums;
    /** The CRC32C the file had when last found whole, or -1: then the SHA-256 is computed as it streams. */
    private final long knownCrc32c;
    private final CRC32C crc32c = new CRC32C();
    private final MessageDigest digest;
    private long served;
    private boolean ended;

    CheckedBodyStream(InputStream in, Path file, String sha256, long size, BodyChecksums checksums) {
        this.in = in;
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
        this.checksums = checksums;
        this.knownCrc32c = checksums.crc32c(sha256, size);
        this.digest = knownCrc32c < 0 ? DigestUtils.getSha256Digest() : null;
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
        crc32c.update(buffer, offset, n);
        if (digest != null) {
            digest.update(buffer, offset, n);
        }
        served += n;
        if (served == size) {
            checkEnd();
        }
        return n;
    }

    /** All the recorded bytes were read: the file must end here, with what the cassette says it holds. */
    private void checkEnd() throws IOException {
        ended = true;
        if (in.read() >= 0) {
            throw mismatch("it has " + Files.size(file) + " bytes (the file is longer)");
        }
        long crc = crc32c.getValue();
        if (crc == knownCrc32c) {
            return;
        }
        String found = digest != null ? Hex.encodeHexString(digest.digest()) : sha256Of(file);
        if (!found.equals(sha256)) {
            throw mismatch("its bytes have SHA-256 " + found + " (the file was changed or corrupted)");
        }
        checksums.found(sha256, size, crc);
    }

    private static String sha256Of(Path file) throws IOException {
        try (InputStream whole = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(whole);
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
