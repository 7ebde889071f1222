package netrec.tools.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.Pace;
import netrec.cassette.yaml.CassetteReader;
import netrec.tools.filter.Flow;

/**
 * The page of {@code view}: one HTML page, self-contained (no server, no network: its script, style and data are
 * inside it), that lists the cassette's interactions, filters them with {@code FlowFilter}'s language, shows one in
 * full (headers; JSON, XML and form bodies pretty-printed; images as images; bodies over {@link Flow#BODY_LIMIT}
 * named with their size only), and, after a replay, the misses next to their nearest recorded interaction and the
 * interactions never used.
 */
public final class ViewPage {
    private static final Pattern SOURCE = Pattern.compile("\\(([^()\\s]+:\\d+)\\)\\s*$", Pattern.MULTILINE);
    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();

    public ViewPage(Path directory) {
        this.directory = directory;
    }

    public String html(Consumer<String> warnings) throws IOException {
        CassetteLayout layout = new CassetteLayout(directory);
        BodyStore bodies = new BodyStore(layout);
        ObjectNode data = json.createObjectNode();
        data.put("cassette", directory.toAbsolutePath().normalize().toString());
        ArrayNode rows = data.putArray("interactions");
        int[] n = {0};
        try {
            new CassetteReader(warnings).read(directory, interaction -> {
                try {
                    rows.add(row(++n[0], interaction, bodies));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ArrayNode misses = data.putArray("misses");
        for (String block : missBlocks(layout.missReport())) {
            ObjectNode miss = misses.addObject();
            miss.put("text", block);
            Matcher nearest = Pattern.compile("nearest: .*?\\(([^()\\s]+:\\d+)\\)").matcher(block);
            if (nearest.find()) {
                miss.put("nearest", nearest.group(1));
            }
        }
        ArrayNode unused = data.putArray("unused");
        neverUsed(layout.replayReport()).forEach(unused::add);
        String template;
        try (InputStream in = ViewPage.class.getResourceAsStream("view.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return template.replace("/*NETREC_DATA*/{}", json.writeValueAsString(data).replace("</", "<\\/"));
    }

    private ObjectNode row(int n, Interaction interaction, BodyStore bodies) throws IOException {
        ObjectNode row = json.createObjectNode();
        row.put("n", n);
        row.put("time", interaction.recordedAt().toString());
        List<Pace.Point> pace = interaction.response().pace().points();
        if (pace.isEmpty()) {
            row.putNull("duration");
        } else {
            row.put("duration", pace.get(pace.size() - 1).millis());
        }
        String source = interaction.source();
        row.put("source", source);
        row.put("jvm", source.replaceFirst(":\\d+$", "").replaceFirst("^.*/", ""));
        row.put("protocol", interaction.protocol());
        row.put("host", interaction.server().host());
        row.put("method", interaction.request().method());
        row.put("url", interaction.request().uri());
        headers(row.putArray("requestHeaders"), interaction.request().headers());
        row.set("requestBody", body(interaction.request().body(), bodies));
        if (interaction.response().isUnanswered()) {
            row.putNull("status");
            row.put("size", 0);
        } else if (interaction.response().isConversation()) {
            row.put("status", "tcp");
            row.put("reason", interaction.response().messages().size() + " turns (see netrec show)");
            row.put("size", 0);
        } else {
            row.put("status", interaction.response().status());
            row.put("reason", interaction.response().reason() == null ? "" : interaction.response().reason());
            row.put("size", interaction.response().body().size());
            headers(row.putArray("responseHeaders"), interaction.response().headers());
            row.set("responseBody", body(interaction.response().body(), bodies));
        }
        return row;
    }

    private static void headers(ArrayNode list, Headers headers) {
        for (Headers.Field field : headers.fields()) {
            list.addArray().add(field.name()).add(field.value());
        }
    }

    private ObjectNode body(Body body, BodyStore bodies) throws IOException {
        ObjectNode node = json.createObjectNode();
        node.put("size", body.size());
        if (body.isEmpty()) {
            return node;
        }
        if (body.size() > Flow.BODY_LIMIT) {
            node.put("omitted", true);
            return node;
        }
        byte[] bytes;
        try (InputStream in = bodies.open(body)) {
            bytes = in.readAllBytes();
        }
        String text = Message.readable(bytes);
        if (text != null) {
            node.put("text", text);
        } else {
            node.put("base64", Base64.getEncoder().encodeToString(bytes));
        }
        return node;
    }

    /** The blocks of replay-misses.txt: each miss, as replay explained it. */
    private static List<String> missBlocks(Path file) throws IOException {
        List<String> blocks = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return blocks;
        }
        for (String block : Files.readString(file).split("\n\n")) {
            if (!block.isBlank()) {
                blocks.add(block.strip());
            }
        }
        return blocks;
    }

    /** {@code file:line} of each interaction the launcher's replay-report.txt lists as never used. */
    private static List<String> neverUsed(Path report) throws IOException {
        List<String> sources = new ArrayList<>();
        if (!Files.isRegularFile(report)) {
            return sources;
        }
        String text = Files.readString(report);
        int section = text.indexOf("# never used\n");
        if (section >= 0) {
            Matcher source = SOURCE.matcher(text.substring(section));
            while (source.find()) {
                sources.add(source.group(1));
            }
        }
        return sources;
    }
}
