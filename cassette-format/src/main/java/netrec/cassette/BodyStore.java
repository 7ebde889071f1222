package netrec.cassette;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.zip.CRC32C;
import netrec.cassette.store.BodiesOnUse;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The content-addressed body files of a cassette: a body is written once to {@code bodies/<sha256>} whatever
 * number of interactions or recording JVMs produce it. Files appear atomically (written under a temporary name,
 * then renamed), so a reader, or a JVM killed mid-write, never leaves a half body under a real name.
 */
public final class BodyStore {
    /** Bodies at most this long that are plain UTF-8 text stay inline in the YAML. */
    public static final int INLINE_LIMIT = 16 * 1024;

    private final CassetteLayout layout;
    private final BodyChecksums checksums;

    public BodyStore(CassetteLayout layout) {
        this(layout, BodyChecksums.jvm());
    }

    BodyStore(CassetteLayout layout, BodyChecksums checksums) {
        this.layout = layout;
        this.checksums = checksums;
    }

    /** Starts a body whose bytes arrive piece by piece; nothing is held in memory past {@link #INLINE_LIMIT}. */
    public BodyWriter newBody() {
        return new BodyWriter();
    }

    /**
     * The body's bytes, streamed from its file when it has one, and checked as they stream: a file of another size
     * or content fails the read that would complete the body ({@link BodyFileMismatchException}). Its CRC32C is
     * compared with the one noted when the body was recorded or last served whole ({@link BodyChecksums}); when none
     * was, its SHA-256 is computed as it streams. A file that is a symbolic link, or lies outside the cassette, is not
     * opened ({@link CassetteException}).
     */
    public InputStream open(Body body) throws IOException {
        if (body.isEmpty()) {
            return InputStream.nullInputStream();
        }
        if (body.isText()) {
            return new ByteArrayInputStream(body.text().getBytes(StandardCharsets.UTF_8));
        }
        Path file = layout.body(body.sha256());
        String unreadable = layout.whyNotReadable(file);
        if (CassetteLayout.MISSING.equals(unreadable) && BodiesOnUse.fetch(layout.directory(), body.sha256())) {
            unreadable = layout.whyNotReadable(file);
        }
        if (CassetteLayout.MISSING.equals(unreadable)) {
            throw new CassetteException("body file " + file + " is missing; the cassette was copied without its "
                    + "bodies/ folder, or the file was deleted. Record again, or restore the file.");
        }
        if (unreadable != null) {
            throw new CassetteException("body file " + file + " " + unreadable);
        }
        try {
            return new CheckedBodyStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), file, body.sha256(),
                    body.size(), checksums);
        } catch (NoSuchFileException e) {
            throw new CassetteException("body file " + file + " is missing; the cassette was copied without its "
                    + "bodies/ folder, or the file was deleted. Record again, or restore the file.", e);
        }
    }

    /** Problems with the stored body, or null when its file exists with the right size and hash. */
    public String check(Body body) throws IOException {
        if (!body.isStored()) {
            return null;
        }
        Path file = layout.body(body.sha256());
        String unreadable = layout.whyNotReadable(file);
        if (unreadable != null) {
            return "body file " + file + " " + unreadable;
        }
        long size = Files.size(file);
        if (size != body.size()) {
            return "body file " + file + " has " + size + " bytes, the cassette says " + body.size();
        }
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            actual = DigestUtils.sha256Hex(in);
        }
        return actual.equals(body.sha256()) ? null
                : "body file " + file + " has SHA-256 " + actual + ", not the " + body.sha256() + " its name says";
    }

    /**
     * Collects one body. Call {@link #finish()} once, or {@link #abandon()} to drop it. A body that stays inline
     * (short UTF-8 text, most of an API's bodies) is only copied: its hashes are computed once it is known to need a
     * file. The CRC32C of a stored body is noted with its SHA-256 ({@link BodyChecksums}), so that replay checks it at
     * memory speed from the start.
     */
    public final class BodyWriter {
        /** SHA-256 and CRC32C of what is written, from the moment the body is known to need a file; null before. */
        private MessageDigest digest;
        private CRC32C crc32c;
        private byte[] head;
        private long size;
        private Path spill;
        private OutputStream spillOut;

        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length <= 0) {
                return;
            }
            if (spillOut == null && size + length <= INLINE_LIMIT) {
                if (head == null || size + length > head.length) {
                    byte[] grown = new byte[Math.min(INLINE_LIMIT, Math.max(head == null ? 256 : head.length * 2,
                            (int) size + length))];
                    if (head != null) {
                        System.arraycopy(head, 0, grown, 0, (int) size);
                    }
                    head = grown;
                }
                System.arraycopy(bytes, offset, head, (int) size, length);
            } else {
                if (spillOut == null) {
                    startHashing();
                    Files.createDirectories(layout.bodies());
                    spill = layout.bodies().resolve(".partial-" + UUID.randomUUID());
                    spillOut = Files.newOutputStream(spill);
                    if (head != null) {
                        spillOut.write(head, 0, (int) size);
                        head = null;
                    }
                }
                digest.update(bytes, offset, length);
                crc32c.update(bytes, offset, length);
                spillOut.write(bytes, offset, length);
            }
            size += length;
        }

        /** The body needs a file: its hashes start with what is held inline. */
        private void startHashing() {
            digest = DigestUtils.getSha256Digest();
            crc32c = new CRC32C();
            if (size > 0) {
                digest.update(head, 0, (int) size);
                crc32c.update(head, 0, (int) size);
            }
        }

        public long size() {
            return size;
        }

        /** Ends the body: inline text when short and textual, otherwise a stored file. */
        public Body finish() throws IOException {
            if (size == 0) {
                return Body.empty();
            }
            if (spillOut == null) {
                String text = InlineText.decode(head, (int) size);
                if (text != null) {
                    return Body.text(text);
                }
            }
            if (spillOut == null) {
                startHashing();
            }
            String sha256 = Hex.encodeHexString(digest.digest());
            Path target = layout.body(sha256);
            if (spillOut != null) {
                spillOut.close();
                publish(spill, target);
            } else if (!Files.exists(target)) {
                Files.createDirectories(layout.bodies());
                Path partial = layout.bodies().resolve(".partial-" + UUID.randomUUID());
                Files.write(partial, java.util.Arrays.copyOf(head, (int) size));
                publish(partial, target);
            }
            checksums.found(sha256, size, crc32c.getValue());
            return Body.stored(sha256, size);
        }

        /** Drops what was written; removes the partial file, if any. */
        public void abandon() {
            try {
                if (spillOut != null) {
                    spillOut.close();
                    Files.deleteIfExists(spill);
                }
            } catch (IOException ignored) {
                // a stray .partial- file is harmless: loading ignores it
            }
        }

        private void publish(Path partial, Path target) throws IOException {
            if (Files.exists(target)) {
                Files.delete(partial);
                return;
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.delete(partial);
            }
        }
    }
}
