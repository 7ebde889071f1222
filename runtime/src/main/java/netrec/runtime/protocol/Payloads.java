package netrec.runtime.protocol;

import java.io.IOException;
import java.io.InputStream;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.Message;

/**
 * The payload of a recorded message, for a protocol that sends it or compares it. A message is held whole in the
 * heap while it is sent or compared, so one larger than an eighth of the heap is refused with netrec's reason
 * ({@link TooLarge}) rather than read: replay's threads never run out of memory on a message of any size.
 */
public final class Payloads {
    private Payloads() {
    }

    /** {@code message}'s bytes, from the YAML or from its body file in {@code bodies}. */
    public static byte[] of(Message message, BodyStore bodies) throws IOException {
        if (!message.isStored()) {
            return message.bytes();
        }
        long size = message.stored().size();
        long most = mostHeld();
        if (size > most) {
            throw new TooLarge("netrec: the recorded message of " + size + " bytes (" + message.stored().sha256()
                    + " in the cassette's bodies) is more than replay holds in memory at once, " + most + " bytes (an "
                    + "eighth of this JVM's heap, " + (Runtime.getRuntime().maxMemory() >> 20) + " MB): give the JVM "
                    + "a larger -Xmx, at least " + ((size * 8) >> 20) + " MB, to replay it");
        }
        try (InputStream in = bodies.open(message.stored())) {
            byte[] bytes = new byte[(int) size];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read != bytes.length || in.read() >= 0) {
                throw new IOException("netrec: the body file " + message.stored().sha256() + " is not "
                        + size + " bytes long, as the cassette says; record it again");
            }
            return bytes;
        } catch (CassetteException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The largest message replay holds: an eighth of the heap, and never more than an array can hold. */
    static long mostHeld() {
        return Math.min(Runtime.getRuntime().maxMemory() / 8, Integer.MAX_VALUE - 16);
    }

    /** A recorded message too large to hold: replay fails the connection with this reason. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String reason) {
            super(reason);
        }
    }
}
