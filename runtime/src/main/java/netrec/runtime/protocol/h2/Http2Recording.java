package netrec.runtime.protocol.h2;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Interleaving;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * The streams of one recorded HTTP/2 connection: each stream the client opened becomes one interaction, its request
 * from what the client sent and its response (trailers included) from what it received, written once both sides
 * have ended it. The two directions are decoded separately, each with its own HPACK state, so the order in which
 * application threads moved bytes one way relative to the other does not matter. Runs on the writer thread only.
 *
 * <p>A stream reset after its response began is recorded as ended early, with what arrived. A whole request that got
 * no response before the stream was reset or the connection ended (a client's deadline) is recorded as unanswered;
 * one reset while the client was still sending it is not recorded. Streams a server pushed are not recorded (their
 * headers are decoded, to keep HPACK in step). A response keeps when its head and each DATA frame arrived after its
 * request was sent whole ({@link Pace}): a gRPC server stream's messages, an event stream's events.
 */
final class Http2Recording implements ConversationRecording {
    private final RecordingContext context;
    private final FrameDecoder client = new FrameDecoder(true, new ClientSide());
    private final FrameDecoder server = new FrameDecoder(false, new ServerSide());
    private final Map<Integer, RecordedStream> streams = new HashMap<>();
    private boolean stopped;
    private boolean pushNoted;
    /** The client's last write failed: the requests it finished may never have reached the server. */
    private boolean lastSendFailed;

    Http2Recording(RecordingContext context) {
        this.context = context;
    }

    /** A connection that switched to HTTP/2 on {@code request}, which is its stream 1, sent whole. */
    Http2Recording(RecordingContext context, UpgradedRequest request) {
        this(context);
        RecordedStream first = stream(1);
        first.request = Head.upgraded(request.method(), request.target(), request.headers());
        first.requestFinished = request.body();
        first.requestDone = true;
    }

    @Override
    public void sent(byte[] bytes) throws IOException {
        lastSendFailed = false;
        if (!stopped) {
            client.feed(bytes, 0, bytes.length);
        }
    }

    @Override
    public void sendFailed() {
        lastSendFailed = true;
    }

    @Override
    public void received(byte[] bytes) throws IOException {
        if (!stopped) {
            server.feed(bytes, 0, bytes.length);
        }
    }

    @Override
    public void receivedEnd() throws IOException {
        closed();
    }

    /**
     * The connection closed: streams whose response began are kept as ended early, whole requests without one as
     * unanswered (unless the client's last write failed: they may never have reached the server), the others are
     * dropped.
     */
    @Override
    public void closed() throws IOException {
        for (RecordedStream stream : new ArrayList<>(streams.values())) {
            if (lastSendFailed && stream.response == null) {
                stream.abandon();
            } else {
                stream.cutShort();
            }
        }
        streams.clear();
    }

    private RecordedStream stream(int id) {
        return streams.computeIfAbsent(id, RecordedStream::new);
    }

    private void stop(String why) {
        if (!stopped) {
            stopped = true;
            context.notRecorded(why);
            for (RecordedStream stream : streams.values()) {
                stream.abandon();
            }
            streams.clear();
        }
    }

    /** What the client sent. */
    private final class ClientSide extends Side {
        @Override
        public void headers(int id, Head head, boolean endStream) throws IOException {
            RecordedStream stream = stream(id);
            if (head.isRequest() && stream.request == null) {
                stream.request = head;
                stream.requestBody = context.newBody();
                stream.requestHeadAt = context.movedAt();
            }
            if (endStream) {
                stream.requestEnded();
            }
        }

        @Override
        BodyStore.BodyWriter body(RecordedStream stream) {
            return stream.requestBody;
        }

        @Override
        void ended(RecordedStream stream) throws IOException {
            stream.requestEnded();
        }

        @Override
        FrameDecoder otherDirection() {
            return server;
        }

        @Override
        public void broken(String why) {
            stop("its client's HTTP/2 could not be followed: " + why);
        }
    }

    /** What the client received. */
    private final class ServerSide extends Side {
        @Override
        public void headers(int id, Head head, boolean endStream) throws IOException {
            RecordedStream stream = stream(id);
            if (head.isResponse() && head.isInterim()) {
                return;
            }
            if (stream.response == null && head.isResponse()) {
                stream.response = head;
                stream.responseBody = context.newBody();
                stream.arrivals = new Pace.Recording(stream.requestSentAt != 0 ? stream.requestSentAt
                        : stream.requestHeadAt != 0 ? stream.requestHeadAt : context.movedAt());
                stream.arrivals.arrived(0, context.movedAt());
                stream.paceIfEarly();
            } else if (stream.response != null) {
                stream.trailers = head.fields();
            }
            if (endStream) {
                stream.responseEnded();
            }
        }

        @Override
        BodyStore.BodyWriter body(RecordedStream stream) {
            return stream.responseBody;
        }

        @Override
        void ended(RecordedStream stream) throws IOException {
            stream.responseEnded();
        }

        @Override
        FrameDecoder otherDirection() {
            return client;
        }

        @Override
        void wrote(RecordedStream stream) {
            stream.arrivals.arrived(stream.responseBody.size(), context.movedAt());
            stream.paceIfEarly();
        }

        @Override
        public void pushPromise(int id, int promised, Head request) {
            if (!pushNoted && Log.debugEnabled()) {
                Log.debug("HTTP/2 server push from " + context.host() + ":" + context.port()
                        + " is not recorded; the pushed streams are left out");
            }
            pushNoted = true;
            streams.put(promised, new RecordedStream(promised, true));
        }

        @Override
        public void broken(String why) {
            stop("the HTTP/2 its client received could not be followed: " + why);
        }
    }

    /**
     * One direction's frames. DATA goes to that side's body of its stream; a reset ends the stream, whichever side
     * sent it; a side's SETTINGS bound the header table of the other direction; the rest means nothing to a
     * recording.
     */
    private abstract class Side implements FrameDecoder.Listener {
        /** The body this side writes on {@code stream}; null before its head. */
        abstract BodyStore.BodyWriter body(RecordedStream stream);

        /** This side ended {@code stream}. */
        abstract void ended(RecordedStream stream) throws IOException;

        /** The decoder of the other direction, whose header table this side's SETTINGS bound. */
        abstract FrameDecoder otherDirection();

        /** This side's body on {@code stream} grew. */
        void wrote(RecordedStream stream) {
        }

        @Override
        public void data(int id, byte[] bytes, int offset, int length, boolean endStream, int flowControlled)
                throws IOException {
            RecordedStream stream = streams.get(id);
            if (stream == null) {
                return;
            }
            BodyStore.BodyWriter body = body(stream);
            if (body != null) {
                body.write(bytes, offset, length);
                wrote(stream);
            }
            if (endStream) {
                ended(stream);
            }
        }

        @Override
        public void settings(boolean ack, int[] ids, long[] values) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == Frame.SETTINGS_HEADER_TABLE_SIZE) {
                    otherDirection().allowTableSize(values[i]);
                }
            }
        }

        @Override
        public void reset(int id, int errorCode) throws IOException {
            RecordedStream stream = streams.get(id);
            if (stream != null) {
                stream.cutShort();
            }
        }

        @Override
        public void ping(boolean ack, byte[] payload) {
        }

        @Override
        public void goAway(int lastStream, int errorCode) {
        }

        @Override
        public void windowUpdate(int stream, int increment) {
        }

        @Override
        public void pushPromise(int stream, int promised, Head request) {
        }
    }

    /** One stream: its request and response as they arrive. */
    private final class RecordedStream {
        final int id;
        /** A stream the server pushed: followed, never recorded. */
        final boolean pushed;
        Head request;
        BodyStore.BodyWriter requestBody;
        Body requestFinished;
        boolean requestDone;
        Head response;
        BodyStore.BodyWriter responseBody;
        boolean responseDone;
        Headers trailers = Headers.none();
        /** When the request's head was sent, and when it was sent whole (0 until then): what the pace counts from. */
        long requestHeadAt;
        long requestSentAt;
        /** When the response's head and each part of its body arrived; null before its head. */
        Pace.Recording arrivals;
        /** How the response went along with the request, when it began before the request ended. */
        final List<Interleaving.Step> pace = new ArrayList<>();
        /** The response went on after the request ended: its early start was no accident of thread timing. */
        boolean respondedPastRequestEnd;

        RecordedStream(int id) {
            this(id, false);
        }

        RecordedStream(int id, boolean pushed) {
            this.id = id;
            this.pushed = pushed;
        }

        /**
         * The response began, or grew, before the request ended: how far each had come is a step of the
         * interleaving (one step per request size).
         */
        void paceIfEarly() {
            if (requestDone || requestBody == null || responseBody == null) {
                return;
            }
            Interleaving.Step step = new Interleaving.Step(requestBody.size(), responseBody.size());
            if (!pace.isEmpty() && pace.get(pace.size() - 1).request() == step.request()) {
                pace.set(pace.size() - 1, step);
            } else {
                pace.add(step);
            }
        }

        void requestEnded() throws IOException {
            respondedPastRequestEnd = !pace.isEmpty() && !responseDone;
            requestDone = true;
            requestSentAt = context.movedAt();
            if (requestBody != null && requestFinished == null) {
                requestFinished = requestBody.finish();
            }
            if (responseDone) {
                complete(false);
            }
        }

        /**
         * The response ended. The request's last bytes can still be on their way: the thread that wrote them may
         * reach the recorder after the one that read the response.
         */
        void responseEnded() throws IOException {
            responseDone = true;
            if (requestDone) {
                complete(false);
            }
        }

        /** Reset, or the connection ended: ended early if its response began, unanswered if it had not. */
        void cutShort() throws IOException {
            complete(!responseDone);
        }

        private void complete(boolean endedEarly) throws IOException {
            streams.remove(id);
            if (request == null || pushed || (response == null && !requestDone)) {
                abandon();
                return;
            }
            if (requestFinished == null) {
                requestFinished = requestBody.finish();
            }
            Instant now = Instant.now();
            String uri = context.uriToRecord(RequestUri.of(context.tls(), context.host(), context.port(),
                    request.path()), now);
            RecordedResponse answer = response == null ? RecordedResponse.unanswered()
                    : new RecordedResponse(response.status(), "", context.redact(response.fields()),
                            responseBody.finish(), endedEarly, context.redact(trailers), interleaving())
                            .withPace(arrivals.finish());
            context.completed(new Interaction(now, context.server(), Http2.NAME,
                    new RecordedRequest(request.method(), uri, context.redact(request.fields()), requestFinished),
                    answer, ""));
        }

        /**
         * The interleaving kept: a response whose every step came at one request size and that ended before the
         * request did was, in all likelihood, read by one thread before another thread's last write of the request
         * reached the recorder; it is taken as a response to the whole request.
         */
        private Interleaving interleaving() {
            boolean severalSizes = pace.size() > 1;
            return severalSizes || respondedPastRequestEnd ? Interleaving.of(pace) : Interleaving.none();
        }

        void abandon() {
            if (requestBody != null && requestFinished == null) {
                requestBody.abandon();
            }
            if (responseBody != null) {
                responseBody.abandon();
            }
        }
    }
}
