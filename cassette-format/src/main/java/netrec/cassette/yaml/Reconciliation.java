package netrec.cassette.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new recording set beside the file it replaces, so that version control shows what changed and nothing else.
 * Entries are compared with what changes by itself left out ({@link VolatileLines}): when every entry of the new
 * recording has its equal in the old file and none is left over (in any order: threads finish in any order), the old
 * file stays as it was, but for the day it was recorded in its head; otherwise each new entry that has its equal keeps
 * the old text, and an entry that changed is written anew but for the lines that change by themselves (the server's
 * {@code Date} and the like), which keep the values of the entry it replaces, so its diff is the lines that changed.
 * Connection numbers (format 5) and TCP turns' order (format 6) are then the new recording's throughout, kept entries
 * included: which entries shared a connection, in which order connections opened and in which order the servers
 * answered, must be one recording's.
 */
public final class Reconciliation {
    private static final Pattern IDENTITY = Pattern.compile("(?m)^(    lookup: .*|      host: .*|      port: .*"
            + "|    protocol: .*|      method: .*|      uri: .*)$");

    private Reconciliation() {
    }

    /**
     * What to write: {@code fresh} (a published file's text) set beside {@code old}. When every entry is equal, the
     * old entries under the new head: the same text, but for the day in {@code started:} when it moved.
     */
    public static RecordingText of(RecordingText old, RecordingText fresh) {
        List<String> oldKeys = keys(old.entries());
        List<String> newKeys = keys(fresh.entries());
        if (sameMultiset(oldKeys, newKeys)) {
            return old.withHead(fresh.head());
        }
        Map<String, Deque<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < oldKeys.size(); i++) {
            byKey.computeIfAbsent(oldKeys.get(i), k -> new ArrayDeque<>()).add(i);
        }
        int[] matchOf = new int[newKeys.size()];
        boolean[] oldUsed = new boolean[oldKeys.size()];
        int last = -1;
        for (int i = 0; i < newKeys.size(); i++) {
            matchOf[i] = -1;
            Deque<Integer> candidates = byKey.get(newKeys.get(i));
            while (candidates != null && !candidates.isEmpty() && candidates.peekFirst() <= last) {
                candidates.pollFirst();
            }
            if (candidates != null && !candidates.isEmpty()) {
                last = candidates.pollFirst();
                matchOf[i] = last;
                oldUsed[last] = true;
            }
        }
        List<RecordingText.Entry> result = new ArrayList<>();
        int previousOld = -1;
        for (int i = 0; i < newKeys.size(); i++) {
            RecordingText.Entry entry = fresh.entries().get(i);
            if (matchOf[i] >= 0) {
                RecordingText.Entry kept = old.entries().get(matchOf[i]);
                result.add(kept.with(withNumbersOf(kept.text(), entry.text())));
                previousOld = matchOf[i];
                continue;
            }
            int counterpart = counterpart(old, oldUsed, previousOld, nextMatch(matchOf, i), identity(entry.text()));
            if (counterpart >= 0) {
                oldUsed[counterpart] = true;
                entry = entry.with(keepVolatileLines(entry.text(), old.entries().get(counterpart).text()));
            }
            result.add(entry);
        }
        return fresh.withEntries(result);
    }

    private static List<String> keys(List<RecordingText.Entry> entries) {
        List<String> keys = new ArrayList<>(entries.size());
        for (RecordingText.Entry entry : entries) {
            keys.add(VolatileLines.masked(entry.text()));
        }
        return keys;
    }

    private static boolean sameMultiset(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<String, Integer> counts = new HashMap<>();
        a.forEach(k -> counts.merge(k, 1, Integer::sum));
        for (String key : b) {
            Integer left = counts.merge(key, -1, Integer::sum);
            if (left < 0) {
                return false;
            }
        }
        return true;
    }

    /** The old index matched by the first new entry after {@code i} that has one; the old list's size if none. */
    private static int nextMatch(int[] matchOf, int i) {
        for (int j = i + 1; j < matchOf.length; j++) {
            if (matchOf[j] >= 0) {
                return matchOf[j];
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The first unused old entry between two matched ones with the same server and request line; -1 if none. */
    private static int counterpart(RecordingText old, boolean[] used, int after, int before, String identity) {
        for (int j = after + 1; j < Math.min(before, old.entries().size()); j++) {
            if (!used[j] && identity(old.entries().get(j).text()).equals(identity)) {
                return j;
            }
        }
        return -1;
    }

    /** What says which exchange an entry is: its server, protocol, method and URI (or the name it looked up). */
    private static String identity(String entry) {
        StringBuilder identity = new StringBuilder();
        Matcher part = IDENTITY.matcher(entry);
        while (part.find()) {
            identity.append(part.group(1)).append('\n');
        }
        return identity.toString();
    }

    /**
     * {@code kept} with the connection number of {@code fresh}, when both have one, and the order of each of its TCP
     * client turns (the same turns: their entries are equal but for such lines).
     */
    private static String withNumbersOf(String kept, String fresh) {
        Matcher number = VolatileLines.CONNECTION.matcher(fresh);
        String numbered = number.find() ? VolatileLines.CONNECTION.matcher(kept).replaceFirst("$1" + number.group(2))
                : kept;
        Matcher freshOrder = VolatileLines.ORDER.matcher(fresh);
        Matcher keptOrder = VolatileLines.ORDER.matcher(numbered);
        StringBuilder out = new StringBuilder(numbered.length());
        int from = 0;
        while (keptOrder.find() && freshOrder.find()) {
            out.append(numbered, from, keptOrder.start(2)).append(freshOrder.group(2));
            from = keptOrder.end(2);
        }
        return out.append(numbered, from, numbered.length()).toString();
    }

    /**
     * {@code fresh} with each line that changes by itself as it was in {@code old}, where old had it, and old's pace
     * (or none).
     */
    private static String keepVolatileLines(String fresh, String old) {
        Map<String, Deque<String>> oldLines = new HashMap<>();
        for (String line : old.split("(?<=\n)")) {
            String name = VolatileLines.keptWhenChanged(line);
            if (name != null) {
                oldLines.computeIfAbsent(name, k -> new ArrayDeque<>()).add(line);
            }
        }
        StringBuilder out = new StringBuilder(fresh.length());
        for (String line : fresh.split("(?<=\n)")) {
            String name = VolatileLines.keptWhenChanged(line);
            Deque<String> before = name == null ? null : oldLines.get(name);
            out.append(before == null || before.isEmpty() ? line : before.pollFirst());
        }
        return VolatileLines.withPaceOf(out.toString(), old);
    }
}
