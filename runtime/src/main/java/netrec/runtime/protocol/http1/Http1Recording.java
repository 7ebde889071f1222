package netrec.runtime.protocol.http1;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Interaction;
import netrec.cassette.Pace;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Server;
import netrec.runtime.base.Log;
import netrec.runtime.protocol.ConversationRecording;
import netrec.runtime.protocol.RecordingContext;
import netrec.runtime.protocol.RequestUri;
import netrec.runtime.protocol.UpgradedRequest;

/**
 * The HTTP/1.1 exchanges of one recorded connection: requests parsed from what the client sent, responses from
 * what it received, paired in order (HTTP/1.1 answers in order, also when requests are pipelined). Runs on the
 * writer thread only.
 *
 * <p>Events from different application threads can reach the queue out of order: with NIO one thread writes the
 * request and another reads the response, and the reader may queue the response before the writer has queued the
 * request it answers. A response cannot come before its request, so bytes received while no request is waiting are
 * held back until one is.
 */
final class Http1Recording implements ConversationRecording {
    private final RecordingContext context;
    private final HttpStreamParser sent;
    private final HttpStreamParser received;
    private final Deque<PendingRequest> awaitingResponse = new ArrayDeque<>();
    private PendingRequest sending;
    private PendingResponse receiving;
    private final List<byte[]> heldBack = new ArrayList<>();
    private boolean endHeldBack;
    /** The protocol the connection switched to ({@code 101}), which records what follows; null before. */
    private ConversationRecording switchedTo;
    /** The client's last write failed: the request it finished may never have reached the server. */
    private boolean lastSendFailed;

    Http1Recording(RecordingContext context) {
        this.context = context;
        this.sent = new HttpStreamParser(true, new RequestListener());
        this.received = new HttpStreamParser(false, new ResponseListener());
    }

    @Override
    public void sent(byte[] bytes) throws IOException {
        lastSendFailed = false;
        sent.feed(bytes, 0, bytes.length);
    }

    @Override
    public void sendFailed() {
        if (switchedTo != null) {
            switchedTo.sendFailed();
        } else {
            lastSendFailed = true;
        }
    }

    @Override
    public void received(byte[] bytes) throws IOException {
        if (awaitingResponse.isEmpty() && received.idle()) {
            heldBack.add(bytes);
        } else {
            received.feed(bytes, 0, bytes.length);
        }
    }

    @Override
    public void receivedEnd() throws IOException {
        if (heldBack.isEmpty()) {
            received.endOfStream();
        } else {
            endHeldBack = true;
        }
    }

    /** A request is waiting now: what arrived before it was queued can be read as its response. */
    private void releaseHeldBack() throws IOException {
        while (!heldBack.isEmpty() && !awaitingResponse.isEmpty()) {
            byte[] bytes = heldBack.remove(0);
            received.feed(bytes, 0, bytes.length);
        }
        if (heldBack.isEmpty() && endHeldBack) {
            endHeldBack = false;
            received.endOfStream();
        }
    }

    /** The connection closed: what is still half-way is dropped. */
    @Override
    public void closed() throws IOException {
        heldBack.clear();
        received.endOfStream();
        sent.endOfStream();
        if (sending != null) {
            sending.body.abandon();
        }
        if (receiving != null) {
            receiving.body.abandon();
        }
        PendingRequest last = awaitingResponse.peekLast();
        for (PendingRequest request : awaitingResponse) {
            // a request whose last write failed was not left unanswered by the server: a client sends it again
            if (request.finished != null && !(request == last && lastSendFailed)) {
                recordUnanswered(request);
            }
        }
    }

    /** A whole request whose connection ended with no response to it: kept as unanswered. */
    private void recordUnanswered(PendingRequest request) {
        Instant now = Instant.now();
        String uri = context.uriToRecord(
                RequestUri.of(context.tls(), context.host(), context.port(), request.head.target()), now);
        try {
            context.completed(new Interaction(now, context.server(), Http1.NAME, new RecordedRequest(
                    request.head.method(), uri, context.redact(request.head.headers()), request.finished),
                    RecordedResponse.unanswered(), ""));
        } catch (IOException e) {
            Log.debug("unanswered " + request.head.method() + " " + uri + " not recorded: " + e);
        }
    }

    private final class RequestListener implements HttpStreamParser.Listener {
        @Override
        public BodyFraming head(HttpHead head) throws IOException {
            sending = new PendingRequest(head, context.newBody(), context.movedAt());
            awaitingResponse.add(sending);
            BodyFraming framing = BodyFraming.ofRequest(head);
            releaseHeldBack();
            return framing;
        }

