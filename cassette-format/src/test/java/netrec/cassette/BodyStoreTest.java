package netrec.cassette;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Body files are checked as they are served: the read that would complete a body from a file of another size or
 * content fails instead, naming the file, what the cassette expects and what was found, whether the file is checked
 * by its SHA-256 (the first time) or by the CRC32C noted when it was recorded or last found whole; no file outside
 * the cassette is opened through a link.
 */
class BodyStoreTest {
    private static final byte[] BYTES = bytes(200_000);
    private static final String SHA = DigestUtils.sha256Hex(BYTES);
    private static final Body BODY = Body.stored(SHA, BYTES.length);

    @TempDir
    Path dir;

    private CassetteLayout layout() throws IOException {
        CassetteLayout layout = new CassetteLayout(dir.resolve("cassette"));
        Files.createDirectories(layout.bodies());
        return layout;
    }

    @Test
    void intactFileIsServedWholeAndPassesTheCheck() throws IOException {
        CassetteLayout layout = layout();
        Files.write(layout.body(SHA), BYTES);
        try (InputStream in = new BodyStore(layout, new BodyChecksums(0)).open(BODY)) {
            assertArrayEquals(BYTES, readInSmallPieces(in));
            assertEquals(-1, in.read());
        }
        assertNull(new BodyStore(layout).check(BODY));
    }

    @Test
    void shortFileFailsAtItsEndInsteadOfEnding() throws IOException {
        CassetteLayout layout = layout();
        Files.write(layout.body(SHA), Arrays.copyOf(BYTES, 100_000));
        BodyFileMismatchException e = assertThrows(BodyFileMismatchException.class, () -> readAll(layout));
        assertEquals("netrec: body file " + layout.body(SHA) + " is damaged: the cassette expects 200000 bytes with SHA-256 "
                + SHA + ", and it ends after 100000 bytes (the file is shorter: a truncated copy, or a git-LFS "
                + "pointer in place of the file?). Restore the file (git lfs pull, if the cassette is kept with git "
                + "LFS), or record again; `java -jar netrec.jar verify " + layout.directory() + "` lists every such "
                + "file", e.getMessage());
    }

