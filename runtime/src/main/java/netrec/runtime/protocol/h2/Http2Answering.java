package netrec.runtime.protocol.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Interleaving;
import netrec.runtime.exchange.HttpExchanges;
import netrec.runtime.exchange.HttpReply;
import netrec.runtime.exchange.HttpResponse;
import netrec.runtime.exchange.Pacer;
import netrec.runtime.protocol.Answer;
import netrec.runtime.protocol.ClientConnection;
import netrec.runtime.protocol.ConnectionAnswering;
import org.eclipse.jetty.http2.hpack.HpackException;

/**
 * HTTP/2's codec in replay, speaking as a server would: netrec's SETTINGS first, the client's acknowledged, PINGs
 * answered. Each stream the client ends is one request for {@link HttpExchanges}, which says what to do with it; its
 * response goes out on its own: the head at once, the body in DATA frames within the client's flow-control windows
 * (stream and connection), shared out among the streams in turn, then its trailers. Everything happens as the
 * client's bytes arrive: a window the client opens lets more DATA go. Many streams in flight each get their own
 * answer. At the recorded pace ({@code pace=recorded}) a response's head and each part of its body wait for their
 * time, and meanwhile the other streams' go on; only when every stream with something left waits for its time does
 * the connection wait (and reads nothing from the client until the earliest is due).
 */
final class Http2Answering implements ConnectionAnswering, FrameDecoder.Listener {
    /** The window netrec gives the client for its request bodies, opened again once half is used. */
    private static final int RECEIVE_WINDOW = 1 << 30;
    /** The most DATA one frame carries, whatever larger frames the client allows. */
    private static final int LARGEST_DATA = 1 << 16;
    /** Frames are handed over in batches of about this size. */
    private static final int BATCH = 1 << 16;

    private final ClientConnection connection;
    private final HttpExchanges exchanges;
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

