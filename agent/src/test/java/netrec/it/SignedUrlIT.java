package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import netrec.it.client.PresignedS3Main;
import netrec.it.support.ChildJvm;
import netrec.it.support.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL signed with AWS's SDK as it ships (S3Presigner, SigV4) and fetched by the program that signed it, against a
 * stand-in bucket on loopback, replays with no rule written: signed again in the replaying JVM, with another secret
 * (as a CI machine has another than the developer's), its signature differs (and its signing time, when the second
 * has changed) and it still matches. No file of the cassette holds the access key id, the
 * signature or the signing time.
 */
class SignedUrlIT {
    /** AWS's documented example secret, and another. */
    private static final String RECORDING_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String REPLAYING_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    private static final Pattern SIGNED = Pattern.compile("signed: (.*[?&]X-Amz-Date=([^&]+).*[?&]X-Amz-Signature="
            + "([0-9a-f]+).*)");

    @TempDir
    Path work;

    @Test
    void aPresignedS3UrlSignedAgainReplaysOfflineAndItsSecretsAreNotKept() throws Exception {
        Path cassette = work.resolve("cassette");
        HttpServer bucket = LoopbackServer.start(exchange -> LoopbackServer.respond(exchange,
                exchange.getRequestURI().getPath().equals("/photos/a.jpg") ? 200 : 404, "image/jpeg",
                "the bytes of a.jpg".getBytes(StandardCharsets.UTF_8)));
        String endpoint = LoopbackServer.base(bucket).replace("127.0.0.1", "localhost");
        ChildJvm.Result recorded;
        try {
            recorded = ChildJvm.withAgent("record,cassette=" + cassette)
                    .main(PresignedS3Main.class.getName(), endpoint, "photos", "a.jpg", RECORDING_SECRET).run(work);
        } finally {
            bucket.stop(0);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals("200 the bytes of a.jpg", recorded.lines().get(1), recorded.toString());
        Matcher signedWhenRecorded = signed(recorded);

        ChildJvm.Result replayed = RecordReplayScenario.replayJvm(cassette)
                .main(PresignedS3Main.class.getName(), endpoint, "photos", "a.jpg", REPLAYING_SECRET).run(work);

        assertEquals(0, replayed.exitCode, replayed.toString());
        assertEquals(recorded.lines().get(1), replayed.lines().get(1), replayed.toString());
        Matcher signedWhenReplayed = signed(replayed);
        assertNotEquals(signedWhenRecorded.group(3), signedWhenReplayed.group(3), "signed anew, not the same URL");
        Map<Path, String> files = filesOf(cassette);
        for (String secret : List.of(PresignedS3Main.ACCESS_KEY_ID, signedWhenRecorded.group(3),
                signedWhenRecorded.group(2))) {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                assertFalse(file.getValue().contains(secret), secret + " is in " + file.getKey() + ":\n"
                        + file.getValue());
            }
        }
        String recording = Files.readString(RecordReplayScenario.onlyRecordingFile(cassette));
        for (String redacted : List.of("X-Amz-Credential={redacted}", "X-Amz-Date={redacted}",
                "X-Amz-Signature={redacted}", "X-Amz-Expires=600")) {
            assertTrue(recording.contains(redacted), redacted + " in " + recording);
        }
    }

    private static Matcher signed(ChildJvm.Result run) {
        Matcher signed = SIGNED.matcher(run.lines().get(0));
        assertTrue(signed.matches(), run.toString());
        return signed;
    }

    /** Every file of the cassette, reports included, as text. */
    private static Map<Path, String> filesOf(Path cassette) throws Exception {
        try (Stream<Path> all = Files.walk(cassette)) {
            return all.filter(Files::isRegularFile).collect(Collectors.toMap(file -> file, file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }
}
