package netrec.cassette.yaml;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The Jackson mapper that reads cassette YAML, and writes what {@link CassetteYaml} does not write by hand. A class of
 * its own so that it is built on first use: a recording JVM whose entries are all written by hand never loads
 * Jackson's databind (some 400 classes, a quarter of a second of its recorder's first write).
 */
final class CassetteMapper {
    /**
     * Reads and writes cassette YAML. A recording file is one YAML document that grows with its JVM's traffic (a
     * Maven build writes thousands of entries), so the reader's limits meant for untrusted input are lifted: the
     * document's size (SnakeYAML stops at 3 MiB by default) and the length of one value or name (Jackson stops at
     * 20 M characters). Nesting stays limited: the format is five levels deep.
     */
    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(unlimitedDocuments())
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE)
                            .maxDocumentLength(-1).build())
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .stringQuotingChecker(new NumberLikeQuoting())
                    .build())
            .build();

    private CassetteMapper() {
    }

    private static LoaderOptions unlimitedDocuments() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }
}