    Http2Answering(ClientConnection connection, HttpExchanges exchanges) {
        this.connection = connection;
        this.exchanges = exchanges;
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

    private void fail(String explanation) {
        connection.fail(explanation);
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
            if (request.triedEarly || closing) {
                continue;
            }
            request.triedEarly = true;
            Head head = request.head;
            HttpResponse response = exchanges.replyAlongside(head.method(), head.path(), head.fields());
            if (response != null) {
                request.answer = startPaced(open.getKey(), response);
                if (request.answer == null) {
                    return;
                }
                request.answer.requestGrew(request.body.size(), false);
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
            } else if (ids[i] == Frame.SETTINGS_MAX_HEADER_LIST_SIZE) {
                encoder.allowHeaderListSize(values[i]);
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
        fail("netrec: replay cannot follow the HTTP/2 that " + connection + " sent: " + why);
    }

    // ---- the answers ----

    private void answer(int stream, IncomingRequest request) throws IOException {
        if (closing) {
            return;
        }
        Head head = request.head;
        HttpReply reply = exchanges.reply(head.method(), head.path(), head.fields(), request.body.toByteArray());
        switch (reply.kind()) {
            case RESPOND:
                start(stream, head, reply.response());
                break;
            case HOLD:
                break; // as recorded: nothing, until the client gives up and resets the stream
            case NO_CASSETTE:
                out.goAway(stream, Frame.NO_ERROR);
                closing = true;
                break;
            case SWITCHED:
                fail("netrec: the cassette answers " + head.method() + " " + head.path() + " on " + connection
                        + " by switching protocols, which HTTP/2 cannot do");
                break;
            default:
                closing = true;
                break;
        }
    }

    /** Sends the response's head, and queues its body and trailers behind the client's windows. */
    private void start(int stream, Head request, HttpResponse response) throws IOException {
        boolean bodiless = "HEAD".equals(request.method()) || response.status() == 204 || response.status() == 304
                || response.bodySize() == 0;
        OutgoingBody body;
        try {
            body = new OutgoingBody(stream, bodiless ? null : response.body(), response, initialWindow);
        } catch (IOException unreadable) {
            closing = true; // said, and the connection failed with the reason
            return;
        }
        Pacer pacer = response.pacer();
        if (pacer != null && pacer.dueAt(-1) - System.nanoTime() > 0) {
            sending.put(stream, body); // its head goes when its time comes, with the other streams' DATA
            return;
        }
        if (!sendHead(body, bodiless)) {
            return;
        }
        if (bodiless) {
            finish(body);
        } else {
            sending.put(stream, body);
        }
    }

    /**
     * Queues a response that goes along with its request: its head, its body and its end each wait their turn;
     * null when it cannot be sent, and the connection failed.
     */
    private OutgoingBody startPaced(int stream, HttpResponse response) throws IOException {
        OutgoingBody body;
        try {
            body = new OutgoingBody(stream, response.body(), response, initialWindow);
        } catch (IOException unreadable) {
            closing = true;
            return null;
        }
        body.pace(response.pace());
        sending.put(stream, body);
        return body;
    }

    /**
     * Sends a response's head, encoded now: HPACK's table changes with each header block, in the order they go out.
     * False when its fields cannot be sent over HTTP/2, and the connection failed.
     */
    private boolean sendHead(OutgoingBody body, boolean endsStream) throws IOException {
        try {
            byte[] head = encoder.response(body.response.status(), body.response.headers());
            out.headers(body.stream, head, endsStream && body.response.trailers().isEmpty()
                    && !body.response.endedEarly(), maxFrame);
            body.headSent = true;
            Pacer pacer = body.response.pacer();
            if (pacer != null) {
                pacer.headSent();
            }
            return true;
        } catch (HpackException e) {
            cannotEncode(e);
            return false;
        }
    }

    /** After the body: trailers end the stream, or a reset says it ended early. */
    private void finish(OutgoingBody body) {
        HttpResponse response = body.response;
        if (response.endedEarly()) {
            out.reset(body.stream, Frame.INTERNAL_ERROR);
        } else if (!response.trailers().isEmpty()) {
            try {
                out.headers(body.stream, encoder.trailers(response.trailers()), true, maxFrame);
            } catch (HpackException e) {
                cannotEncode(e);
            }
        }
    }

    private void cannotEncode(HpackException e) {
        fail("netrec: replay cannot send a recorded response to " + connection + " over HTTP/2: its header fields "
                + "cannot be encoded (" + (e.getCause() == null ? e.getMessage() : e.getCause()) + ")");
        sending.clear();
    }

    /**
     * DATA for every stream with body left, a frame each in turn, as far as the windows allow; heads and parts kept to
     * their recorded pace go once due. When nothing else can go and some wait only for their time, what was written
     * goes out and the connection waits for the earliest.
     */
    private void sendData() throws IOException {
        long waitUntil;
        while ((waitUntil = sendDue()) != 0 && !closing && !sending.isEmpty()) {
            flush();
            Pacer.sleepUntilNanos(waitUntil);
        }
    }

    /**
     * Sends what may go now; returns when the earliest part held back only by its recorded pace is due
     * ({@link System#nanoTime}), or 0 when none is (or the connection's window is spent).
     */
    private long sendDue() throws IOException {
        boolean sent = true;
        long earliest = 0;
        while (sent && connectionWindow > 0 && !sending.isEmpty() && !closing) {
            sent = false;
            earliest = 0;
            for (Iterator<OutgoingBody> bodies = sending.values().iterator(); bodies.hasNext(); ) {
                OutgoingBody body = bodies.next();
                Pacer pacer = body.response.pacer();
                if (!body.headSent) {
                    if (!body.released()) {
                        continue;
                    }
                    long due = pacer == null ? Long.MIN_VALUE : pacer.dueAt(-1);
                    if (due != Long.MIN_VALUE && due - System.nanoTime() > 0) {
                        earliest = earlier(earliest, due);
                        continue;
                    }
                    if (!sendHead(body, body.bodiless())) {
                        if (closing) {
                            return 0;
                        }
                        continue;
                    }
                    sent = true;
                    if (body.bodiless()) {
                        bodies.remove();
                        finish(body);
                        continue;
                    }
                }
                int n = (int) Math.min(Math.min(Math.min(maxFrame, LARGEST_DATA), body.releasedUnsent()),
                        Math.min(body.window, connectionWindow));
                if (n > 0 && pacer != null) {
                    long allowed = pacer.allowedNow(body.sent());
                    if (allowed == 0) {
                        earliest = earlier(earliest, pacer.dueAt(body.sent()));
                        continue;
                    }
                    n = (int) Math.min(n, allowed);
                }
                if (n <= 0 && (!body.atEnd() || !body.mayEnd())) {
                    continue;
                }
                if (chunk.length < n) {
                    chunk = new byte[n];
                }
                try {
                    n = body.read(chunk, n);
                } catch (IOException e) {
                    body.close();
                    fail(e.getMessage());
                    sending.clear();
                    return 0;
                }
                boolean last = body.atEnd() && body.mayEnd();
                out.data(body.stream, chunk, 0, n, last && body.response.trailers().isEmpty()
                        && !body.response.endedEarly());
                body.window -= n;
                connectionWindow -= n;
                sent = true;
                if (last) {
                    bodies.remove();
                    body.close();
                    finish(body);
                }
                if (out.size() >= BATCH) {
                    flush();
                }
                if (connectionWindow <= 0) {
                    break;
                }
            }
        }
        return sent || connectionWindow <= 0 ? 0 : earliest;
    }

    /** The earlier of two times ({@link System#nanoTime}), 0 standing for none. */
    private static long earlier(long one, long other) {
        return one == 0 || other - one < 0 ? other : one;
    }

    private void flush() throws IOException {
        if (out.size() > 0) {
            connection.send(Answer.of(out.take()));
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

    /**
     * A response still to send on one stream: its head (while it waits for its turn), then its body behind the
     * stream's window. A body of unknown size (fetched in update mode) ends where its stream ends.
     */
    private static final class OutgoingBody {
        final int stream;
        final HttpResponse response;
        private final InputStream in;
        /** The body's size, or -1 while unknown. */
        private final long size;
        private long sent;
        private boolean ended;
        long window;
        boolean headSent;
        private Interleaving pace = Interleaving.none();
        private long requestBytes;
        private boolean requestEnded = true;

        /** {@code in} is the body, or null when none is sent. */
        OutgoingBody(int stream, InputStream in, HttpResponse response, int window) {
            this.stream = stream;
            this.response = response;
            this.in = in;
            this.size = in == null ? 0 : response.bodySize();
            this.ended = in == null;
            this.window = window;
        }

        /** Sends the head and the body as the request grows, by {@code interleaving}. */
        void pace(Interleaving interleaving) {
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

        /** Body bytes whose turn has come and that are not sent yet (as many as wanted, for a body of unknown size). */
        long releasedUnsent() {
            if (ended) {
                return 0;
            }
            long allowed = requestEnded ? (size < 0 ? Long.MAX_VALUE : size)
                    : Math.max(0, pace.responseAllowed(requestBytes));
            return Math.max(0, allowed - sent);
        }

        /** True when the response has no body to send (a HEAD's, a 204's, a 304's, an empty one). */
        boolean bodiless() {
            return in == null;
        }

        /** Body bytes sent so far. */
        long sent() {
            return sent;
        }

        /** True once the whole body was read. */
        boolean atEnd() {
            return ended || size >= 0 && sent == size;
        }

        /** True once the stream may end after its body: the request ended, or the recording ended it before. */
        boolean mayEnd() {
            return requestEnded || pace.responseAllowed(requestBytes) >= size && lastStepReached();
        }

        private boolean lastStepReached() {
            List<Interleaving.Step> steps = pace.steps();
            return !steps.isEmpty() && requestBytes >= steps.get(steps.size() - 1).request();
        }

        /**
         * Reads {@code n} bytes of the body, fewer only at its end (a body of unknown size); a recorded body that
         * ends before its size fails.
         */
        int read(byte[] into, int n) throws IOException {
            int read = in == null ? 0 : in.readNBytes(into, 0, n);
            sent += read;
            if (read < n) {
                if (size >= 0) {
                    throw new IOException("netrec: cannot replay a response to stream " + stream + ": its body "
                            + "ended " + (size - sent) + " bytes before its recorded size");
                }
                ended = true;
            }
            return read;
        }

        void close() {
            if (in == null) {
                return;
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // a body read to its end, or abandoned: nothing is lost
            }
        }
    }
}
