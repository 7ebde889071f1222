package netrec.cassette.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import netrec.cassette.Cassette;
import netrec.cassette.Headers;
import netrec.cassette.ConnectFailure;
import netrec.cassette.Failure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.Server;
import netrec.cassette.StoredResponse;
import netrec.cassette.Tls;

/**
 * A cassette as loaded for replay, kept in two binary files outside it, so that the next JVM to replay it (every
 * JVM a build forks) reads those instead of parsing the YAML again, and no JVM keeps responses in its heap. It holds
 * the model, already brought up to the current format; any change to what it holds raises {@code CACHE_VERSION},
 * so that a cache an older netrec wrote is written again, never misread.
 *
 * <ul>
 *   <li>{@code <name>.responses} ({@link CacheFileName} of the cassette's path): every response, one record after
 *       another; interactions loaded for replay read theirs from here when served ({@link StoredResponse}). It is
 *       written while the YAML is read, entry by entry, so a cassette of any size loads in the heap its requests
 *       need.
 *   <li>{@code <name>.index}: everything else (requests, servers, DNS answers, notes, body files), each response's
 *       place in the responses file, and the name, size, CRC-32C and CRC-32 of every recording file when it was
 *       written.
 *       It is used only while their content is unchanged; any change, and the YAML is read again.
 * </ul>
 *
 * A random generation number in both files ties an index to its responses file, so two JVMs writing at once never
 * pair one's index with the other's responses. Equal request headers and servers are loaded as one object. A
 * cassette's files that no JVM read for a week are removed as another cassette's are written ({@link UnusedFiles}).
 */
public final class CassetteCache {
    private static final int MAGIC = 0x4e524958;
    /**
     * The layout of the index and responses files: 3 added each interaction's protocol, 4 trailers, 5 unanswered
     * requests, 6 interleaved responses, 7 messages (WebSocket and TCP conversations), 8 connections, paces and
     * failures.
     */
    private static final int CACHE_VERSION = 9;

    private final Path file;
    private final Path responses;

    /**
     * Whether a file of the cache folder is a cassette's index or responses, or one being written: what {@link
     * UnusedFiles} removes once no JVM used it for a week (the folder also holds body checksums, kept).
     */
    static boolean isCached(String name) {
        return name.endsWith(".index") || name.endsWith(".responses")
                || (name.startsWith("index") || name.startsWith("responses")) && name.endsWith(".tmp");
    }

    /** The cache of {@code cassette} in {@code directory} (a cache folder, shared by all cassettes). */
    public CassetteCache(Path directory, Path cassette) {
        String name = CacheFileName.of(cassette.toAbsolutePath().normalize().toString());
        this.file = directory.resolve(name + ".index");
        this.responses = directory.resolve(name + ".responses");
    }

