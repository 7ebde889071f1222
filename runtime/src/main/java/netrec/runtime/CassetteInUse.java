package netrec.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import javax.net.ssl.SSLSocket;
import netrec.cassette.Cassette;
import netrec.cassette.MatchRules;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.Mode;
import netrec.runtime.protocol.MissRecorder;
import netrec.runtime.record.RecordedConnection;
import netrec.runtime.record.Recorder;
import netrec.runtime.record.RecordingTap;
import netrec.runtime.record.Routes;
import netrec.runtime.replay.Replayer;
import netrec.runtime.replay.report.ReplayOutcome;

/** A cassette in use: the JVM's, or a test's while it runs; its recorder and replayer, as its mode needs them. */
final class CassetteInUse {
    private final AgentOptions options;
    private final Recorder recorder;
    private final Replayer replayer;

    private CassetteInUse(AgentOptions options, Recorder recorder, Replayer replayer) {
        this.options = options;
        this.recorder = recorder;
        this.replayer = replayer;
    }

    /**
     * Opens {@code options}' cassette; {@code extraRules} add to its {@code rules.yaml}. In update mode, what replay
     * fetches for requests the cassette lacks is recorded into it as the JVM's own connections are, learning
     * {@code routes} as they do.
     */
    static CassetteInUse open(AgentOptions options, MatchRules extraRules, Routes routes) throws IOException {
        Mode mode = options.mode();
        Cassette cassette = mode.replays()
                ? new CassetteReader(Log::warn, options.cassetteIndexes()).knowing(Protocols.shapes())
                        .load(options.cassette()) : null;
        Recorder recorder = mode.records() ? new Recorder(options, Protocols.all()) : null;
        try {
            Replayer replayer = cassette == null ? null : new Replayer(options, cassette, extraRules,
                    mode.recordsMisses() ? fetchesInto(recorder, routes) : null);
            return new CassetteInUse(options, recorder, replayer);
        } catch (IOException | RuntimeException e) {
            if (recorder != null) {
                recorder.stop();
            }
            throw e;
        }
    }

    /** Records netrec's own connections to real servers (update mode's fetches) into {@code recorder}. */
    private static MissRecorder fetchesInto(Recorder recorder, Routes routes) {
        return (upstream, host, port) -> {
            InetAddress address = upstream.getInetAddress();
            RecordedConnection recorded = new RecordedConnection(host, port,
                    address == null ? "" : address.getHostAddress(), upstream instanceof SSLSocket);
            return RecordingTap.of(upstream, recorded, () -> recorder, routes);
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

    /** True when traffic to {@code host} passes untouched. */
    boolean leavesAlone(String host) {
        return options.leavesAlone(host);
    }

    boolean leavesAlone(SocketAddress endpoint) {
        return endpoint instanceof InetSocketAddress && leavesAlone(((InetSocketAddress) endpoint).getHostString());
    }

    /** Writes what is pending; says how replay went. */
    ReplayOutcome close() {
        if (recorder != null) {
            recorder.stop();
        }
        return replayer == null ? null : replayer.outcome();
    }
}
