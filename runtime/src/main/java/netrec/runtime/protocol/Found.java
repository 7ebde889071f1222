package netrec.runtime.protocol;

import netrec.cassette.RecordedResponse;

/**
 * What the cassette has for one HTTP request: its recorded response; or, when it has none, a miss, or (in update
 * mode) the recorder of netrec's own fetch from the real server. Exactly one of the three.
 */
public final class Found {
    private final RecordedResponse response;
    private final Miss miss;
    private final MissRecorder fetch;
    private final int connection;

    private Found(RecordedResponse response, Miss miss, MissRecorder fetch, int connection) {
        this.response = response;
        this.miss = miss;
        this.fetch = fetch;
        this.connection = connection;
    }

    public static Found response(RecordedResponse response) {
        return response(response, 0);
    }

    /** A response recorded on connection {@code connection} (its number in the recording; 0 when not known). */
    public static Found response(RecordedResponse response, int connection) {
        return new Found(response, null, null, connection);
    }

    /** The recorded connection the response came on, or 0. */
    public int connection() {
        return connection;
    }

    public static Found miss(Miss miss) {
        return new Found(null, miss, null, 0);
    }

    /** The cassette lacks the request, and update mode fetches it, recording the fetch with {@code recorder}. */
    public static Found fetch(MissRecorder recorder) {
        return new Found(null, null, recorder, 0);
    }

    /** The recorded response, or null. */
    public RecordedResponse response() {
        return response;
    }

    /** The miss, or null. */
    public Miss miss() {
        return miss;
    }

    /** Update mode's recorder of the fetch that answers instead, or null. */
    public MissRecorder fetch() {
        return fetch;
    }
}
