package netrec.cassette.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.Interaction;
import netrec.cassette.template.TemplateException;
import netrec.cassette.template.UriTemplate;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.RulesReader;

/**
 * Jazzer fuzz targets for what netrec reads from a cassette a person may have edited, or a disk may have damaged:
 * the recording files, {@code rules.yaml} and URI templates. Whatever the bytes, the only failure allowed is netrec's
 * own error ({@link CassetteException}, {@link TemplateException}): never another exception, never a hang.
 *
 * <p>In the normal test run each target runs its corpus (the seeds and every crash found so far, under
 * {@code src/test/resources/netrec/cassette/fuzz/CassetteFuzzTestInputs/METHOD/}); the {@code fuzz} profile fuzzes
 * each for a few seconds, and the README says how to fuzz for longer.
 */
class CassetteFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void recordingFileLoadsOrFailsWithNetrecsError(byte[] file) throws IOException {
        Path cassette = Files.createTempDirectory("netrec-fuzz");
        try {
            Files.createDirectories(cassette.resolve("interactions"));
            Files.write(cassette.resolve("interactions").resolve("fuzzed.yaml"), file);
            Cassette loaded;
            try {
                loaded = new CassetteReader(warning -> { }).load(cassette);
            } catch (CassetteException expected) {
                return;
            }
            for (Interaction interaction : loaded.interactions()) {
                String entry = CassetteYaml.entry(interaction);
                if (!entry.startsWith("  - recorded-at: ")) {
                    throw new AssertionError("a loaded interaction writes back as an entry: " + entry);
                }
            }
        } finally {
            deleteTree(cassette);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void rulesLoadOrFailWithNetrecsError(byte[] rules) throws IOException {
        Path cassette = Files.createTempDirectory("netrec-fuzz");
        try {
            Files.write(cassette.resolve("rules.yaml"), rules);
            try {
                RulesReader.read(cassette);
            } catch (CassetteException expected) {
                // netrec's own error, naming rules.yaml
            }
        } finally {
            deleteTree(cassette);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void uriTemplateParsesAndMatchesOrFailsWithNetrecsError(FuzzedDataProvider data) {
        String template = data.consumeString(300);
        String host = data.consumeString(60);
        String path = data.consumeString(200);
        String parameter = data.consumeRemainingAsString();
        UriTemplate parsed;
        try {
            parsed = UriTemplate.parse(template);
        } catch (TemplateException expected) {
            return;
        }
        parsed.host().matches(host);
        parsed.port().matches(host);
        parsed.path().matches(path);
        for (UriTemplate.QueryParameter recorded : parsed.query()) {
            recorded.matches(parameter);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
