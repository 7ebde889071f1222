package netrec.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A published cassette: every file of its folder (recordings, bodies, certificates, rules; not netrec's own
 * {@code .netrec}) by path, with the SHA-256 and size of the object in the store that holds its bytes. A cassette
 * appears in a store when its manifest does, in one write, after all its objects: a reader sees a whole cassette or
 * the one before. {@code version: 1}, first, as every netrec file has.
 */
public final class Manifest {
    public static final int VERSION = 1;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** One file of the cassette: where it goes in the folder, and the object with its bytes. */
    public record Entry(String path, String sha256, long size) {
    }

    private final String cassette;
    private final String published;
    private final String netrec;
    private final List<Entry> files;

    public Manifest(String cassette, String published, String netrec, List<Entry> files) {
        this.cassette = cassette;
        this.published = published;
        this.netrec = netrec;
        List<Entry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Entry::path));
        this.files = List.copyOf(sorted);
    }

    public String cassette() {
        return cassette;
    }

    public String published() {
        return published;
    }

    public List<Entry> files() {
        return files;
    }

    public long size() {
        long total = 0;
        for (Entry entry : files) {
            total += entry.size();
        }
        return total;
    }

    public byte[] toYaml() throws IOException {
        ObjectNode root = YAML.createObjectNode();
        root.put("version", VERSION);
        root.put("cassette", cassette);
        root.put("published", published);
        root.put("netrec", netrec);
        ArrayNode list = root.putArray("files");
        for (Entry entry : files) {
            list.addObject().put("path", entry.path()).put("sha256", entry.sha256()).put("size", entry.size());
        }
        return YAML.writeValueAsBytes(root);
    }

    /** Reads a manifest; a message naming {@code source} and what is wrong when it is not one netrec can use. */
    public static Manifest read(byte[] yaml, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(new String(yaml, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(source + " is not a cassette's manifest (" + e.getMessage().lines().findFirst()
                    .orElse("unreadable") + ")", e);
        }
        if (root == null || !root.path("version").canConvertToInt()) {
            throw new IOException(source + " is not a cassette's manifest: it has no version: first");
        }
        int version = root.path("version").asInt();
        if (version != VERSION) {
            throw new IOException(source + " is a manifest of version " + version + ", and this netrec reads version "
                    + VERSION + ": " + (version > VERSION ? "use a newer netrec to read it" : "publish it again"));
        }
        List<Entry> files = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            String path = file.path("path").asText("");
            String sha256 = file.path("sha256").asText("");
            if (!safePath(path) || !SHA256.matcher(sha256).matches() || !file.path("size").canConvertToLong()) {
                throw new IOException(source + " has a file netrec cannot place: " + file + " (a relative path "
                        + "inside the cassette, a SHA-256 in lower-case hex and a size are needed)");
            }
            files.add(new Entry(path, sha256, file.path("size").asLong()));
        }
        return new Manifest(root.path("cassette").asText(""), root.path("published").asText(""),
                root.path("netrec").asText(""), files);
    }

    /** A path that stays inside the cassette's folder, and out of netrec's own {@code .netrec}. */
    static boolean safePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(".netrec")) {
                return false;
            }
        }
        return true;
    }
}
