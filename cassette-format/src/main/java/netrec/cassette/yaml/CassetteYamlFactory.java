package netrec.cassette.yaml;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The Jackson YAML factory whose parsers read cassette and rules files, with {@link YamlTree} making their entries'
 * trees: a replaying JVM builds no {@code ObjectMapper} (its configuration, type factory and deserializers were most
 * of what Jackson cost the first replay of a cassette: a quarter of that JVM's CPU, measured on two cores). A class of
 * its own so that it is built on first use. {@link CassetteMapper}, which writes, starts from the same settings.
 */
final class CassetteYamlFactory {
    static final YAMLFactory FACTORY = builder().build();

    private CassetteYamlFactory() {
    }

    /**
     * The reading settings. A recording file is one YAML document that grows with its JVM's traffic (a Maven build
     * writes thousands of entries), so the reader's limits meant for untrusted input are lifted: the document's size
     * (SnakeYAML stops at 3 MiB by default) and the length of one value or name (Jackson stops at 20 M characters).
     * Nesting stays limited: the format is five levels deep.
     */
    static YAMLFactoryBuilder builder() {
        LoaderOptions unlimitedDocuments = new LoaderOptions();
        unlimitedDocuments.setCodePointLimit(Integer.MAX_VALUE);
        return YAMLFactory.builder()
                .loaderOptions(unlimitedDocuments)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE)
                        .maxDocumentLength(-1).build());
    }
}
