package netrec.tools.importing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.Redacted;
import netrec.cassette.Redaction;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.RecordingFile;
import netrec.tools.command.UsageException;

/**
 * What the importers (HAR, WireMock) share: a recording file of a stable name in a cassette, bodies in its store,
 * headers redacted as the agent redacts them, servers from URLs. Interactions are collected, then written at once by
 * {@link #write}, so that a problem found half way leaves no recording file.
 */
public final class ImportedRecording {
    private final CassetteLayout layout;
    private final BodyStore bodies;
    private final Redaction redaction;
    private final List<String> entries = new ArrayList<>();
    private final Set<String> hostsLookedUp = new HashSet<>();
    private int interactions;

    /**
     * {@code redact}: as the agent's {@code redact=} ({@code ;}-separated names added to the default, {@code -NAME}
     * kept in clear, {@code none} for none), or null for the agent's default.
     */
    public ImportedRecording(Path cassette, String redact) {
        this.layout = new CassetteLayout(cassette);
        this.bodies = new BodyStore(layout);
        try {
            this.redaction = Redaction.parse(redact);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--redact: " + e.getMessage());
        }
    }

    public Body body(byte[] bytes) throws IOException {
        BodyStore.BodyWriter writer = bodies.newBody();
        writer.write(bytes, 0, bytes.length);
        return writer.finish();
    }

    /** The header, its value replaced by netrec's placeholder when its name is one to redact. */
    public Headers.Field header(String name, String value) {
        return new Headers.Field(name, redaction.redacts(name) ? Redacted.VALUE : value);
    }

    /**
     * The server of {@code url}. An HTTPS server gets TLS 1.3 and no certificate chain: neither HAR nor WireMock
     * keeps one. {@code address} (may be null) is where the name resolved, when the source says.
     */
    public static Server server(URI url, String protocol, String address) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        Tls tls = https ? new Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256",
                Interaction.HTTP_2.equals(protocol) ? "h2" : "http/1.1", null) : null;
        return new Server(url.getHost(), port, address, null, tls);
    }

    /** Adds an interaction, after a DNS answer for its host the first time the source named an address for it. */
    public void add(Interaction interaction) {
        Server server = interaction.server();
        if (server.address() != null && !server.host().equals(server.address()) && hostsLookedUp.add(server.host())) {
            entries.add(CassetteYaml.entry(new HostLookup(interaction.recordedAt(), server.host(),
                    List.of(server.address()))));
        }
        entries.add(CassetteYaml.entry(interaction));
        interactions++;
    }

    public int interactions() {
        return interactions;
    }

    /** Writes everything added as {@code interactions/NAME.yaml} (or the next free NAME-2.yaml); returns the file. */
    public Path write(String name) throws IOException {
        String fileName = name.replaceAll("[^A-Za-z0-9._-]", "_");
        RecordingFile file = RecordingFile.named(layout, Instant.now(), fileName.isEmpty() ? "imported" : fileName);
        entries.forEach(file::append);
        file.close();
        return file.path();
    }
}
