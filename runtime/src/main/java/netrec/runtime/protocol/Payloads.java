package netrec.runtime.protocol;

import java.io.IOException;
import java.io.InputStream;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.Message;

/** The payload of a recorded message, for a protocol that sends it or compares it. */
public final class Payloads {
    private Payloads() {
    }

    /** {@code message}'s bytes, from the YAML or from its body file in {@code bodies}. */
    public static byte[] of(Message message, BodyStore bodies) throws IOException {
        if (!message.isStored()) {
            return message.bytes();
        }
        try (InputStream in = bodies.open(message.stored())) {
            return in.readAllBytes();
        } catch (CassetteException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
