package netrec.runtime.protocol.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.CassetteException;
import netrec.cassette.Interleaving;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.AnsweringContext;
import netrec.runtime.protocol.ConnectionAnswering;
import netrec.runtime.protocol.RequestUri;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * Answers one replayed HTTP/2 connection from the cassette, as a server would: netrec's SETTINGS first, the
 * client's acknowledged, PINGs answered. Each stream the client ends is answered from the cassette on its own: its
 * head at once, its body in DATA frames within the client's flow-control windows (stream and connection), shared
 * out among the streams in turn, then its trailers. Everything happens as the client's bytes arrive: a window the
 * client opens lets more DATA go. Many streams in flight each get their own answer.
 *
 * <p>A request the cassette lacks fails the connection with replay's reason, as it does over HTTP/1.1.
 */
final class Http2Answering implements ConnectionAnswering, FrameDecoder.Listener {
    /** The window netrec gives the client for its request bodies, opened again once half is used. */
    private static final int RECEIVE_WINDOW = 1 << 30;
    /** The most DATA one frame carries, whatever larger frames the client allows. */
    private static final int LARGEST_DATA = 1 << 16;
    /** Frames are handed over in batches of about this size. */
    private static final int BATCH = 1 << 16;

    private final AnsweringContext context;
    private final FrameDecoder decoder = new FrameDecoder(true, this);
    private final HeaderEncoder encoder = new HeaderEncoder();
    private final FrameWriter out = new FrameWriter();
    private final Map<Integer, IncomingRequest> requests = new HashMap<>();
    private final Map<Integer, OutgoingBody> sending = new LinkedHashMap<>();
    private int maxFrame = Frame.DEFAULT_MAX_SIZE;
    private int initialWindow = Frame.DEFAULT_WINDOW;
    private long connectionWindow = Frame.DEFAULT_WINDOW;
    private long receivedSinceUpdate;
    private byte[] chunk = new byte[Frame.DEFAULT_MAX_SIZE];
    private boolean started;
    private boolean goingAway;
    private boolean closing;

    Http2Answering(AnsweringContext context) {
        this.context = context;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        if (!started) {
            started = true;
            out.settings(new int[] {Frame.SETTINGS_INITIAL_WINDOW_SIZE}, new long[] {RECEIVE_WINDOW});
            out.windowUpdate(0, RECEIVE_WINDOW - Frame.DEFAULT_WINDOW);
        }
        decoder.feed(bytes, offset, length);
        answerEarly();
        sendData();
        flush();
    }

    @Override
    public boolean idle() {
        return decoder.idle() && requests.isEmpty();
    }

    @Override
    public boolean closing() {
        return closing || (goingAway && requests.isEmpty() && sending.isEmpty());
    }

    @Override
    public String tunnel() {
        return null;
    }

    @Override
    public void fail(String explanation) {
        context.fail(explanation);
        closing = true;
    }

    // ---- the client's frames ----

    @Override
    public void headers(int stream, Head head, boolean endStream) throws IOException {
        IncomingRequest request = requests.get(stream);
        if (request == null && head.isRequest()) {
            request = new IncomingRequest(head);
            requests.put(stream, request);
        }
        if (request != null && endStream) {
            answer(stream, requests.remove(stream));
        }
    }

    @Override
    public void data(int stream, byte[] bytes, int offset, int length, boolean endStream, int flowControlled)
            throws IOException {
        receivedSinceUpdate += flowControlled;
        if (receivedSinceUpdate >= RECEIVE_WINDOW / 2) {
            out.windowUpdate(0, (int) receivedSinceUpdate);
            receivedSinceUpdate = 0;
        }
        IncomingRequest request = requests.get(stream);
        if (request == null) {
            return;
        }
        request.body.write(bytes, offset, length);
        request.receivedSinceUpdate += flowControlled;
        if (request.answer != null) {
            request.answer.requestGrew(request.body.size(), endStream);
            if (endStream) {
                requests.remove(stream);
            }
        } else if (endStream) {
            answer(stream, requests.remove(stream));
        }
        if (!endStream && request.receivedSinceUpdate >= RECEIVE_WINDOW / 2) {
            out.windowUpdate(stream, (int) request.receivedSinceUpdate);
            request.receivedSinceUpdate = 0;
        }
    }

    /**
     * Requests whose body is still arriving, tried once each (on their head) for a recorded response that began
     * before its request ended: such a response is sent as the request grows, as it was recorded.
     */
    private void answerEarly() throws IOException {
        for (Map.Entry<Integer, IncomingRequest> open : requests.entrySet()) {
            IncomingRequest request = open.getValue();
            if (request.triedEarly || closing || !context.replaying()) {
                continue;
            }
            request.triedEarly = true;
            Head head = request.head;
            String uri = RequestUri.of(context.tls(), context.host(), context.port(), head.path());
            RecordedResponse response = context.answerEarly(head.method(), uri, head.fields());
            if (response != null) {
                try {
                    request.answer = startPaced(open.getKey(), head.method() + " " + uri, response);
                    request.answer.requestGrew(request.body.size(), false);
                } catch (CassetteException | HpackException e) {
                    context.cannotAnswer(head.method() + " " + uri, e.getMessage());
                    closing = true;
                }
            }
        }
    }

