package netrec.runtime;

import java.io.IOException;
import netrec.cassette.yaml.CassetteReader;
import netrec.runtime.record.Recorder;
import netrec.runtime.replay.Replayer;

/**
 * netrec inside one JVM: the recorder and the replayer its mode asks for, started once at agent start and stopped
 * by a shutdown hook, which writes what is pending and says how replay went.
 */
public final class Engine {
    private static volatile Engine current;

    private final Mode mode;
    private final Recorder recorder;
    private final Replayer replayer;

    private Engine(Mode mode, Recorder recorder, Replayer replayer) {
        this.mode = mode;
        this.recorder = recorder;
        this.replayer = replayer;
    }

    /**
     * Starts netrec for this JVM.
     *
     * @throws netrec.cassette.CassetteException when replay's cassette cannot be loaded
     */
    public static synchronized void start(AgentOptions options) throws IOException {
        if (current != null) {
            return;
        }
        Log.setLevel(options.logLevel());
        Mode mode = options.mode();
        NettyVisibility.apply(mode);
        Recorder recorder = mode.records() ? new Recorder(options) : null;
        Replayer replayer = mode.replays()
                ? new Replayer(mode, new CassetteReader(Log::warn).load(options.cassette()), recorder) : null;
        Engine engine = new Engine(mode, recorder, replayer);
        Runtime.getRuntime().addShutdownHook(new NetrecThread("shutdown", engine::stop));
        current = engine;
        Log.info(mode.label() + " mode, cassette " + options.cassette());
    }

    /** The running engine, or null when netrec is off or not started. */
    static Engine current() {
        return current;
    }

    Mode mode() {
        return mode;
    }

    /** The recorder, or null when this mode records nothing. */
    Recorder recorder() {
        return recorder;
    }

    /** The replayer, or null when this mode replays nothing. */
    Replayer replayer() {
        return replayer;
    }

    private void stop() {
        if (recorder != null) {
            recorder.stop();
        }
        if (replayer != null) {
            replayer.stop();
        }
    }
}
