package netrec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteLayout;
import netrec.cassette.MatchRules;
import netrec.cassette.publish.Publication;
import netrec.cassette.publish.RecordingAttempt;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.JvmStart;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;
import netrec.runtime.base.SentRequests;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;
import netrec.runtime.record.RecordingTap;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.Replayer;
import netrec.runtime.replay.report.ReplayOutcome;
import netrec.runtime.replay.report.ReplayUsage;

/**
 * A cassette in use: the JVM's, or a test's while it runs; its recorder and replayer, as its mode needs them. A
 * recording goes into an attempt beside the cassette ({@link RecordingAttempt}) and becomes part of it only when the
 * use ends well ({@link #close}); the launcher's JVMs record into the one attempt the launcher made, and the launcher
 * publishes it.
 */
final class CassetteInUse {
    private static final int LEFT_ALONE_NAMED = 5;
    /** The longest a test asking what was sent waits for the recorder to catch up. */
    private static final long SENT_WAIT_MILLIS = 5_000;

    private final AgentOptions options;
    private final Recorder recorder;
    private final Replayer replayer;
    private final RecordingAttempt attempt;
    /** True when the attempt is the launcher's, which publishes it. */
    private final boolean sharedAttempt;
    /** Why replay refuses every connection, loopback included: the cassette does not exist or holds nothing. */
    private final String absent;
    private final Map<String, Integer> leftAlone = new LinkedHashMap<>();
    /** True once the application tried a connection while this cassette recorded (made, failed or left alone). */
    private volatile boolean connectionTried;
    /** The HTTP requests sent while a test's cassette is in use; a JVM's cassette keeps none. */
    private final SentRequests sent = new SentRequests();
    /** This machine's copy of the stored cassette the folder is, or null for a folder of the user's. */
    private final StoredCassettes.Copy stored;

    private CassetteInUse(AgentOptions options, Recorder recorder, Replayer replayer, RecordingAttempt attempt,
            boolean sharedAttempt, String absent, StoredCassettes.Copy stored) {
        this.options = options;
        this.stored = stored;
        this.recorder = recorder;
        this.replayer = replayer;
        this.attempt = attempt;
        this.sharedAttempt = sharedAttempt;
        this.absent = absent;
    }

    /**
     * Opens {@code options}' cassette, in its mode as decided ({@link ModeChoice}: never {@code once});
     * {@code extraRules} add to its {@code rules.yaml}. In update mode, what replay fetches for requests the cassette
     * lacks is recorded into it as the JVM's own connections are, learning {@code routes} as they do. A recording
     * replaces what the cassette held from before {@code began} (when the JVM or the test started: another JVM of the
     * same build that published since published beside it). {@code stored}, when the folder is this machine's copy
     * of a stored cassette, is published after a recording that became the cassette ({@link #close}), and released
     * by {@link #letGo}.
     */
    static CassetteInUse open(AgentOptions options, MatchRules extraRules, Routes routes, Instant began,
            StoredCassettes.Copy stored) throws IOException {
        Mode mode = options.mode();
        Cassette cassette = mode.replays()
                ? new CassetteReader(Log::warn, options.cassetteIndexes()).knowing(Protocols.shapes())
                        .load(options.cassette()) : null;
        if (cassette != null && System.getenv(ReplayUsage.DIRECTORY_VARIABLE) == null) {
            ReplayReports.forgetEarlier(options, JvmStart.instant());
        }
        RecordingAttempt attempt = null;
        boolean shared = false;
        Recorder recorder = null;
        if (mode.records()) {
            CassetteLayout layout = options.layout();
            String launchers = System.getenv(RecordingAttempt.SHARED_VARIABLE);
            attempt = launchers == null ? null : RecordingAttempt.joining(layout, Paths.get(launchers));
            shared = attempt != null;
            if (!shared) {
                for (Path kept : RecordingAttempt.abandoned(layout)) {
                    Log.warn("an earlier recording into " + options.cassette() + " was cut short (its JVM was "
                            + "killed); what it recorded is kept in " + kept + ", and the cassette is as it was before it");
                }
                attempt = RecordingAttempt.begin(layout, began);
            }
            recorder = new Recorder(options, Protocols.all(), attempt.directory(), fileName(options));
        }
        try {
            Replayer replayer = cassette == null ? null : new Replayer(options, cassette, extraRules,
                    mode.recordsMisses() ? fetchesInto(recorder, routes) : null);
            return new CassetteInUse(options, recorder, replayer, attempt, shared,
                    mode.replays() && !mode.recordsMisses() ? absence(options, cassette) : null, stored);
        } catch (IOException | RuntimeException e) {
            if (recorder != null) {
                recorder.stop();
                if (!shared) {
                    attempt.discard();
                }
            }
            throw e;
        }
    }

