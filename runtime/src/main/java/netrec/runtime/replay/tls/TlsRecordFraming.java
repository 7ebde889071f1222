package netrec.runtime.replay.tls;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import netrec.runtime.base.ArrayReadInputStream;

/**
 * The replay server's side of {@link IdentitySslEngine}'s framing: plaintext inside TLS application-data records,
 * after a one-record handshake each way. A replayed connection whose first byte is 22 (a handshake record) carries
 * such records; one whose first byte is text carries plain HTTP, from a plain socket or an identity SSLSocket.
 */
public final class TlsRecordFraming {
    private TlsRecordFraming() {
    }

    public static boolean startsFramed(int firstByte) {
        return firstByte == IdentitySslEngine.HANDSHAKE || firstByte == IdentitySslEngine.APPLICATION_DATA;
    }

    /**
     * Reads the plaintext out of a stream of records, answering the identity engine's handshake record on
     * {@code answers}. A handshake record that is not netrec's is real TLS, which replay cannot answer.
     */
    public static InputStream unframed(InputStream records, OutputStream answers) {
        return new ArrayReadInputStream() {
            private int remaining;

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                while (remaining == 0) {
                    byte[] header = records.readNBytes(IdentitySslEngine.HEADER);
                    if (header.length == 0) {
                        return -1;
                    }
                    if (header.length < IdentitySslEngine.HEADER) {
                        throw new EOFException("a TLS record header was cut short");
                    }
                    int recordLength = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
                    if (header[0] == IdentitySslEngine.HANDSHAKE) {
                        answerHello(records.readNBytes(recordLength));
                        continue;
                    }
                    if (header[0] != IdentitySslEngine.APPLICATION_DATA) {
                        return -1;
                    }
                    remaining = recordLength;
                }
                int n = records.read(bytes, offset, Math.min(length, remaining));
                if (n < 0) {
                    throw new EOFException("a TLS record was cut short");
                }
                remaining -= n;
                return n;
            }

            private void answerHello(byte[] hello) throws IOException {
                if (!java.util.Arrays.equals(hello, IdentitySslEngine.HELLO)) {
                    throw new IOException("netrec: a TLS handshake reached the replay server: this client's TLS does "
                            + "not go through the JDK's SSLEngine (OpenSSL, Conscrypt or BouncyCastle?), so replay "
                            + "cannot answer it");
                }
                answers.write(new byte[] {IdentitySslEngine.HANDSHAKE, 3, 3, 0, (byte) hello.length});
                answers.write(hello);
                answers.flush();
            }
        };
    }

    /**
     * Writes plaintext as records of at most 16 KiB; a record's header and payload leave in one write to
     * {@code records}, which the records' own buffer gathers (a 5-byte write of its own costs a system call).
     */
    public static OutputStream framed(OutputStream records) {
        return new FilterOutputStream(new BufferedOutputStream(records, 4 * (IdentitySslEngine.MAX_RECORD
                + IdentitySslEngine.HEADER))) {
            private final byte[] header = {IdentitySslEngine.APPLICATION_DATA, 3, 3, 0, 0};

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    int n = Math.min(length, IdentitySslEngine.MAX_RECORD);
                    header[3] = (byte) (n >> 8);
                    header[4] = (byte) n;
                    out.write(header);
                    out.write(bytes, offset, n);
                    offset += n;
                    length -= n;
                }
            }
        };
    }
}
