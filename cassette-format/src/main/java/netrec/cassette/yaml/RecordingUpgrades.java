package netrec.cassette.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;
import netrec.cassette.Interaction;

/**
 * Brings one entry of an older recording file up to the current format, a version at a time, so that a cassette
 * any netrec recorded still loads (mitmproxy upgrades its flow files the same way). Each step takes an entry as a
 * file of version N holds it, still the YAML tree and before it becomes the model, and returns it as version N+1
 * would hold it; an entry of a version-1 file goes through every step, one of the current version through none.
 * The file itself is left as it is.
 *
 * <p>To change the format: raise {@link CassetteYaml#RECORDING_VERSION}, add the step from the version before it
 * at the end of {@link #STEPS}, change the writer and the reader, and add a golden file of the new version.
 */
final class RecordingUpgrades {
    /** Step {@code i} takes an entry of version {@code i + 1} to version {@code i + 2}. */
    private static final List<UnaryOperator<ObjectNode>> STEPS = List.of(
            RecordingUpgrades::everyInteractionSaysItsProtocol, // 1 -> 2
            RecordingUpgrades::unchanged, // 2 -> 3
            RecordingUpgrades::unchanged, // 3 -> 4
            RecordingUpgrades::unchanged, // 4 -> 5
            RecordingUpgrades::unchanged); // 5 -> 6

    private RecordingUpgrades() {
    }

    /** {@code entry}, read from a file of format {@code version}, as the current version has it. */
    static ObjectNode upgrade(ObjectNode entry, int version) {
        ObjectNode upgraded = entry;
        for (int from = version; from < CassetteYaml.RECORDING_VERSION; from++) {
            upgraded = STEPS.get(from - 1).apply(upgraded);
        }
        return upgraded;
    }

    /** How many steps there are: one for each version before the current one. */
    static int steps() {
        return STEPS.size();
    }

    /**
     * 2 -> 3 to 5 -> 6: each only adds what the version before could not hold (version 3 a response's
     * {@code trailers}, the {@code h2} protocol and {@code response: {unanswered: true}}; version 4 {@code messages},
     * {@code websocket} and {@code tcp}; version 5 {@code connection}, a response's {@code pace} and entries that
     * {@code failed}; version 6 a TCP client turn's {@code order}), so an entry of the older version is one of the
     * newer as it is: its connection is not known, its response came at once, and its turns' order is not known.
     */
    private static ObjectNode unchanged(ObjectNode entry) {
        return entry;
    }

    /** 1 -> 2: every interaction says its protocol; every one that version 1 could hold was HTTP/1.1. */
    private static ObjectNode everyInteractionSaysItsProtocol(ObjectNode entry) {
        if (entry.has("request") || entry.has("response")) {
            entry.put("protocol", Interaction.HTTP_1_1);
        }
        return entry;
    }
}
