package netrec.cassette;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The responses file of a {@link CassetteIndex}: after a header (magic number, generation), one record per
 * response, each a length and then the response in binary. It is held open while any interaction refers to it and
 * read with positional reads, which any number of threads may make at once.
 */
final class ResponseFile {
    private static final int MAGIC = 0x4e525250;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path path;
    private final FileChannel channel;

    private ResponseFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        CLEANER.register(this, new Closer(channel));
    }

    /** Opens a file being written, whose header is not checked. */
    static ResponseFile open(Path path) throws IOException {
        return new ResponseFile(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    /** Opens the responses file of generation {@code generation}, or null when it is missing or of another. */
    static ResponseFile open(Path path, long generation) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(Integer.BYTES + Long.BYTES);
        readFully(channel, header, 0);
        header.flip();
        if (header.getInt() != MAGIC || header.getLong() != generation) {
            channel.close();
            return null;
        }
        return new ResponseFile(path, channel);
    }

    static void writeHeader(DataOutputStream out, long generation) throws IOException {
        out.writeInt(MAGIC);
        out.writeLong(generation);
    }

    /** The response whose record starts at {@code offset}. */
    StoredResponse response(long offset) {
        return new Stored(this, offset);
    }

    /** Where the response of {@code interaction}, kept by this file, starts. */
    long offsetOf(Interaction interaction) {
        StoredResponse stored = interaction.storedResponse();
        if (!(stored instanceof Stored) || ((Stored) stored).file != this) {
            throw new IllegalArgumentException(interaction + " is not kept in " + path);
        }
        return ((Stored) stored).offset;
    }

    private RecordedResponse read(long offset) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        readFully(channel, length, offset);
        ByteBuffer record = ByteBuffer.allocate(length.flip().getInt());
        readFully(channel, record, offset + Integer.BYTES);
        return decode(record.array());
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("it ends before the record at byte " + position);
            }
        }
    }

    static byte[] encode(RecordedResponse response) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(response.status());
        text(out, response.reason());
        headers(out, response.headers());
        body(out, response.body());
        out.writeBoolean(response.endedEarly());
        return bytes.toByteArray();
    }

    private static RecordedResponse decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        return new RecordedResponse(in.readInt(), text(in), headers(in), body(in), in.readBoolean());
    }

    static void headers(DataOutputStream out, Headers headers) throws IOException {
        out.writeInt(headers.fields().size());
        for (Headers.Field field : headers.fields()) {
            text(out, field.name());
            text(out, field.value());
        }
    }

    static Headers headers(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return Headers.none();
        }
        List<Headers.Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fields.add(new Headers.Field(text(in), text(in)));
        }
        return Headers.of(fields);
    }

    static void body(DataOutputStream out, Body body) throws IOException {
        if (body.isText()) {
            out.writeByte(1);
            text(out, body.text());
        } else if (body.isStored()) {
            out.writeByte(2);
            text(out, body.sha256());
            out.writeLong(body.size());
        } else {
            out.writeByte(0);
        }
    }

    static Body body(DataInputStream in) throws IOException {
        switch (in.readByte()) {
            case 1:
                return Body.text(text(in));
            case 2:
                return Body.stored(text(in), in.readLong());
            default:
                return Body.empty();
        }
    }

    static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String text(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A response kept in a responses file. */
    private static final class Stored implements StoredResponse {
        private final ResponseFile file;
        private final long offset;

        Stored(ResponseFile file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        @Override
        public RecordedResponse load() {
            try {
                return file.read(offset);
            } catch (IOException e) {
                throw new CassetteException("cannot read a recorded response from the cassette index " + file.path
                        + ": " + e.getMessage() + "; delete the file and run again", e);
            }
        }
    }

    /** Closes the channel once no interaction refers to its file any more; holds no reference to the file. */
    private static final class Closer implements Runnable {
        private final FileChannel channel;

        Closer(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void run() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is lost: it was only read
            }
        }
    }
}
