package netrec.cassette.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link YamlTree} makes the tree {@code ObjectMapper.readTree} makes, node type for node type. */
class YamlTreeTest {
    @Test
    void everyValueKindAsJacksonsMapperReadsIt() throws IOException {
        assertSameTree(String.join("\n",
                "version: 3",
                "small: 200",
                "negative: -7",
                "long: 5000000000",
                "huge: 123456789012345678901234567890",
                "hex: 0x1F",
                "double: 1.5",
                "exponent: 6.02e23",
                "quoted: '200'",
                "yes: true",
                "no: false",
                "nothing: null",
                "tilde: ~",
                "empty:",
                "binary: !!binary aGVsbG8=",
                "text: |",
                "  line one",
                "  line two",
                "twice: first",
                "twice: last",
                "list:",
                "  - a",
                "  - {b: 1, c: [2, 3.0, 'x']}",
                "  - []",
                "  - {}",
                "nested: {deeper: {deepest: [null, true]}}",
                ""));
    }

    @Test
    void everyCassetteAndRulesFileOfTheTestsAsJacksonsMapperReadsIt() throws IOException {
        Path root = Paths.get("..").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().contains("/src/test/resources/") && !p.toString().contains("/target/")
                    && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                    .collect(Collectors.toList());
        }
        assertFalse(files.isEmpty(), "the repository's test cassettes are found from " + root);
        for (Path file : files) {
            assertSameTree(Files.readString(file));
        }
    }

    private static void assertSameTree(String yaml) throws IOException {
        JsonNode expected = CassetteMapper.MAPPER.readTree(yaml);
        try (JsonParser parser = CassetteYamlFactory.FACTORY.createParser(yaml)) {
            assertTrue(parser.nextToken() != null, yaml);
            JsonNode tree = YamlTree.read(parser);
            assertEquals(expected, tree, yaml);
            assertEquals(expected.toString(), tree.toString(), "keys in the same order: " + yaml);
            assertEquals(null, parser.nextToken(), "the parser is left at the value's last token");
        }
    }
}