    /**
     * The name of the recording file: a test's is {@code recording}; a JVM's is its program's (the main class's
     * simple name, or the jar's name), so that recording it again writes the same file.
     */
    private static String fileName(AgentOptions options) {
        if (options.stableRecordingName()) {
            return "recording";
        }
        String command = System.getProperty("sun.java.command", "").trim();
        String program = command.isEmpty() ? "" : command.split("\\s+")[0];
        if (program.endsWith(".jar")) {
            program = Paths.get(program).getFileName().toString();
            program = program.substring(0, program.length() - ".jar".length());
        } else {
            program = program.substring(program.lastIndexOf('.') + 1);
        }
        program = program.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("[-_.0-9]+$", "");
        return program.isEmpty() || program.startsWith(".") ? "jvm" : program;
    }

    /** Why replay of a cassette that does not exist, or holds nothing, answers nothing; null when it holds some. */
    private static String absence(AgentOptions options, Cassette cassette) {
        if (!cassette.interactions().isEmpty() || !cassette.lookups().isEmpty() || !cassette.failures().isEmpty()) {
            return null;
        }
        boolean exists = Files.isDirectory(options.cassette());
        return "netrec: replay (mode " + options.mode().label() + ") from " + options.cassette() + ", which "
                + (exists ? "holds no recording" : "does not exist") + ", answers nothing, so no connection is made: "
                + "check cassette= (or $NETREC_CASSETTE, or the test's @Netrec name), or record it first (mode record, "
                + "or once)";
    }

    /** Records netrec's own connections to real servers (update mode's fetches) into {@code recorder}. */
    private static MissRecorder fetchesInto(Recorder recorder, Routes routes) {
        return (upstream, host, port) -> {
            InetAddress address = upstream.getInetAddress();
            RecordedConnection recorded = new RecordedConnection(host, port,
                    address == null ? "" : address.getHostAddress(), upstream instanceof SSLSocket);
            return RecordingTap.ofNetrecs(upstream, recorded, () -> recorder, routes);
        };
    }

    AgentOptions options() {
        return options;
    }

    Mode mode() {
        return options.mode();
    }

    /** The recorder, or null when this cassette's mode records nothing. */
    Recorder recorder() {
        return recorder;
    }

    /** The replayer, or null when this cassette's mode replays nothing. */
    Replayer replayer() {
        return replayer;
    }

    /**
     * Why replay answers nothing from this cassette, which does not exist or holds no recording: every connection
     * fails with it, loopback included, unless left alone by name; null when the cassette holds recordings.
     */
    String absent() {
        return absent;
    }

    /** True when traffic to {@code host} passes untouched. */
    boolean leavesAlone(String host) {
        return options.leavesAlone(host);
    }

    boolean leavesAlone(SocketAddress endpoint) {
        return endpoint instanceof InetSocketAddress && leavesAlone(((InetSocketAddress) endpoint).getHostString());
    }

    /** A connection to {@code endpoint} passed untouched, as {@code leave-alone} asked: named if nothing is recorded. */
    synchronized void leftAlone(SocketAddress endpoint) {
        if (endpoint instanceof InetSocketAddress) {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            String name = target.getHostString().toLowerCase(Locale.ROOT) + ":" + target.getPort();
            if (leftAlone.containsKey(name) || leftAlone.size() < LEFT_ALONE_NAMED) {
                leftAlone.merge(name, 1, Integer::sum);
            }
        }
    }