    @Test
    void longFileFailsBeforeItsLastRecordedBytesAreHandedOut() throws IOException {
        CassetteLayout layout = layout();
        Files.write(layout.body(SHA), Arrays.copyOf(BYTES, 204_800));
        ByteArrayOutputStream handedOut = new ByteArrayOutputStream();
        BodyFileMismatchException e = assertThrows(BodyFileMismatchException.class, () -> {
            try (InputStream in = new BodyStore(layout, new BodyChecksums(0)).open(BODY)) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    handedOut.write(buffer, 0, n);
                }
            }
        });
        assertTrue(e.getMessage().contains("and it has 204800 bytes (the file is longer)"), e.getMessage());
        assertTrue(handedOut.size() < BYTES.length, "never a whole body from a damaged file: " + handedOut.size());
    }

    @Test
    void corruptedFileOfTheRightSizeFailsBeforeItsLastBytesAreHandedOut() throws IOException {
        CassetteLayout layout = layout();
        byte[] corrupted = BYTES.clone();
        corrupted[0] ^= 1;
        Files.write(layout.body(SHA), corrupted);
        BodyFileMismatchException e = assertThrows(BodyFileMismatchException.class, () -> readAll(layout));
        assertTrue(e.getMessage().contains("and its bytes have SHA-256 " + DigestUtils.sha256Hex(corrupted)
                + " (the file was changed or corrupted)"), e.getMessage());
        assertTrue(new BodyStore(layout).check(BODY).contains("has SHA-256"));
    }

    @Test
    void aReaderThatStopsAtTheRecordedSizeStillGetsTheCheck() throws IOException {
        CassetteLayout layout = layout();
        byte[] corrupted = BYTES.clone();
        corrupted[BYTES.length - 1] ^= 1;
        Files.write(layout.body(SHA), corrupted);
        BodyChecksums crc32cNoted = new BodyChecksums(0);
        crc32cNoted.found(SHA, BYTES.length, crc32c(BYTES));
        for (BodyChecksums checksums : List.of(new BodyChecksums(0), crc32cNoted)) {
            try (InputStream in = new BodyStore(layout, checksums).open(BODY)) {
                assertEquals(BYTES.length - 1, in.readNBytes(new byte[BYTES.length], 0, BYTES.length - 1));
                assertThrows(BodyFileMismatchException.class, () -> in.read(new byte[1]));
            }
        }
    }

    @Test
    void aBodyServedWholeOnceIsCheckedByItsCrc32cAfterwardsAndStillFailsWhenCorrupted() throws IOException {
        CassetteLayout layout = layout();
        BodyChecksums checksums = new BodyChecksums(0);
        Files.write(layout.body(SHA), BYTES);
        assertEquals(-1, checksums.crc32c(SHA, BYTES.length));
        assertArrayEquals(BYTES, readAll(new BodyStore(layout, checksums)));
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length), "noted once the SHA-256 matched");
        assertArrayEquals(BYTES, readAll(new BodyStore(layout, checksums)));

        byte[] corrupted = BYTES.clone();
        corrupted[BYTES.length / 2] ^= 0x40;
        Files.write(layout.body(SHA), corrupted);
        ByteArrayOutputStream handedOut = new ByteArrayOutputStream();
        BodyFileMismatchException e = assertThrows(BodyFileMismatchException.class, () -> {
            try (InputStream in = new BodyStore(layout, checksums).open(BODY)) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    handedOut.write(buffer, 0, n);
                }
            }
        });
        assertTrue(e.getMessage().contains("and its bytes have SHA-256 " + DigestUtils.sha256Hex(corrupted)
                + " (the file was changed or corrupted)"), e.getMessage());
        assertTrue(handedOut.size() < BYTES.length, "never a whole body from a damaged file: " + handedOut.size());
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length), "a damaged file changes nothing noted");
    }

    @Test
    void shortAndLongFilesFailAsBeforeWhenTheirCrc32cIsKnown() throws IOException {
        CassetteLayout layout = layout();
        BodyChecksums checksums = new BodyChecksums(0);
        checksums.found(SHA, BYTES.length, crc32c(BYTES));
        Files.write(layout.body(SHA), Arrays.copyOf(BYTES, 100_000));
        BodyFileMismatchException shorter = assertThrows(BodyFileMismatchException.class,
                () -> readAll(new BodyStore(layout, checksums)));
        assertTrue(shorter.getMessage().contains("and it ends after 100000 bytes (the file is shorter"),
                shorter.getMessage());
        Files.write(layout.body(SHA), Arrays.copyOf(BYTES, 204_800));
        BodyFileMismatchException longer = assertThrows(BodyFileMismatchException.class,
                () -> readAll(new BodyStore(layout, checksums)));
        assertTrue(longer.getMessage().contains("and it has 204800 bytes (the file is longer)"), longer.getMessage());
    }

    @Test
    void aWrongNotedCrc32cCostsOnlyAHashTheSha256DecidesAndTheNoteIsMended() throws IOException {
        CassetteLayout layout = layout();
        BodyChecksums checksums = new BodyChecksums(0);
        checksums.found(SHA, BYTES.length, crc32c(BYTES) ^ 1);
        Files.write(layout.body(SHA), BYTES);
        assertArrayEquals(BYTES, readInSmallPieces(new BodyStore(layout, checksums).open(BODY)));
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length));
    }

    @Test
    void recordingABodyNotesItsCrc32cAndALaterJvmReadsItFromTheIndexFolder() throws IOException {
        CassetteLayout layout = layout();
        Path indexes = dir.resolve("cassette-index");
        BodyChecksums recording = new BodyChecksums(0);
        recording.keepIn(indexes);
        BodyStore.BodyWriter writer = new BodyStore(layout, recording).newBody();
        writer.write(BYTES, 0, 1000);
        writer.write(BYTES, 1000, BYTES.length - 1000);
        assertEquals(BODY.sha256(), writer.finish().sha256());

        BodyChecksums later = new BodyChecksums(0);
        later.keepIn(indexes);
        assertEquals(crc32c(BYTES), later.crc32c(SHA, BYTES.length));
        assertEquals(-1, later.crc32c(SHA, BYTES.length + 1), "noted for a file of the recorded size only");
        assertArrayEquals(BYTES, readAll(new BodyStore(layout, later)));
    }

    @Test
    void linesOfTheNotedChecksumsThatDoNotParseAreIgnored() throws IOException {
        Path indexes = Files.createDirectories(dir.resolve("cassette-index"));
        Files.writeString(indexes.resolve("body-crc32c"), "garbage\n" + SHA + " 12x 0\n" + SHA.substring(1)
                + " 1 1\n" + SHA + " " + BYTES.length + " " + Long.toHexString(crc32c(BYTES)) + "\n" + SHA + " 5");
        BodyChecksums checksums = new BodyChecksums(0);
        checksums.keepIn(indexes);
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length));
    }

    @Test
    void aSmallBodyIsNeitherNotedNorLookedUpItIsHashedEachTime() throws IOException {
        Path indexes = Files.createDirectories(dir.resolve("cassette-index"));
        BodyChecksums checksums = new BodyChecksums(BodyChecksums.NOTED_FROM);
        checksums.keepIn(indexes);
        byte[] small = bytes((int) BodyChecksums.NOTED_FROM - 1);
        checksums.found(DigestUtils.sha256Hex(small), small.length, crc32c(small));
        assertEquals(-1, checksums.crc32c(DigestUtils.sha256Hex(small), small.length));
        assertFalse(Files.exists(indexes.resolve("body-crc32c")), "nothing written for a small body");

        checksums.found(SHA, BYTES.length, crc32c(BYTES));
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length));
        assertEquals(SHA + " " + BYTES.length + " " + Long.toHexString(crc32c(BYTES)) + "\n",
                Files.readString(indexes.resolve("body-crc32c")));
    }

    @Test
    void aFileOfManyMoreLinesThanBodiesIsRewrittenWithALinePerBody() throws IOException {
        Path indexes = Files.createDirectories(dir.resolve("cassette-index"));
        String line = SHA + " " + BYTES.length + " " + Long.toHexString(crc32c(BYTES)) + "\n";
        String small = DigestUtils.sha256Hex("small") + " 5 1f\n";
        Files.writeString(indexes.resolve("body-crc32c"), small.repeat(1500) + "garbage\n" + line + line);
        BodyChecksums checksums = new BodyChecksums(BodyChecksums.NOTED_FROM);
        checksums.keepIn(indexes);
        assertEquals(crc32c(BYTES), checksums.crc32c(SHA, BYTES.length));
        assertEquals(line, Files.readString(indexes.resolve("body-crc32c")));
        try (var files = Files.list(indexes)) {
            assertEquals(1, files.count(), "no file left beside it");
        }
    }

    @Test
    void bodyFileThatIsASymbolicLinkIsNotOpened() throws IOException {
        CassetteLayout layout = layout();
        Path outside = Files.write(dir.resolve("outside"), BYTES);
        Files.createSymbolicLink(layout.body(SHA), outside);
        CassetteException e = assertThrows(CassetteException.class,
                () -> new BodyStore(layout, new BodyChecksums(0)).open(BODY));
        assertEquals("body file " + layout.body(SHA) + " is a symbolic link, and netrec follows none out of a "
                + "cassette: put the file itself there", e.getMessage());
        assertTrue(new BodyStore(layout).check(BODY).contains("is a symbolic link"));
    }

    @Test
    void bodiesFolderLinkedOutsideTheCassetteIsNotRead() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve(SHA), BYTES);
        CassetteLayout layout = new CassetteLayout(dir.resolve("cassette"));
        Files.createDirectories(layout.directory());
        Files.createSymbolicLink(layout.bodies(), elsewhere);
        CassetteException e = assertThrows(CassetteException.class,
                () -> new BodyStore(layout, new BodyChecksums(0)).open(BODY));
        assertTrue(e.getMessage().contains("lies outside the cassette"), e.getMessage());
    }

    @Test
    void certificateChainThatIsASymbolicLinkIsNotRead() throws IOException {
        CassetteLayout layout = layout();
        Files.createDirectories(layout.certificates());
        Path outside = Files.writeString(dir.resolve("evil.pem"), "not read");
        Files.createSymbolicLink(layout.certificateChain(SHA), outside);
        CassetteException e = assertThrows(CassetteException.class, () -> new CertificateStore(layout).load(SHA));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertTrue(new CertificateStore(layout).check(SHA).contains("is a symbolic link"));
    }

    private static byte[] readAll(CassetteLayout layout) throws IOException {
        return readAll(new BodyStore(layout, new BodyChecksums(0)));
    }

    private static byte[] readAll(BodyStore store) throws IOException {
        try (InputStream in = store.open(BODY)) {
            return in.readAllBytes();
        }
    }

    private static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] readInSmallPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[777];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + (i >> 9));
        }
        return bytes;
    }
}
