package netrec.cassette.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps reading a recording file linear in its size, whatever the shape of its lines. SnakeYAML's reader copies its
 * whole look-ahead window each time it reads on (every 1,024 characters), and it looks ahead over a whole run of
 * plain characters before it consumes any of it, so one long run (a 20 MB single-line body) costs time quadratic in
 * its length: minutes. This reader stands between the file and the parser: each run of more than
 * {@value #LONGEST} characters that stand for themselves in any YAML scalar, key or comment (letters, digits,
 * {@code + / = _ . -}, and every character from U+00A0 up but line separators, the byte order mark and the private
 * use area) reaches the parser as a short placeholder made of such characters, and is kept; {@link #restore} puts
 * the runs back into each parsed entry. Token boundaries, line numbers and every value are as in the file; only a
 * run that follows a backslash keeps its first characters (an escape), and one that follows {@code & * !} (an
 * anchor, alias or tag name) is passed through whole.
 */
final class LongRuns extends Reader {
    /** Runs up to this long go through as they are: their quadratic cost is bounded by a constant per character. */
    static final int LONGEST = 8192;
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    /** The longest escape in a double-quoted scalar, after its backslash: {@code UXXXXXXXX}. */
    private static final int ESCAPE = 9;

    private final Reader in;
    /** Makes the placeholders of this file unguessable, so a file's own private-use text is never taken for one. */
    private final String nonce;
    private final Map<String, String> kept = new HashMap<>();
    private final char[] chunk = new char[16 * 1024];
    private final StringBuilder run = new StringBuilder();
    private StringBuilder out = new StringBuilder();
    private int outAt;
    private char beforeRun;
    private char previous;
    private boolean ended;
    private int placeholders;

    LongRuns(Reader in) {
        this.in = in;
        SecureRandom random = new SecureRandom();
        this.nonce = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (outAt == out.length()) {
            if (ended) {
                return -1;
            }
            out.setLength(0);
            outAt = 0;
            fill();
        }
        int n = Math.min(length, out.length() - outAt);
        out.getChars(outAt, outAt + n, buffer, offset);
        outAt += n;
        if (outAt == out.length() && out.capacity() > 4 * chunk.length) {
            out = new StringBuilder();
            outAt = 0;
        }
        return n;
    }

    /**
     * Reads on until something can be handed to the parser, or the file ends. Runs are found as ranges of the chunk
     * read, and copied whole: a short run goes straight out, a run still open at the chunk's end waits in
     * {@link #run}.
     */
    private void fill() throws IOException {
        while (out.length() == 0) {
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                endRun();
                ended = true;
                return;
            }
            if (n == 0) {
                continue;
            }
            int i = 0;
            while (i < n) {
                int start = i;
                while (i < n && standsForItself(chunk[i])) {
                    i++;
                }
                if (i > start) {
                    if (run.length() == 0) {
                        beforeRun = start == 0 ? previous : chunk[start - 1];
                    }
                    if (i == n) {
                        run.append(chunk, start, i - start);
                        break;
                    }
                    if (run.length() == 0 && i - start <= LONGEST) {
                        out.append(chunk, start, i - start);
                    } else {
                        run.append(chunk, start, i - start);
                        endRun();
                    }
                }
                endRun();
                out.append(chunk[i]);
                i++;
            }
            previous = chunk[n - 1];
        }
    }

    private void endRun() {
        if (run.length() == 0) {
            return;
        }
        int literal = beforeRun == '\\' ? ESCAPE : beforeRun == '&' || beforeRun == '*' || beforeRun == '!'
                ? run.length() : 0;
        if (run.length() - literal <= LONGEST) {
            out.append(run);
        } else {
            out.append(run, 0, literal);
            String placeholder = OPEN + nonce + "-" + Integer.toString(placeholders++, 36) + CLOSE;
            kept.put(placeholder, run.substring(literal));
            out.append(placeholder);
        }
        run.setLength(0);
    }

    /** True for a character that means itself wherever it stands in YAML, and is no part of a placeholder's frame. */
    private static boolean standsForItself(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        switch (c) {
            case '+':
            case '/':
            case '=':
            case '_':
            case '.':
            case '-':
                return true;
            default:
                return c >= '\u00A0' && c != '\u2028' && c != '\u2029' && c != '\uFEFF'
                        && (c < '\uE000' || c > '\uF8FF');
        }
    }

    /** {@code entry} with every run this reader kept back in place of its placeholder. */
    JsonNode restore(JsonNode entry) {
        if (kept.isEmpty()) {
            return entry;
        }
        return restored(entry);
    }

    private JsonNode restored(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.indexOf(OPEN) < 0 ? node : TextNode.valueOf(restored(text));
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, restored(array.get(i)));
            }
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            boolean renamed = false;
            for (String name : names) {
                renamed |= name.indexOf(OPEN) >= 0;
            }
            if (!renamed) {
                for (String name : names) {
                    object.set(name, restored(object.get(name)));
                }
                return object;
            }
            ObjectNode copy = object.objectNode();
            for (String name : names) {
                copy.set(restored(name), restored(object.get(name)));
            }
            return copy;
        }
        return node;
    }

    /** The text with each placeholder of this reader replaced by its run, which is then let go. */
    private String restored(String text) {
        StringBuilder whole = null;
        int from = 0;
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, open + 1)) {
            int close = text.indexOf(CLOSE, open);
            String run = close < 0 ? null : kept.remove(text.substring(open, close + 1));
            if (run == null) {
                continue;
            }
            if (whole == null) {
                whole = new StringBuilder(text.length() + run.length());
            }
            whole.append(text, from, open).append(run);
            from = close + 1;
            open = close;
        }
        return whole == null ? text : whole.append(text, from, text.length()).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
