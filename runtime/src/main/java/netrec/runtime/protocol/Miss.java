package netrec.runtime.protocol;

/**
 * Replay found nothing recorded for what a client sent, or could not send what it found: already counted in the
 * replay's report. Its explanation is what the client's failing read says.
 */
public final class Miss {
    private final String explanation;

    public Miss(String explanation) {
        this.explanation = explanation;
    }

    /** What was asked, in which cassette and mode, the nearest recorded answer, and what to do. */
    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return explanation;
    }
}
