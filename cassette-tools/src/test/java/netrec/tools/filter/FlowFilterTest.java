package netrec.tools.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.yaml.CassetteReader;
import netrec.testing.FilterExamples;
import netrec.tools.command.UsageException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter language, as tables: each filter of {@link FilterExamples} and the interactions it picks (numbered as
 * list numbers them), then each wrong filter and its one-line reason.
 */
class FlowFilterTest {
    /** A wrong filter, and what is said of it. */
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();
    private static final String VALID = "; valid: ~d ~m ~c ~u ~h ~hq ~hs ~b ~bq ~bs ~t ~tq ~ts ~q ~s, ! & | ( ), or a "
            + "bare URL regex";

    static {
        REFUSED.put("~c abc", "filter '~c abc': ~c needs a status code such as 404, not 'abc'" + VALID);
        REFUSED.put("~x y", "filter '~x y': unknown filter '~x'" + VALID);
        REFUSED.put("~m", "filter '~m': ~m needs a value" + VALID);
        REFUSED.put("~m & ~c 200", "filter '~m & ~c 200': ~m needs a value" + VALID);
        REFUSED.put("(~m GET", "filter '(~m GET': a '(' is not closed" + VALID);
        REFUSED.put("~m GET )", "filter '~m GET )': unexpected ')'" + VALID);
        REFUSED.put("~m GET &", "filter '~m GET &': it ends where a filter should follow" + VALID);
        REFUSED.put("~u [a", "filter '~u [a': '[a' is not a regular expression (Unclosed character class)" + VALID);
        REFUSED.put("'open", "filter ''open': the quote at column 1 is not closed");
        REFUSED.put("  ", "filter is empty; try ~m POST, ~c 404, ~d example.com, or see README");
    }

    @TempDir
    static Path work;
    private static Path cassette;

    @BeforeAll
    static void cassette() throws Exception {
        cassette = FilterExamples.cassette(work.resolve("cassette"));
    }

    /** The numbers of the interactions {@code filter} picks, as {@code list --filter} shows them. */
    private static List<Integer> picked(String filter) {
        FlowFilter parsed = FlowFilter.parse(filter);
        BodyStore bodies = new BodyStore(new CassetteLayout(cassette));
        List<Integer> picked = new ArrayList<>();
        int[] n = {0};
        new CassetteReader(w -> { }).read(cassette, interaction -> {
            n[0]++;
            if (parsed.matches(Flow.of(interaction, bodies))) {
                picked.add(n[0]);
            }
        });
        return picked;
    }

    @Test
    void eachFilterPicksItsInteractions() {
        for (Map.Entry<String, List<Integer>> filter : FilterExamples.PICKS.entrySet()) {
            assertEquals(filter.getValue(), picked(filter.getKey()), "filter '" + filter.getKey() + "'");
        }
    }

    @Test
    void eachWrongFilterIsRefusedSayingWhy() {
        for (Map.Entry<String, String> filter : REFUSED.entrySet()) {
            UsageException refused = assertThrows(UsageException.class, () -> FlowFilter.parse(filter.getKey()),
                    filter.getKey());
            assertEquals(filter.getValue(), refused.getMessage(), "filter '" + filter.getKey() + "'");
        }
    }
}