        @Override
        public void body(byte[] bytes, int offset, int length) throws IOException {
            sending.body.write(bytes, offset, length);
        }

        @Override
        public void end(boolean complete) throws IOException {
            sending.finished = sending.body.finish();
            sending.sentAt = context.movedAt();
            sending = null;
        }

        @Override
        public void notHttp(String why) {
            context.misrecognized(why);
        }
    }

    private final class ResponseListener implements HttpStreamParser.Listener {
        @Override
        public BodyFraming head(HttpHead head) {
            PendingRequest request = awaitingResponse.peek();
            long sentAt = request == null ? context.movedAt() : request.sentAt != 0 ? request.sentAt
                    : request.headAt;
            receiving = new PendingResponse(head, context.newBody(), new Pace.Recording(sentAt));
            receiving.pace.arrived(0, context.movedAt());
            return BodyFraming.ofResponse(head, request == null ? "" : request.head.method());
        }

        @Override
        public void body(byte[] bytes, int offset, int length) throws IOException {
            receiving.body.write(bytes, offset, length);
            receiving.pace.arrived(receiving.body.size(), context.movedAt());
        }

        @Override
        public void end(boolean complete) throws IOException {
            PendingResponse response = receiving;
            receiving = null;
            int status = response.head.status();
            if (status / 100 == 1 && status != 101) {
                response.body.abandon();
                return;
            }
            PendingRequest request = awaitingResponse.poll();
            if (request == null) {
                response.body.abandon();
                return;
            }
            Body requestBody = request.finished != null ? request.finished : request.body.finish();
            Body responseBody = response.body.finish();
            if ("CONNECT".equals(request.head.method())) {
                return;
            }
            if (status == 101) {
                switchedTo = context.upgrade(upgradeToken(response.head), new UpgradedRequest(request.head.method(),
                        request.head.target(), request.head.headers(), requestBody, response.head.reason(),
                        response.head.headers()));
                return;
            }
            Instant now = Instant.now();
            String uri = context.uriToRecord(
                    RequestUri.of(context.tls(), context.host(), context.port(), request.head.target()), now);
            Interaction interaction = new Interaction(now, serverOf(request.head), Http1.NAME,
                    new RecordedRequest(request.head.method(), uri, context.redact(request.head.headers()), requestBody),
                    new RecordedResponse(status, response.head.reason(), context.redact(response.head.headers()),
                            responseBody, !complete).withPace(response.pace.finish()), "");
            context.completed(interaction);
        }

        @Override
        public void notHttp(String why) {
            context.misrecognized(why);
        }

        /** What the server sent after its {@code 101}, in the same read: the new protocol's first bytes. */
        @Override
        public void afterSwitch(byte[] bytes, int offset, int length) throws IOException {
            if (switchedTo != null && length > 0) {
                switchedTo.received(Arrays.copyOfRange(bytes, offset, offset + length));
            }
        }
    }

    /**
     * The server a request went to: the connection's, or, for plain HTTP sent to a forward proxy (the target in
     * absolute form), the origin the URI names, with the proxy as {@code via}: replay then answers it with the proxy
     * or without.
     */
    private Server serverOf(HttpHead request) throws IOException {
        Server connected = context.server();
        String target = request.target();
        if (context.tls() || !target.startsWith("http://")) {
            return connected;
        }
        URI origin = URI.create(RequestUri.of(false, context.host(), context.port(), target));
        if (origin.getHost() == null || origin.getHost().equalsIgnoreCase(connected.host())
                && origin.getPort() == connected.port()) {
            return connected;
        }
        return new Server(origin.getHost().replace("[", "").replace("]", ""), origin.getPort(), "",
                connected.host() + ":" + connected.port(), null);
    }

    /** The protocol a {@code 101} switched to: its {@code Upgrade} token, lowercase. */
    private static String upgradeToken(HttpHead response) {
        String upgrade = response.headers().first("Upgrade");
        return upgrade == null ? "" : upgrade.split(",", -1)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static final class PendingRequest {
        final HttpHead head;
        final BodyStore.BodyWriter body;
        /** When its head was sent, and when it was sent whole (0 until then): what its response's pace counts from. */
        final long headAt;
        long sentAt;
        Body finished;

        PendingRequest(HttpHead head, BodyStore.BodyWriter body, long headAt) {
            this.head = head;
            this.body = body;
            this.headAt = headAt;
        }
    }

    private static final class PendingResponse {
        final HttpHead head;
        final BodyStore.BodyWriter body;
        final Pace.Recording pace;

        PendingResponse(HttpHead head, BodyStore.BodyWriter body, Pace.Recording pace) {
            this.head = head;
            this.body = body;
            this.pace = pace;
        }
    }

}
