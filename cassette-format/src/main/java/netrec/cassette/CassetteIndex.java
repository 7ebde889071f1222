package netrec.cassette;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * A cassette as loaded, kept in a compact binary file outside it, so that the next JVM to replay it (every JVM a
 * build forks) reads that instead of parsing the YAML again. It is used only while every recording file has the
 * name, size and modification time it had when it was written; any change, and the YAML is read again.
 */
public final class CassetteIndex {
    private static final int MAGIC = 0x4e524958;
    private static final int INDEX_VERSION = 1;

    private final Path file;

    /** The index of {@code cassette} in {@code directory} (a cache folder, shared by all cassettes). */
    public CassetteIndex(Path directory, Path cassette) {
        this.file = directory.resolve(hash(cassette.toAbsolutePath().normalize().toString()) + ".index");
    }

    /** The cassette as indexed, or null when there is no index or the recording files changed since. */
    public Cassette read(Path cassette, List<Path> recordingFiles) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != INDEX_VERSION
                    || in.readInt() != CassetteLayout.FORMAT_VERSION || !stamps(recordingFiles).equals(readStrings(in))) {
                return null;
            }
            List<Interaction> interactions = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                interactions.add(new Interaction(instant(in), server(in), request(in), response(in), text(in)));
            }
            List<HostLookup> lookups = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                lookups.add(new HostLookup(instant(in), text(in), readStrings(in)));
            }
            return new Cassette(cassette, interactions, lookups, readStrings(in));
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Writes the index of {@code cassette}, loaded from {@code recordingFiles}; a failure only costs speed. */
    public void write(Cassette cassette, List<Path> recordingFiles) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "index", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary),
                    1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(INDEX_VERSION);
                out.writeInt(CassetteLayout.FORMAT_VERSION);
                writeStrings(out, stamps(recordingFiles));
                out.writeInt(cassette.interactions().size());
                for (Interaction interaction : cassette.interactions()) {
                    instant(out, interaction.recordedAt());
                    server(out, interaction.server());
                    request(out, interaction.request());
                    response(out, interaction.response());
                    text(out, interaction.source());
                }
                out.writeInt(cassette.lookups().size());
                for (HostLookup lookup : cassette.lookups()) {
                    instant(out, lookup.recordedAt());
                    text(out, lookup.host());
                    writeStrings(out, lookup.addresses());
                }
                writeStrings(out, cassette.incompleteNotes());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // an index is only a shortcut: the YAML stays the cassette
        }
    }

    /** Name, size and modification time of each recording file, in order. */
    private static List<String> stamps(List<Path> files) throws IOException {
        List<String> stamps = new ArrayList<>();
        for (Path f : files) {
            BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
            stamps.add(f.toAbsolutePath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
        }
        return stamps;
    }

    private static void server(DataOutputStream out, Server server) throws IOException {
        text(out, server.host());
        out.writeInt(server.port());
        text(out, server.address());
        text(out, server.via());
        Tls tls = server.tls();
        out.writeBoolean(tls != null);
        if (tls != null) {
            text(out, tls.protocol());
            text(out, tls.cipherSuite());
            text(out, tls.applicationProtocol());
            text(out, tls.certificates());
        }
    }

    private static Server server(DataInputStream in) throws IOException {
        String host = text(in);
        int port = in.readInt();
        String address = text(in);
        String via = text(in);
        Tls tls = in.readBoolean() ? new Tls(text(in), text(in), text(in), text(in)) : null;
        return new Server(host, port, address, via, tls);
    }

    private static void request(DataOutputStream out, RecordedRequest request) throws IOException {
        text(out, request.method());
        text(out, request.uri());
        headers(out, request.headers());
        body(out, request.body());
    }

    private static RecordedRequest request(DataInputStream in) throws IOException {
        return new RecordedRequest(text(in), text(in), headers(in), body(in));
    }

    private static void response(DataOutputStream out, RecordedResponse response) throws IOException {
        out.writeInt(response.status());
        text(out, response.reason());
        headers(out, response.headers());
        body(out, response.body());
        out.writeBoolean(response.endedEarly());
    }

    private static RecordedResponse response(DataInputStream in) throws IOException {
        return new RecordedResponse(in.readInt(), text(in), headers(in), body(in), in.readBoolean());
    }

    private static void headers(DataOutputStream out, Headers headers) throws IOException {
        out.writeInt(headers.fields().size());
        for (Headers.Field field : headers.fields()) {
            text(out, field.name());
            text(out, field.value());
        }
    }

    private static Headers headers(DataInputStream in) throws IOException {
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

    private static void body(DataOutputStream out, Body body) throws IOException {
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

    private static Body body(DataInputStream in) throws IOException {
        switch (in.readByte()) {
            case 1:
                return Body.text(text(in));
            case 2:
                return Body.stored(text(in), in.readLong());
            default:
                return Body.empty();
        }
    }

    private static void instant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            text(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            strings.add(text(in));
        }
        return strings;
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String hash(String text) {
        return DigestUtils.sha256Hex(text).substring(0, 32);
    }
}
