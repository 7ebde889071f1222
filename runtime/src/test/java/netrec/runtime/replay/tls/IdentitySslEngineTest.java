package netrec.runtime.replay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** The handshake sequence and framing that the JDK HttpClient, Netty and Jetty rely on. */
class IdentitySslEngineTest {
    private final IdentitySslEngine engine = new IdentitySslEngine("h", 443,
            new RecordedSslSession("h", 443, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of()), List.of("http/1.1"));

    @Test
    void handshakeTakesOneRoundTripThenOneTaskThenReportsFinishedOnce() throws Exception {
        SSLParameters offering = engine.getSSLParameters();
        offering.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(offering);
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, engine.getHandshakeStatus());
        engine.beginHandshake();
        assertEquals(HandshakeStatus.NEED_WRAP, engine.getHandshakeStatus());

        ByteBuffer hello = ByteBuffer.allocate(100);
        SSLEngineResult sent = engine.wrap(ByteBuffer.allocate(0), hello);
        assertEquals(List.of(Status.OK, HandshakeStatus.NEED_UNWRAP, 0, 11), describe(sent));
        hello.flip();
        assertEquals(IdentitySslEngine.HANDSHAKE, hello.get(0));

        SSLEngineResult answered = engine.unwrap(hello, ByteBuffer.allocate(100));
        assertEquals(List.of(Status.OK, HandshakeStatus.NEED_TASK, 11, 0), describe(answered));
        assertNull(engine.getApplicationProtocol(), "no ALPN before the handshake ends");
        engine.getDelegatedTask().run();
        assertNull(engine.getDelegatedTask());
        assertEquals(HandshakeStatus.NEED_WRAP, engine.getHandshakeStatus(), "as a real client's Finished is due");

        ByteBuffer record = ByteBuffer.allocate(100);
        ByteBuffer request = ByteBuffer.wrap("GET".getBytes(StandardCharsets.US_ASCII));
        SSLEngineResult finished = engine.wrap(request, record);
        assertEquals(List.of(Status.OK, HandshakeStatus.FINISHED, 0, 0), describe(finished));
        assertEquals("http/1.1", engine.getApplicationProtocol(), "the recorded ALPN value, which the client offers");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, engine.getHandshakeStatus());
        SSLEngineResult data = engine.wrap(request, record);
        assertEquals(List.of(Status.OK, HandshakeStatus.NOT_HANDSHAKING, 3, 8), describe(data));
    }

    @Test
    void recordsCarryPlaintextAndShortInputAsksForMore() throws Exception {
        shakeHands();

        ByteBuffer record = ByteBuffer.wrap(new byte[] {IdentitySslEngine.APPLICATION_DATA, 3, 3, 0, 2, 'o', 'k'});
        ByteBuffer partial = ByteBuffer.wrap(new byte[] {IdentitySslEngine.APPLICATION_DATA, 3, 3, 0, 2, 'o'});
        assertEquals(List.of(Status.BUFFER_UNDERFLOW, HandshakeStatus.FINISHED, 0, 0),
                describe(engine.unwrap(partial, ByteBuffer.allocate(10))), "FINISHED rides on the first result after "
                        + "the task, whatever its status");
        assertEquals(Status.BUFFER_OVERFLOW, engine.unwrap(record.duplicate(), ByteBuffer.allocate(1)).getStatus());
        ByteBuffer plain = ByteBuffer.allocate(10);
        SSLEngineResult result = engine.unwrap(record, plain);
        assertEquals(List.of(Status.OK, HandshakeStatus.NOT_HANDSHAKING, 7, 2), describe(result));
        assertEquals("ok", new String(plain.array(), 0, plain.position(), StandardCharsets.US_ASCII));
    }

    @Test
    void aRealTlsServersHelloFailsTheHandshakeInsteadOfPassingForNetrecs() throws Exception {
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100));
        byte[] serverHello = new byte[5 + 128];
        serverHello[0] = IdentitySslEngine.HANDSHAKE;
        serverHello[1] = 3;
        serverHello[2] = 3;
        serverHello[4] = (byte) 128;

        SSLHandshakeException failed = assertThrows(SSLHandshakeException.class,
                () -> engine.unwrap(ByteBuffer.wrap(serverHello), ByteBuffer.allocate(100)));
        assertTrue(failed.getMessage().startsWith("netrec: the replay server answered the TLS handshake with 133 "
                + "bytes of content type 22 instead of netrec's own handshake record"), failed.getMessage());
    }

    @Test
    void aCloseConsumesWhatFollowsItSoThatACallerUnwrappingWhileBytesRemainStops() throws Exception {
        shakeHands();
        ByteBuffer closeThenMore = ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 0,
                IdentitySslEngine.APPLICATION_DATA, 3, 3, 0, 2, 'o', 'k'});

        SSLEngineResult closed = engine.unwrap(closeThenMore, ByteBuffer.allocate(10));

        assertEquals(Status.CLOSED, closed.getStatus());
        assertEquals(14, closed.bytesConsumed());
        assertFalse(closeThenMore.hasRemaining());
        assertTrue(engine.isInboundDone());
        ByteBuffer late = ByteBuffer.wrap(new byte[] {IdentitySslEngine.APPLICATION_DATA, 3, 3, 0, 1, 'x'});
        assertEquals(List.of(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 6, 0),
                describe(engine.unwrap(late, ByteBuffer.allocate(10))));
    }

    /** The handshake, up to the task run: the engine's next result reports FINISHED. */
    private void shakeHands() throws Exception {
        engine.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(100);
        engine.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        engine.unwrap(hello, ByteBuffer.allocate(100));
        engine.getDelegatedTask().run();
    }

    private static List<Object> describe(SSLEngineResult result) {
        return List.of(result.getStatus(), result.getHandshakeStatus(), result.bytesConsumed(), result.bytesProduced());
    }
}