    /**
     * Ends this use: writes what is pending, and publishes the recording when the use ended well
     * ({@code failure} null), keeps it as a failed attempt when it did not, drops it when it holds no interaction
     * (DNS queries the program sent over UDP itself count as interactions; the JDK's own lookups do not).
     * A recording of failed connects and lookups alone is published only into a cassette that has no recording yet,
     * and kept as a failed attempt otherwise: it is what recording against servers that are down makes.
     * The launcher's JVMs leave all that to the launcher.
     */
    CassetteOutcome close(String failure) {
        if (replayer != null) {
            replayer.tellSentTo(null); // a connection that outlives this use keeps no request of it
        }
        if (recorder != null) {
            recorder.tellSentTo(null);
        }
        ReplayOutcome replayed = replayer == null ? null : replayer.outcome();
        int recorded = 0;
        int failedOnly = 0;
        Publication.Result published = null;
        Path kept = null;
        if (recorder != null) {
            recorder.stop();
            if (!sharedAttempt) {
                try {
                    recorded = attempt.interactions() + recorder.answeredOverUdp();
                    int failures = recorded == 0 ? attempt.failures() : 0;
                    if (failures > 0 && failure == null && !ModeChoice.hasRecordings(options.cassette())) {
                        // failed connects and lookups alone replay as the same failures: a new cassette takes them
                        recorded = failures;
                        published = attempt.publish(!mode().replays());
                    } else if (failures > 0) {
                        failedOnly = failures; // servers down: never in place of what the cassette holds
                        kept = attempt.keep();
                    } else if (recorded == 0 && attempt.hasNotes()) {
                        kept = attempt.keep(); // what could not be recorded, noted: worth a look, never published
                    } else if (recorded == 0) {
                        attempt.discard();
                    } else if (failure != null) {
                        kept = attempt.keep();
                    } else {
                        published = attempt.publish(!mode().replays());
                        Log.info("recorded " + recorded + " interactions into " + options.cassette() + " ("
                                + published.written().size() + " files written, " + published.unchanged().size()
                                + " unchanged, " + published.removed().size() + " removed)");
                    }
                } catch (IOException | RuntimeException e) {
                    Log.warn("cannot publish the recording into " + options.cassette() + ": " + e.getMessage()
                            + "; what was recorded is in " + attempt.directory());
                }
            } else {
                recorded = recorder.recordedInteractions();
            }
        }
        if (stored != null) {
            publishStored(published != null);
        }
        Map<String, Integer> alone;
        synchronized (this) {
            alone = new LinkedHashMap<>(leftAlone);
        }
        return new CassetteOutcome(options.cassette(), options.mode(), replayed, recorded, failedOnly, published, kept,
                failure, alone);
    }

    /**
     * Publishes this machine's copy to its store when {@code recordingBecameTheCassette}. A copy that could not be
     * published keeps the recording, and is never overwritten by a later fetch.
     */
    private void publishStored(boolean recordingBecameTheCassette) {
        try {
            String said = recordingBecameTheCassette ? NetrecThread.call("store", stored::publish) : null;
            if (said != null) {
                Log.warn(said);
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("the recording could not be published to " + options.store() + " (" + e.getMessage() + "); it "
                    + "is kept in " + options.cassette() + ": publish it with java -jar netrec.jar push "
                    + options.cassette() + " " + options.store());
        }
    }

    /**
     * Lets other JVMs of the machine use this machine's copy of a stored cassette, once everything this use writes
     * into it (its recording, the replay's reports) is written; nothing for a folder.
     */
    void letGo() {
        if (stored != null) {
            stored.release();
        }
    }

    /** From now on, keeps the HTTP requests the application sends, for a test to ask ({@link #sentRequests}). */
    void keepSentRequests() {
        if (replayer != null) {
            replayer.tellSentTo(sent); // update mode's fetches too: each request is asked of the cassette first
        } else if (recorder != null) {
            recorder.tellSentTo(sent);
        }
    }

    /**
     * The HTTP requests the application sent since {@link #keepSentRequests}, in order: recorded once their exchange
     * was (this waits, a few seconds at most, for what the recorder has queued), replayed as replay received them.
     */
    List<SentRequest> sentRequests() {
        if (recorder != null && replayer == null) {
            recorder.awaitHandled(SENT_WAIT_MILLIS);
        }
        return sent.list();
    }

    /** The application tried a connection while this cassette recorded. */
    void connectionTried() {
        connectionTried = true;
    }

    /** True when the application tried a connection while this cassette recorded (made, failed or left alone). */
    boolean triedConnections() {
        return connectionTried;
    }

    /** True when the launcher publishes this recording (its JVMs say nothing about it). */
    boolean sharedAttempt() {
        return sharedAttempt;
    }
}