    @Override
    public void reset(int stream, int errorCode) {
        requests.remove(stream);
        OutgoingBody body = sending.remove(stream);
        if (body != null) {
            body.close();
        }
    }

    @Override
    public void settings(boolean ack, int[] ids, long[] values) {
        if (ack) {
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == Frame.SETTINGS_HEADER_TABLE_SIZE) {
                encoder.allowTableSize(values[i]);
            } else if (ids[i] == Frame.SETTINGS_INITIAL_WINDOW_SIZE) {
                int delta = (int) values[i] - initialWindow;
                initialWindow = (int) values[i];
                for (OutgoingBody body : sending.values()) {
                    body.window += delta;
                }
            } else if (ids[i] == Frame.SETTINGS_MAX_FRAME_SIZE) {
                maxFrame = (int) values[i];
            }
        }
        out.settingsAck();
    }

    @Override
    public void ping(boolean ack, byte[] payload) {
        if (!ack) {
            out.pingAck(payload);
        }
    }

    @Override
    public void goAway(int lastStream, int errorCode) {
        goingAway = true;
    }

    @Override
    public void windowUpdate(int stream, int increment) {
        if (stream == 0) {
            connectionWindow += increment;
        } else {
            OutgoingBody body = sending.get(stream);
            if (body != null) {
                body.window += increment;
            }
        }
    }

    @Override
    public void pushPromise(int stream, int promised, Head request) {
        // a client never pushes; nothing to answer
    }

    @Override
    public void broken(String why) {
        fail("netrec: replay cannot follow the HTTP/2 that " + context.client() + " sent: " + why);
    }

    // ---- the answers ----

    private void answer(int stream, IncomingRequest request) throws IOException {
        if (closing) {
            return;
        }
        Head head = request.head;
        if (!context.replaying()) {
            if (Log.debugEnabled()) {
                Log.debug("replay: " + head.method() + " " + head.path() + " to " + context.client()
                        + " came after its cassette went out of use; closing, so that the client opens a new "
                        + "connection");
            }
            out.goAway(stream, Frame.NO_ERROR);
            closing = true;
            return;
        }
        String uri = RequestUri.of(context.tls(), context.host(), context.port(), head.path());
        RecordedResponse response = context.answer(head.method(), uri, head.fields(), request.body.toByteArray());
        if (response == null) {
            if (context.missRecorder() != null) {
                fail("netrec: update mode does not fetch HTTP/2 requests yet, and the cassette lacks "
                        + head.method() + " " + uri + "; record it (mode record) to add it");
            }
            closing = true;
            return;
        }
        try {
            start(stream, head, head.method() + " " + uri, response);
        } catch (CassetteException e) {
            context.cannotAnswer(head.method() + " " + uri, e.getMessage());
            closing = true;
        } catch (HpackException e) {
            context.cannotAnswer(head.method() + " " + uri, "its recorded headers cannot be sent over HTTP/2 ("
                    + (e.getCause() == null ? e.getMessage() : e.getCause()) + ")");
            closing = true;
        }
    }

    /** Sends the response's head, and queues its body and trailers behind the client's windows. */
    private void start(int stream, Head request, String label, RecordedResponse response)
            throws IOException, HpackException {
        if (response.isUnanswered()) {
            return; // as recorded: nothing, until the client gives up and resets the stream
        }
        boolean bodiless = "HEAD".equals(request.method()) || response.status() == 204 || response.status() == 304
                || response.body().isEmpty();
        boolean trailers = !response.trailers().isEmpty();
        byte[] head = encoder.response(response.status(), response.headers());
        byte[] trailerBlock = trailers ? encoder.trailers(response.trailers()) : null;
        if (bodiless) {
            out.headers(stream, head, !trailers && !response.endedEarly(), maxFrame);
            finish(stream, trailerBlock, response.endedEarly());
            return;
        }
        out.headers(stream, head, false, maxFrame);
        sending.put(stream, new OutgoingBody(stream, label, context.bodies().open(response.body()),
                response.body().size(),
                trailerBlock, response.endedEarly(), initialWindow));
    }

    /** Queues a response that goes along with its request: its head, its body and its end each wait their turn. */
    private OutgoingBody startPaced(int stream, String label, RecordedResponse response)
            throws IOException, HpackException {
        byte[] head = encoder.response(response.status(), response.headers());
        byte[] trailerBlock = response.trailers().isEmpty() ? null : encoder.trailers(response.trailers());
        OutgoingBody body = new OutgoingBody(stream, label, context.bodies().open(response.body()),
                response.body().size(), trailerBlock, response.endedEarly(), initialWindow);
        body.pace(head, response.interleaving());
        sending.put(stream, body);
        return body;
    }

    /** After the body: trailers end the stream, or a reset says it ended early. */
    private void finish(int stream, byte[] trailerBlock, boolean endedEarly) {
        if (endedEarly) {
            out.reset(stream, Frame.INTERNAL_ERROR);
        } else if (trailerBlock != null) {
            out.headers(stream, trailerBlock, true, maxFrame);
        }
    }

    /** DATA for every stream with body left, a frame each in turn, as far as the windows allow. */
    private void sendData() throws IOException {
        boolean sent = true;
        while (sent && connectionWindow > 0 && !sending.isEmpty()) {
            sent = false;
            for (Iterator<OutgoingBody> bodies = sending.values().iterator(); bodies.hasNext(); ) {
                OutgoingBody body = bodies.next();
                if (body.head != null) {
                    if (!body.released()) {
                        continue;
                    }
                    out.headers(body.stream, body.head, false, maxFrame);
                    body.head = null;
                }
                int n = (int) Math.min(Math.min(Math.min(maxFrame, LARGEST_DATA), body.releasedUnsent()),
                        Math.min(body.window, connectionWindow));
                if (n <= 0 && (body.remaining > 0 || !body.mayEnd())) {
                    continue;
                }
                if (chunk.length < n) {
                    chunk = new byte[n];
                }
                try {
                    body.read(chunk, n);
                } catch (IOException | CassetteException e) {
                    body.close();
                    context.cannotAnswer(body.request, e.getMessage());
                    closing = true;
                    sending.clear();
                    return;
                }
                boolean last = body.remaining == 0 && body.mayEnd();
                out.data(body.stream, chunk, 0, n, last && body.trailers == null && !body.endedEarly);
                body.window -= n;
                connectionWindow -= n;
                sent = true;
                if (last) {
                    bodies.remove();
                    body.close();
                    finish(body.stream, body.trailers, body.endedEarly);
                }
                if (out.size() >= BATCH) {
                    flush();
                }
                if (connectionWindow <= 0) {
                    break;
                }
            }
        }
    }

    private void flush() throws IOException {
        if (out.size() > 0) {
            context.send(Answer.of(out.take()));
        }
    }

    /** A request stream still arriving. */
    private static final class IncomingRequest {
        final Head head;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        long receivedSinceUpdate;
        /** Whether the cassette was asked for an answer that goes along with the request. */
        boolean triedEarly;
        /** That answer, being sent as the request grows; null when the request is answered once whole. */
        OutgoingBody answer;

        IncomingRequest(Head head) {
            this.head = head;
        }
    }

    /** A response body still to send, behind its stream's window. */
    private static final class OutgoingBody {
        final int stream;
        /** The request it answers, for messages. */
        final String request;
        private final InputStream in;
        long remaining;
        final byte[] trailers;
        final boolean endedEarly;
        long window;
        /** The response's head, while it waits for its turn; null once sent (or sent at once, unpaced). */
        byte[] head;
        private Interleaving pace = Interleaving.none();
        private long size;
        private long requestBytes;
        private boolean requestEnded = true;

        OutgoingBody(int stream, String request, InputStream in, long size, byte[] trailers, boolean endedEarly,
                int window) {
            this.stream = stream;
            this.request = request;
            this.in = in;
            this.remaining = size;
            this.size = size;
            this.trailers = trailers;
            this.endedEarly = endedEarly;
            this.window = window;
        }

        /** Sends the head and the body as the request grows, by {@code interleaving}. */
        void pace(byte[] waitingHead, Interleaving interleaving) {
            head = waitingHead;
            pace = interleaving;
            requestEnded = false;
        }

        /** The request's body has {@code bytes} now; {@code ended} once it is whole. */
        void requestGrew(long bytes, boolean ended) {
            requestBytes = bytes;
            requestEnded |= ended;
        }

        /** True once the head may go. */
        boolean released() {
            return requestEnded || pace.responseAllowed(requestBytes) >= 0;
        }

        /** Body bytes whose turn has come and that are not sent yet. */
        long releasedUnsent() {
            long allowed = requestEnded ? size : Math.max(0, pace.responseAllowed(requestBytes));
            return Math.max(0, allowed - (size - remaining));
        }

        /** True once the stream may end after its body: the request ended, or the recording ended it before. */
        boolean mayEnd() {
            return requestEnded || pace.responseAllowed(requestBytes) >= size && lastStepReached();
        }

        private boolean lastStepReached() {
            List<Interleaving.Step> steps = pace.steps();
            return !steps.isEmpty() && requestBytes >= steps.get(steps.size() - 1).request();
        }

        /** Reads exactly {@code n} bytes of the body. */
        void read(byte[] into, int n) throws IOException {
            int read = 0;
            while (read < n) {
                int got = in.read(into, read, n - read);
                if (got < 0) {
                    throw new CassetteException("a body file ended " + (remaining - read)
                            + " bytes before its recorded size");
                }
                read += got;
            }
            remaining -= n;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // a body file read to its end, or abandoned: nothing is lost
            }
        }
    }
}
