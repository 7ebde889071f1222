package netrec.cassette.yaml;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Jackson mapper that writes what {@link CassetteYaml} does not write by hand. A class of its own so that it is
 * built on first use: a recording JVM whose entries are all written by hand, and a replaying one, never load
 * Jackson's databind mapper (some 400 classes, a quarter of a second of its recorder's first write).
 */
final class CassetteMapper {
    /** Writes cassette YAML, with the reading settings of {@link CassetteYamlFactory}. */
    static final YAMLMapper MAPPER = YAMLMapper.builder(CassetteYamlFactory.builder()
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
}
