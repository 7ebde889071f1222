import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.yaml.CassetteReader;

/**
 * Turns a netrec cassette into WireMock stub mappings (ROOT/mappings, ROOT/__files), so that WireMock plays back
 * exactly the recorded responses. Arguments: CASSETTE WIREMOCK_ROOT.
 */
public final class CassetteToWireMock {
    public static void main(String[] args) throws Exception {
        Cassette cassette = new CassetteReader(System.err::println).load(Paths.get(args[0]));
        Path root = Paths.get(args[1]);
        Files.createDirectories(root.resolve("mappings"));
        Files.createDirectories(root.resolve("__files"));
        BodyStore bodies = new BodyStore(new CassetteLayout(cassette.directory()));
        int n = 0;
        for (Interaction interaction : cassette.interactions()) {
            String uri = interaction.request().uri();
            String url = uri.substring(uri.indexOf('/', uri.indexOf("://") + 3));
            StringBuilder headers = new StringBuilder();
            for (Headers.Field field : interaction.response().headers().fields()) {
                String name = field.name().toLowerCase();
                if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("date")) {
                    continue;
                }
                headers.append(headers.length() == 0 ? "" : ", ").append(json(field.name())).append(": ")
                        .append(json(field.value()));
            }
            Body body = interaction.response().body();
            String bodyField;
            if (body.isStored()) {
                String file = body.sha256();
                try (InputStream in = bodies.open(body)) {
                    Files.copy(in, root.resolve("__files").resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                bodyField = "\"bodyFileName\": " + json(file);
            } else {
                bodyField = "\"body\": " + json(body.isText() ? body.text() : "");
            }
            String mapping = "{\"request\": {\"method\": " + json(interaction.request().method()) + ", \"url\": "
                    + json(url) + "}, \"response\": {\"status\": " + interaction.response().status()
                    + ", \"headers\": {" + headers + "}, " + bodyField + "}}";
            Files.write(root.resolve("mappings").resolve("m" + (n++) + ".json"), mapping.getBytes(StandardCharsets.UTF_8));
        }
        System.out.println(n + " mappings");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
