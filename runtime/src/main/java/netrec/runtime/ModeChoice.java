package netrec.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import netrec.cassette.CassetteLayout;
import netrec.cassette.publish.CassetteAge;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Expiry;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;

/**
 * The mode a cassette runs in this time, from the mode asked for and the cassette itself: {@code once} records a
 * cassette that has no recording and replays one that has; a cassette older than its {@code max-age} is said to
 * be ({@code expired=warn}), refuses to answer ({@code expired=fail}), or is recorded again ({@code expired=record},
 * in a mode that may reach the network, when every server it recorded can be reached now, so that a server that
 * is down never costs a cassette that still replays). Decided once, when the cassette is opened: by the engine for
 * a JVM or a test, by the launcher for a whole command.
 */
public final class ModeChoice {
    private static final int PROBE_MILLIS = 1500;

    private final Mode mode;
    private final String warning;
    private final String refusal;
    private final String note;

    private ModeChoice(Mode mode, String warning, String refusal, String note) {
        this.mode = mode;
        this.warning = warning;
        this.refusal = refusal;
        this.note = note;
    }

    /** The choice for {@code options}' cassette, {@code today}. */
    public static ModeChoice of(AgentOptions options, LocalDate today) {
        Path cassette = options.cassette();
        boolean recorded = hasRecordings(cassette);
        Mode asked = options.mode();
        Mode mode = asked.once(recorded);
        String note = asked.decidedByCassette() ? "once: " + cassette + (recorded ? " has recordings, so this run "
                + "replays them" : " has no recording yet, so this run records it") : null;
        if (options.maxAgeDays() <= 0 || !recorded || !mode.replays()) {
            return new ModeChoice(mode, null, null, note);
        }
        LocalDate day;
        try {
            day = CassetteAge.recorded(cassette);
        } catch (IOException e) {
            return new ModeChoice(mode, null, null, note);
        }
        long days = day == null ? 0 : CassetteAge.days(day, today);
        if (days <= options.maxAgeDays()) {
            return new ModeChoice(mode, null, null, note);
        }
        String expired = "the cassette " + cassette + " was recorded on " + day + ", " + days + " days ago, more than "
                + "its max-age of " + options.maxAgeDays() + " days";
        if (options.expiry() == Expiry.FAIL) {
            return new ModeChoice(mode, null, "netrec: " + expired + " (expired=fail): record it again (mode record), "
                    + "or raise max-age", note);
        }
        if (options.expiry() == Expiry.RECORD && asked != Mode.REPLAY) {
            String unreachable = firstUnreachable(cassette);
            if (unreachable == null) {
                return new ModeChoice(Mode.RECORD, null, null, expired + " (expired=record): recording it again");
            }
            return new ModeChoice(mode, expired + ", and " + unreachable + " cannot be reached to record it again, so "
                    + "it replays as it is", null, note);
        }
        if (options.expiry() == Expiry.RECORD) {
            return new ModeChoice(mode, expired + "; replay never reaches the network, so it replays as it is: record "
                    + "it again (mode record, or once with expired=record where its servers can be reached)", null, note);
        }
        return new ModeChoice(mode, expired + ": record it again (mode record), or raise max-age", null, note);
    }

    /** The mode the cassette runs in: never {@link Mode#ONCE}. */
    public Mode mode() {
        return mode;
    }

    /** What to say on stderr once (an expired cassette replayed as it is); null when nothing. */
    public String warning() {
        return warning;
    }

    /** Why the cassette answers nothing (expired, with expired=fail); null when it answers. */
    public String refusal() {
        return refusal;
    }

    /** What was decided, for log=info; null when the mode was simply the one asked for. */
    public String note() {
        return note;
    }

    /** True when {@code cassette} has at least one recording file. */
    public static boolean hasRecordings(Path cassette) {
        Path interactions = new CassetteLayout(cassette).interactions();
        if (!Files.isDirectory(interactions)) {
            return false;
        }
        try (Stream<Path> files = Files.list(interactions)) {
            return files.anyMatch(CassetteLayout::isRecordingFile);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The first server of the cassette that cannot be reached now ({@code host:port}), or null when all can. Tried on
     * a thread of netrec's own, whose connections are never recorded or replayed.
     */
    private static String firstUnreachable(Path cassette) {
        Set<String> servers = new LinkedHashSet<>();
        try {
            new CassetteReader(warning -> { }).read(cassette, interaction -> {
                String via = interaction.server().via();
                servers.add(via.isEmpty() ? interaction.server().host() + ":" + interaction.server().port() : via);
            });
        } catch (RuntimeException e) {
            return cassette + " (it cannot be read: " + e.getMessage() + ")";
        }
        AtomicReference<String> unreachable = new AtomicReference<>();
        NetrecThread probe = new NetrecThread("probe", () -> {
            for (String server : servers) {
                int colon = server.lastIndexOf(':');
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(server.substring(0, colon).replace("[", "").replace("]", ""),
                            Integer.parseInt(server.substring(colon + 1))), PROBE_MILLIS);
                } catch (IOException | RuntimeException e) {
                    unreachable.set(server);
                    return;
                }
            }
        });
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "a server";
        }
        return unreachable.get();
    }
}
