package netrec.cassette.match;

import java.util.List;

/**
 * What reads some keys of {@code rules.yaml}: a matcher, or the rules of conversations' turns. The cassette format
 * keeps every key as written; the one that reads a key says what is wrong with its values.
 */
public interface RuleKeys {
    /** The keys this reads; none by default. */
    default List<String> keys() {
        return List.of();
    }

    /** What is wrong with {@code values} of {@code key} (one of {@link #keys}), or null when they are fine. */
    default String problem(String key, List<String> values) {
        return null;
    }
}