    /**
     * The cassette as cached, or null when there is no cache, it was written by a netrec of another cache version,
     * or the recording files changed since.
     */
    public Cassette read(Path cassette, List<Path> recordingFiles) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != CACHE_VERSION || !stamps(recordingFiles).equals(readStrings(in))) {
                return null;
            }
            UnusedFiles.used(file.toFile());
            UnusedFiles.used(responses.toFile());
            ResponseFile stored = ResponseFile.open(responses, in.readLong());
            if (stored == null) {
                return null;
            }
            Shared shared = new Shared();
            List<Interaction> interactions = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                Interaction interaction = new Interaction(instant(in), shared.server(server(in)),
                        shared.protocol(text(in)), shared.request(request(in)), stored.response(in.readLong()),
                        text(in));
                int connection = in.readInt();
                interactions.add(connection == 0 ? interaction : interaction.inConnection(connection));
            }
            List<HostLookup> lookups = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                Instant at = instant(in);
                String host = text(in);
                List<String> addresses = readStrings(in);
                lookups.add(in.readBoolean() ? HostLookup.failed(at, host, new Failure(text(in), text(in)))
                        : new HostLookup(at, host, addresses));
            }
            List<ConnectFailure> failures = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                failures.add(new ConnectFailure(instant(in), in.readInt(), server(in), new Failure(text(in), text(in)),
                        text(in)));
            }
            List<String> notes = readStrings(in);
            Map<String, String> bodyFiles = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                bodyFiles.put(text(in), text(in));
            }
            return new Cassette(cassette, interactions, lookups, notes, bodyFiles, failures);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Starts writing the cache of a cassette being read from {@code recordingFiles}. */
    public Writer writer(List<Path> recordingFiles) throws IOException {
        return new Writer(recordingFiles);
    }

    /**
     * Takes the interactions of a cassette as it is read, moving each one's response to a new responses file, then
     * writes the index beside it. Until {@link #publish} the files have temporary names, and {@link #close} removes
     * them (the loaded cassette still reads the responses it holds open).
     */
    public final class Writer implements Closeable {
        private final List<String> stamps;
        private final long generation = ThreadLocalRandom.current().nextLong();
        private final Path temporary;
        private final DataOutputStream out;
        private final ResponseFile stored;
        private final Shared shared = new Shared();
        private long offset;
        private boolean published;

        private Writer(List<Path> recordingFiles) throws IOException {
            stamps = stamps(recordingFiles);
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), "responses", ".tmp");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
            ResponseFile.writeHeader(out, generation);
            offset = out.size();
            stored = ResponseFile.open(temporary);
        }

        /** {@code interaction} as the cassette keeps it: its response in the responses file, not in the heap. */
        public Interaction keep(Interaction interaction) throws IOException {
            byte[] record = ResponseFile.encode(interaction.response());
            out.writeInt(record.length);
            out.write(record);
            long at = offset;
            offset += Integer.BYTES + record.length;
            Interaction kept = new Interaction(interaction.recordedAt(), shared.server(interaction.server()),
                    shared.protocol(interaction.protocol()), shared.request(interaction.request()), stored.response(at),
                    interaction.source());
            return interaction.connection() == 0 ? kept : kept.inConnection(interaction.connection());
        }

        /** Call once every interaction is kept: from then on their responses can be read. */
        public void finishResponses() throws IOException {
            out.close();
        }

        /** Writes the index of {@code cassette}, whose interactions this writer kept; a failure only costs speed. */
        public void publish(Cassette cassette) {
            Path index = null;
            try {
                index = Files.createTempFile(file.getParent(), "index", ".tmp");
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index),
                        1 << 16))) {
                    writeIndex(out, cassette);
                }
                Files.move(temporary, responses, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(index, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                published = true;
                UnusedFiles.removeUnused(file.getParent().toFile(), System.currentTimeMillis(),
                        CassetteCache::isCached);
            } catch (IOException | RuntimeException e) {
                // a cache is only a shortcut: the YAML stays the cassette
                deleteQuietly(index);
            }
        }

        private void writeIndex(DataOutputStream out, Cassette cassette) throws IOException {
            out.writeInt(MAGIC);
            out.writeInt(CACHE_VERSION);
            writeStrings(out, stamps);
            out.writeLong(generation);
            out.writeInt(cassette.interactions().size());
            for (Interaction interaction : cassette.interactions()) {
                instant(out, interaction.recordedAt());
                server(out, interaction.server());
                text(out, interaction.protocol());
                request(out, interaction.request());
                out.writeLong(stored.offsetOf(interaction));
                text(out, interaction.source());
                out.writeInt(interaction.connection());
            }
            out.writeInt(cassette.lookups().size());
            for (HostLookup lookup : cassette.lookups()) {
                instant(out, lookup.recordedAt());
                text(out, lookup.host());
                writeStrings(out, lookup.addresses());
                out.writeBoolean(lookup.failure() != null);
                if (lookup.failure() != null) {
                    text(out, lookup.failure().error());
                    text(out, lookup.failure().message());
                }
            }
            out.writeInt(cassette.failures().size());
            for (ConnectFailure failure : cassette.failures()) {
                instant(out, failure.recordedAt());
                out.writeInt(failure.connection());
                server(out, failure.server());
                text(out, failure.failure().error());
                text(out, failure.failure().message());
                text(out, failure.source());
            }
            writeStrings(out, cassette.incompleteNotes());
            out.writeInt(cassette.bodyFiles().size());
            for (Map.Entry<String, String> body : cassette.bodyFiles().entrySet()) {
                text(out, body.getKey());
                text(out, body.getValue());
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (!published) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary file is left behind
        }
    }

    /**
     * Loads equal request headers, servers and protocols once: a build sends the same headers to the same server
     * thousands of times.
     */
    private static final class Shared {
        private final Map<Object, Object> known = new HashMap<>();

        String protocol(String protocol) {
            return (String) known.computeIfAbsent(List.of("protocol", protocol), k -> protocol);
        }

        Server server(Server server) {
            return (Server) known.computeIfAbsent(List.of("server", server.host(), server.port(), server.address(),
                    server.via(), tlsKey(server.tls())), k -> server);
        }

        RecordedRequest request(RecordedRequest request) {
            Headers headers = (Headers) known.computeIfAbsent(request.headers(), k -> request.headers());
            String method = (String) known.computeIfAbsent(request.method(), k -> request.method());
            return headers == request.headers() && method == request.method() ? request
                    : new RecordedRequest(method, request.uri(), headers, request.body());
        }

        private static List<String> tlsKey(Tls tls) {
            return tls == null ? List.of() : List.of(tls.protocol(), tls.cipherSuite(), tls.applicationProtocol(),
                    tls.certificates());
        }
    }

    /**
     * Name, size, CRC-32C and CRC-32 of each recording file, in order: the cache stands for the files' content, so
     * any edit (even one that keeps the size and the modification time) makes the YAML be read again. Two checksums of
     * different polynomials, 64 bits between them, where a SHA-256 would load the JDK's security providers in a JVM
     * that may need none (a replay of plain HTTP): the JDK computes both at tens of GB/s, C1 and C2 alike. They tell
     * an edit, not an attack: the cache folder is the user's own, as the class cache beside it, whose classes netrec
     * loads.
     */
    private static List<String> stamps(List<Path> files) throws IOException {
        List<String> stamps = new ArrayList<>();
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            CRC32C crc32c = new CRC32C();
            CRC32 crc32 = new CRC32();
            long size = 0;
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) >= 0; size += n) {
                    crc32c.update(buffer, 0, n);
                    crc32.update(buffer, 0, n);
                }
            }
            stamps.add(f.toAbsolutePath().normalize() + "|" + size + "|" + Long.toHexString(crc32c.getValue()) + "|"
                    + Long.toHexString(crc32.getValue()));
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
        ResponseFile.headers(out, request.headers());
        ResponseFile.body(out, request.body());
    }

    private static RecordedRequest request(DataInputStream in) throws IOException {
        return new RecordedRequest(text(in), text(in), ResponseFile.headers(in), ResponseFile.body(in));
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
        ResponseFile.text(out, text);
    }

    private static String text(DataInputStream in) throws IOException {
        return ResponseFile.text(in);
    }
}
