package netrec.runtime.exchange;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import netrec.cassette.BodyFileMismatchException;
import netrec.cassette.CassetteException;
import netrec.cassette.Headers;
import netrec.cassette.Interleaving;
import netrec.cassette.RecordedResponse;
import netrec.runtime.protocol.CassetteAnswers;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.Miss;

/** A response as the cassette recorded it, its body streamed from the cassette's body store as it is sent. */
final class RecordedHttpResponse implements HttpResponse {
    private final RecordedResponse recorded;
    private final CassetteAnswers answers;
    private final ClientConnection connection;
    /** The request it answers ({@code GET https://...}), for messages. */
    private final String request;
    private final Pacer pacer;

    RecordedHttpResponse(RecordedResponse recorded, CassetteAnswers answers, ClientConnection connection,
            String request) {
        this.recorded = recorded;
        this.answers = answers;
        this.connection = connection;
        this.request = request;
        this.pacer = answers.keepsPace() && !recorded.pace().isEmpty() ? new Pacer(recorded.pace(), System.nanoTime())
                : null;
    }

    @Override
    public Pacer pacer() {
        return pacer;
    }

    @Override
    public int status() {
        return recorded.status();
    }

    @Override
    public String reason() {
        return recorded.reason();
    }

    @Override
    public Headers headers() {
        return recorded.headers();
    }

    /**
     * The recorded body; a body file found unreadable or damaged is a miss, said once: the read fails, and so does
     * the connection.
     */
    @Override
    public InputStream body() throws IOException {
        try {
            return new Damaged(answers.bodies().open(recorded.body()));
        } catch (CassetteException e) {
            throw cannotSend(e.getMessage(), e);
        }
    }

    private IOException cannotSend(String why, Exception cause) {
        Miss miss = answers.cannotAnswer(request, why);
        connection.fail(miss.explanation());
        return new IOException(miss.explanation(), cause);
    }

    @Override
    public long bodySize() {
        return recorded.body().size();
    }

    @Override
    public Headers trailers() {
        return recorded.trailers();
    }

    @Override
    public boolean endedEarly() {
        return recorded.endedEarly();
    }

    @Override
    public Interleaving pace() {
        return recorded.interleaving();
    }

    /** Turns a body file found damaged as it is read into the miss it is, reported once. */
    private final class Damaged extends FilterInputStream {
        Damaged(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (BodyFileMismatchException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (BodyFileMismatchException e) {
                throw damaged(e);
            }
        }

        private IOException damaged(BodyFileMismatchException e) {
            return cannotSend(e.getMessage(), e);
        }
    }
}
