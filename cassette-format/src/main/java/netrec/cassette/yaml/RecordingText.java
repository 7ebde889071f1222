package netrec.cassette.yaml;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recording file as a recorder writes it, taken as text: its head (up to {@code interactions:}), its entries (each
 * the lines from its {@code "  - "} to the next), and whether it ends with {@link CassetteYaml#FILE_END}. YAML's block
 * indentation makes this exact for a recorder's file: a body or message that holds such a line is indented deeper.
 * Publishing, pruning and comparing recordings work on this text, so that an entry nobody changed keeps its bytes
 * and a diff shows only what did change.
 */
public final class RecordingText {
    private static final Pattern RECORDERS = Pattern.compile("(?s)version: (\\d+)\nrecording:\n  started: .*");
    private static final Pattern STARTED = Pattern.compile("(?m)^  started: (\\S+)$");
    private static final Pattern JAVA = Pattern.compile("(?m)^  java: (.*)$");
    private static final Pattern RECORDED_AT = Pattern.compile("^  - recorded-at: (\\S+)\n");
    private static final String ENTRY_START = "  - ";

    private final String head;
    private final List<Entry> entries;
    private final boolean finished;

    private RecordingText(String head, List<Entry> entries, boolean finished) {
        this.head = head;
        this.entries = List.copyOf(entries);
        this.finished = finished;
    }

    /** One entry: its text, every line ending in a newline, and the line of the file it starts on (from 1). */
    public static final class Entry {
        private final String text;
        private final int line;

        Entry(String text, int line) {
            this.text = text;
            this.line = line;
        }

        public String text() {
            return text;
        }

        /** The line it started on in the file it was read from; 0 for an entry made since. */
        public int line() {
            return line;
        }

        /** The same entry with {@code text}. */
        Entry with(String changed) {
            return new Entry(changed, line);
        }
    }

    /**
     * {@code text} read as a recorder's file, or null when it is not one (written by hand, or by another tool):
     * such a file is never rewritten, only kept or replaced whole. {@code # flushed} lines are dropped: they only
     * matter while a recording is written.
     */
    public static RecordingText parse(String text) {
        if (!RECORDERS.matcher(text.length() > 200 ? text.substring(0, 200) : text).matches()) {
            return null;
        }
        String[] lines = text.split("(?<=\n)");
        StringBuilder head = new StringBuilder();
        int i = 0;
        while (i < lines.length && !lines[i].equals("interactions:\n")) {
            head.append(lines[i++]);
        }
        if (i == lines.length) {
            return null;
        }
        head.append(lines[i++]);
        List<Entry> entries = new ArrayList<>();
        StringBuilder entry = null;
        int entryLine = 0;
        boolean finished = false;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#") || line.startsWith(ENTRY_START) || !line.endsWith("\n")) {
                if (entry != null) {
                    entries.add(new Entry(entry.toString(), entryLine));
                    entry = null;
                }
            }
            if (line.equals(CassetteYaml.BATCH_END)) {
                continue;
            }
            if (line.equals(CassetteYaml.FILE_END)) {
                finished = true;
                continue;
            }
            if (line.startsWith(ENTRY_START) && line.endsWith("\n")) {
                entry = new StringBuilder(line);
                entryLine = i + 1;
            } else if (entry != null && (line.startsWith("   ") || line.equals("\n"))) {
                entry.append(line);
            } else if (!line.isBlank()) {
                return null; // something a recorder does not write
            }
        }
        if (entry != null) {
            entries.add(new Entry(entry.toString(), entryLine));
        }
        return new RecordingText(head.toString(), entries, finished);
    }

    /** True when {@code text} starts as a recorder's file does. */
    public static boolean isRecorders(String text) {
        return RECORDERS.matcher(text.length() > 200 ? text.substring(0, 200) : text).matches();
    }

    /** The day (UTC) in {@code started:} of a recorder's head; null when there is none or it is no date. */
    public LocalDate started() {
        Matcher started = STARTED.matcher(head);
        return started.find() ? dayOf(started.group(1)) : null;
    }

    /**
     * The same entries as a published file: the head says the format version, the day the recording started
     * ({@code started: 2026-11-22}) and the JDK that recorded it, with no time of day and no pid, which change by
     * themselves from one recording to the next; each {@code recorded-at} keeps its day alone
     * ({@code 2026-11-22T00:00:00Z}); connections are numbered from 1 in the file, in the order of their numbers
     * (the recorder counts every connection of its JVM, so a test's cassette would otherwise say how many
     * connections the tests before it made); TCP client turns' order is counted from 1 in the file alike; and the
     * file ends with its end line.
     */
    public RecordingText normalised(LocalDate day) {
        Matcher version = RECORDERS.matcher(head.length() > 200 ? head.substring(0, 200) : head);
        String number = version.matches() ? version.group(1) : String.valueOf(CassetteYaml.RECORDING_VERSION);
        Matcher java = JAVA.matcher(head);
        Map<Integer, Integer> connections = connectionsFromOne();
        Map<Long, Long> orders = ordersFromOne();
        List<Entry> normal = new ArrayList<>();
        for (Entry entry : entries) {
            normal.add(entry.with(reordered(renumbered(dayOnly(entry.text()), connections), orders)));
        }
        return new RecordingText(head(number, day, java.find() ? java.group(1) : null), normal, true);
    }

    /** The head of a published file of format {@code version}, recorded on {@code day} by JDK {@code java}. */
    static String head(String version, LocalDate day, String java) {
        return "version: " + version + "\nrecording:\n  started: " + day + "\n" + (java == null ? "" : "  java: " + java
                + "\n") + "interactions:\n";
    }

    /** Each connection number of the entries, and its rank among them (from 1): the same order, no gaps. */
    private Map<Integer, Integer> connectionsFromOne() {
        TreeMap<Integer, Integer> numbers = new TreeMap<>();
        for (Entry entry : entries) {
            Matcher connection = VolatileLines.CONNECTION.matcher(entry.text());
            if (connection.find()) {
                numbers.put(Integer.parseInt(connection.group(2)), 0);
            }
        }
        int rank = 0;
        for (Map.Entry<Integer, Integer> number : numbers.entrySet()) {
            number.setValue(++rank);
        }
        return numbers;
    }

    /** Each TCP client turn's order in the entries, and its rank among them (from 1): the same order, no gaps. */
    private Map<Long, Long> ordersFromOne() {
        TreeMap<Long, Long> orders = new TreeMap<>();
        for (Entry entry : entries) {
            Matcher order = VolatileLines.ORDER.matcher(entry.text());
            while (order.find()) {
                orders.put(Long.parseLong(order.group(2)), 0L);
            }
        }
        long rank = 0;
        for (Map.Entry<Long, Long> order : orders.entrySet()) {
            order.setValue(++rank);
        }
        return orders;
    }

    /** {@code entry} with each TCP client turn's order as {@code orders} maps it. */
    private static String reordered(String entry, Map<Long, Long> orders) {
        Matcher order = VolatileLines.ORDER.matcher(entry);
        StringBuilder out = new StringBuilder(entry.length());
        int from = 0;
        while (order.find()) {
            out.append(entry, from, order.start(2)).append(orders.get(Long.parseLong(order.group(2))));
            from = order.end(2);
        }
        return from == 0 ? entry : out.append(entry, from, entry.length()).toString();
    }

    /** {@code entry} with its connection number as {@code connections} maps it. */
    private static String renumbered(String entry, Map<Integer, Integer> connections) {
        Matcher connection = VolatileLines.CONNECTION.matcher(entry);
        if (!connection.find()) {
            return entry;
        }
        return entry.substring(0, connection.start(2)) + connections.get(Integer.parseInt(connection.group(2)))
                + entry.substring(connection.end(2));
    }

    /** {@code entry} with its {@code recorded-at} cut to the day. */
    static String dayOnly(String entry) {
        Matcher at = RECORDED_AT.matcher(entry);
        if (!at.find()) {
            return entry;
        }
        LocalDate day = dayOf(at.group(1));
        return day == null ? entry : ENTRY_START + "recorded-at: " + day + "T00:00:00Z\n" + entry.substring(at.end());
    }

    /** The day (UTC) of an instant or a date written in a cassette; null when it is neither. */
    public static LocalDate dayOf(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value)
                    : LocalDate.ofInstant(Instant.parse(value).truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public String head() {
        return head;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** True when the file ended with its end line: its recorder closed it. */
    public boolean finished() {
        return finished;
    }

    /** The same head with {@code kept} as its entries. */
    public RecordingText withEntries(List<Entry> kept) {
        return new RecordingText(head, kept, finished);
    }

    /** The same entries under {@code newHead}. */
    RecordingText withHead(String newHead) {
        return new RecordingText(newHead, entries, finished);
    }

    /** The file's text: head, entries, and the end line when it has one. */
    public String render() {
        StringBuilder text = new StringBuilder(head);
        for (Entry entry : entries) {
            text.append(entry.text());
        }
        return finished ? text.append(CassetteYaml.FILE_END).toString() : text.toString();
    }
}
