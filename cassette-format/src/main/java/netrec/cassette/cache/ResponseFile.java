package netrec.cassette.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import netrec.cassette.Body;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.RecordedResponse;
import netrec.cassette.StoredResponse;

/**
 * The responses file of a {@link CassetteCache}: after a header (magic number, generation), one record per
 * response, each a length and then the response in binary. It is held open while any interaction refers to it
 * (renamed or deleted meanwhile, it still reads), and read one record at a time under a lock.
 */
final class ResponseFile {
    private static final int MAGIC = 0x4e525250;
    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * Responses read lately are kept, one per slot of {@link #lately} chosen by where the record starts: a response
     * replayed again and again is read and decoded once, not with three system calls and a decoding at every request
     * (three quarters of netrec's share of a client's thread replaying small responses, measured). At most
     * 2^{@value #KEPT_BITS} records of at most {@value #KEPT_RECORD_BYTES} bytes each, so that a cassette of many
     * thousands of responses still lives in its file.
     */
    private static final int KEPT_BITS = 6;
    private static final int KEPT_RECORD_BYTES = 16 * 1024;

    private final Path path;
    private final RandomAccessFile file;
    private final AtomicReferenceArray<Kept> lately = new AtomicReferenceArray<>(1 << KEPT_BITS);

    private ResponseFile(Path path, RandomAccessFile file) {
        this.path = path;
        this.file = file;
        CLEANER.register(this, new Closer(file));
    }

    /** Opens a file being written, whose header is not checked. */
    static ResponseFile open(Path path) throws IOException {
        return new ResponseFile(path, new RandomAccessFile(path.toFile(), "r"));
    }

    /** Opens the responses file of generation {@code generation}, or null when it is missing or of another. */
    static ResponseFile open(Path path, long generation) throws IOException {
        RandomAccessFile file;
        try {
            file = new RandomAccessFile(path.toFile(), "r");
        } catch (FileNotFoundException e) {
            return null;
        }
        try {
            if (file.readInt() != MAGIC || file.readLong() != generation) {
                file.close();
                return null;
            }
        } catch (IOException e) {
            file.close();
            return null;
        }
        return new ResponseFile(path, file);
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

    /**
     * Reads through the {@link RandomAccessFile} under a lock, not the channel: a channel read closes the channel
     * for every thread when the reading thread is interrupted, and replay reads on the application's threads.
     */
    private RecordedResponse read(long offset) throws IOException {
        int slot = (int) ((offset * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - KEPT_BITS));
        Kept kept = lately.get(slot);
        if (kept != null && kept.offset == offset) {
            return kept.response;
        }
        byte[] record;
        synchronized (file) {
            file.seek(offset);
            int length = file.readInt();
            if (length < 0) {
                throw new IOException("the record at byte " + offset + " has a negative length");
            }
            record = new byte[length];
            file.readFully(record);
        }
        RecordedResponse response = decode(record);
        if (record.length <= KEPT_RECORD_BYTES) {
            lately.set(slot, new Kept(offset, response));
        }
        return response;
    }

    static byte[] encode(RecordedResponse response) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(bytes);
        if (response.isUnanswered()) {
            out.writeInt(0);
            return bytes.toByteArray();
        }
        if (response.isConversation()) {
            out.writeInt(-1);
            messages(out, response.messages());
            return bytes.toByteArray();
        }
        out.writeInt(response.status());
        text(out, response.reason());
        headers(out, response.headers());
        body(out, response.body());
        out.writeBoolean(response.endedEarly());
        headers(out, response.trailers());
        out.writeInt(response.interleaving().steps().size());
        for (Interleaving.Step step : response.interleaving().steps()) {
            out.writeLong(step.request());
            out.writeLong(step.response());
        }
        messages(out, response.messages());
        out.writeInt(response.pace().points().size());
        for (Pace.Point point : response.pace().points()) {
            out.writeLong(point.bytes());
            out.writeLong(point.millis());
        }
        return bytes.toByteArray();
    }

    private static void messages(DataOutputStream out, List<Message> messages) throws IOException {
        out.writeInt(messages.size());
        for (Message message : messages) {
            out.writeByte(message.from().ordinal());
            out.writeLong(message.at());
            out.writeLong(message.order());
            out.writeByte(message.kind().ordinal());
            out.writeInt(message.closeCode());
            out.writeBoolean(message.isStored());
            if (message.isStored()) {
                body(out, message.stored());
            } else {
                byte[] payload = message.bytes();
                out.writeInt(payload.length);
                out.write(payload);
            }
        }
    }

    private static List<Message> messages(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Message> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Message.Side from = Message.Side.values()[in.readByte()];
            long at = in.readLong();
            long order = in.readLong();
            Message.Kind kind = Message.Kind.values()[in.readByte()];
            int code = in.readInt();
            if (in.readBoolean()) {
                messages.add(Message.stored(from, at, kind, body(in)).withOrder(order));
                continue;
            }
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            messages.add(kind == Message.Kind.CLOSE
                    ? Message.close(from, at, code, new String(payload, StandardCharsets.UTF_8))
                    : Message.of(from, at, kind, payload).withOrder(order));
        }
        return messages;
    }

    private static RecordedResponse decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        int status = in.readInt();
        if (status == 0) {
            return RecordedResponse.unanswered();
        }
        if (status == -1) {
            return RecordedResponse.conversation(messages(in));
        }
        RecordedResponse response = new RecordedResponse(status, text(in), headers(in), body(in), in.readBoolean(),
                headers(in), interleaving(in), messages(in));
        int n = in.readInt();
        if (n == 0) {
            return response;
        }
        List<Pace.Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Pace.Point(in.readLong(), in.readLong()));
        }
        return response.withPace(Pace.of(points));
    }

    private static Interleaving interleaving(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Interleaving.Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(new Interleaving.Step(in.readLong(), in.readLong()));
        }
        return Interleaving.of(steps);
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
                throw new CassetteException("cannot read a recorded response from the cassette cache " + file.path
                        + ": " + e.getMessage() + "; delete the file and run again", e);
            }
        }
    }

    /** A response read lately, and where its record starts. */
    private static final class Kept {
        final long offset;
        final RecordedResponse response;

        Kept(long offset, RecordedResponse response) {
            this.offset = offset;
            this.response = response;
        }
    }

    /** Closes the channel once no interaction refers to its file any more; holds no reference to the file. */
    private static final class Closer implements Runnable {
        private final RandomAccessFile file;

        Closer(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public void run() {
            try {
                file.close();
            } catch (IOException e) {
                // nothing is lost: it was only read
            }
        }
    }
}
