package netrec.runtime.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import netrec.cassette.Body;
import netrec.cassette.BodyChecksums;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.CertificateStore;
import netrec.cassette.Headers;
import netrec.cassette.ConnectFailure;
import netrec.cassette.Failure;
import netrec.cassette.HostLookup;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedRequest;
import netrec.cassette.Redacted;
import netrec.cassette.Server;
import netrec.cassette.Tls;
import netrec.cassette.analysis.TemplateProposer;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.RecordingFile;
import netrec.runtime.base.AgentOptions;
import netrec.runtime.base.Log;
import netrec.runtime.base.NetrecThread;
import netrec.runtime.base.SentRequest;
import netrec.runtime.base.SentRequests;
import netrec.runtime.protocol.Protocol;

/**
 * Writes what the JVM says on the network into the cassette, without ever making the network thread wait on disk:
 * the application's threads copy the bytes into a bounded queue; one writer thread parses HTTP, streams bodies to
 * their files and appends finished interactions to this JVM's recording file in batches, at least every 100 ms.
 * The application's threads do not wake the writer for each event: while traffic flows it takes what has queued
 * every millisecond, and only when it has been idle does the next event wake it.
 *
 * <p>The queue holds at most 4096 events and 32 MiB of bytes, whatever the bodies' sizes. When it is full (the disk
 * is slower than the network for long), the application thread waits for room rather than lose traffic; netrec says
 * so once. It also waits while the oldest event queued is more than 50 ms old, or what the writer handled is still
 * unwritten 150 ms on (the writer is behind, as while its JVM warms up and its first write loads its classes), so that
 * a JVM killed at any moment, SIGKILL included, loses less than 200 ms of traffic: what was still queued, or handled
 * but not yet written.
 */
public final class Recorder {
    /** Text placed where a redacted header value was. */
    public static final String REDACTED = Redacted.VALUE;
    private static final int QUEUE_EVENTS = 4096;
    private static final int QUEUE_KILOBYTES = 32 * 1024;
    /** The longest a finished interaction waits, handled, before it is written. */
    private static final long FLUSH_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * The longest an event waits in the queue before the application waits for the writer: with
     * {@link #FLUSH_EVERY_NANOS}, what a JVM killed at any moment can lose is under 200 ms of traffic.
     */
    private static final long MOST_BEHIND_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long the writer naps when it has caught up, while traffic flows: it then takes in one go what came
     * meanwhile. Nobody wakes it for each event: a wake-up is a system call and a context switch on the application's
     * thread, twice per small request.
     */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** After this long with nothing queued, the writer dozes until the next event wakes it. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long {@link #stop} waits for writes under way on the recording's connections. */
    private static final long WRITES_UNDER_WAY_WAIT_MILLIS = 1000;

    private final AgentOptions options;
    private final List<Protocol> protocols;
    private final BodyStore bodies;
    private final CertificateStore certificates;
    private final RecordingFile file;
    private final Redactor redactor;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final Semaphore queuedKilobytes = new Semaphore(QUEUE_KILOBYTES);
    /** Started by the first event: a JVM that records nothing creates no thread and no file. */
    private volatile NetrecThread writer;
    /** True while the writer dozes, idle: the next event wakes it. */
    private volatile boolean dozing;
    /** When the writer first held handled interactions not yet written ({@link System#nanoTime}), or 0: none. */
    private volatile long unwrittenSince;
    private final AtomicInteger interactions = new AtomicInteger();
    private final AtomicInteger answeredOverUdp = new AtomicInteger();
    /** Events queued, and handled by the writer: a test asking what was sent waits until these meet. */
    private final AtomicLong queued = new AtomicLong();
    private volatile long handled;
    /** Where the requests recorded are told, for a test to ask what its code sent; null when none asks. */
    private volatile SentRequests sent;
    private final Map<SSLSession, Tls> tlsBySession = new HashMap<>();
    /**
     * The HTTP state in this recording of each connection it saw, for as long as the connection lives (bytes that
     * arrive after its close go to its closed conversation, never to a new one); the writer thread's alone. A
     * connection a client keeps open from one test to the next has a conversation in each test's recording, begun at
     * a request boundary, so that no cassette gets another's traffic, whichever recording's writer runs first.
     */
    private final Map<RecordedConnection, Conversation> conversations = new WeakHashMap<>();
    /** The connections of {@link #conversations} that have not closed; the writer thread's alone. */
    private final Set<RecordedConnection> conversing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Hosts (lower case) this recording has a DNS answer for. */
    private final Set<String> hostsLookedUp = new HashSet<>();
    private final Set<String> lookupsWritten = new HashSet<>();
    private final Set<RecordedConnection> broken = new HashSet<>();
    private volatile boolean stopped;
    /** Channel writes begun for this recording whose bytes, and what was read meanwhile, are not handed over yet. */
    private final AtomicInteger writesUnderWay = new AtomicInteger();

    /** Records into {@code options}' cassette the connections that speak one of {@code protocols}. */
    public Recorder(AgentOptions options, List<Protocol> protocols) {
        this(options, protocols, options.cassette(), options.stableRecordingName() ? "recording" : null);
    }

    /**
     * Records into {@code into}, a folder laid out as a cassette (a recording attempt, which becomes part of the
     * cassette once the recording ends well), as {@code interactions/NAME.yaml} ({@code fileName}; null: named after
     * the start time and pid).
     */
    public Recorder(AgentOptions options, List<Protocol> protocols, Path into, String fileName) {
        this.options = options;
        this.protocols = List.copyOf(protocols);
        CassetteLayout layout = new CassetteLayout(into);
        this.bodies = new BodyStore(layout);
        BodyChecksums.jvm().keepIn(options.cassetteIndexes());
        this.certificates = new CertificateStore(layout);
        this.file = fileName != null ? RecordingFile.named(layout, Instant.now(), fileName)
                : new RecordingFile(layout, Instant.now());
        this.redactor = new Redactor(options.redaction());
        WriteOrder.startCounting();
    }

    /** Tells {@code requests} each HTTP request this recording writes, as it writes it. */
    public void tellSentTo(SentRequests requests) {
        this.sent = requests;
    }

    /**
     * Waits until the writer has handled every event queued before this call (at most {@code millis}): the
     * exchanges the application finished by then are recorded, and told.
     */
    public void awaitHandled(long millis) {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (handled < target && !stopped && System.nanoTime() - deadline < 0) {
            NetrecThread started = writer;
            if (dozing && started != null) {
                LockSupport.unpark(started);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** How many interactions this recording has written (DNS answers and notes not counted). */
    public int recordedInteractions() {
        return interactions.get();
    }

    // ---- called on the application's threads ----

    /** Bytes the application sent; {@code copy} is the recorder's from now on and must not change. */
    public void sent(RecordedConnection connection, byte[] copy, long writeOrder) {
        enqueue(new Event(Event.SENT, connection, copy, writeOrder));
    }

    /** Bytes the application received; {@code copy} is the recorder's from now on and must not change. */
    public void received(RecordedConnection connection, byte[] copy) {
        enqueue(new Event(Event.RECEIVED, connection, copy));
    }

    public void receivedEnd(RecordedConnection connection) {
        enqueue(new Event(Event.RECEIVED_END, connection, null));
    }

    public void closed(RecordedConnection connection) {
        enqueue(new Event(Event.CLOSED, connection, null));
    }

    /** The application's last write on {@code connection}, whose bytes were taken as it began, failed. */
    public void sendFailed(RecordedConnection connection) {
        enqueue(new Event(Event.SEND_FAILED, connection, null));
    }

    public void lookup(String host, InetAddress[] addresses) {
        List<String> list = new ArrayList<>();
        for (InetAddress address : addresses) {
            list.add(address.getHostAddress());
        }
        enqueue(new Event(new HostLookup(Instant.now(), host, list)));
    }

    /**
     * A DNS query the program sent over UDP itself (its own resolver, not the JDK's) was answered with
     * {@code addresses}: recorded as a lookup, and counted as the program's traffic, as a connection is.
     */
    public void answeredOverUdp(String host, InetAddress[] addresses) {
        answeredOverUdp.incrementAndGet();
        lookup(host, addresses);
    }

    /** How many DNS queries the program sent over UDP itself were answered and recorded. */
    public int answeredOverUdp() {
        return answeredOverUdp.get();
    }

    /** A lookup of {@code host} failed with {@code failure}: replay fails it the same way. */
    public void lookupFailed(String host, Throwable failure) {
        enqueue(new Event(HostLookup.failed(Instant.now(), host, failureOf(failure))));
    }

    /**
     * A connect to {@code connection}'s server failed with {@code failure}: replay fails a connect there the same way,
     * rather than calling it a miss.
     */
    public void connectFailed(RecordedConnection connection, Throwable failure) {
        enqueue(new Event(new ConnectFailure(Instant.now(), connection.number(), new Server(connection.host(),
                connection.port(), connection.address(), "", null), failureOf(failure), "")));
    }

    private static Failure failureOf(Throwable failure) {
        return new Failure(failure.getClass().getName(), failure.getMessage());
    }

    /** Notes in the cassette that this recording may lack something, and why. */
    public void incomplete(String reason) {
        enqueue(new Event(reason));
    }

    /**
     * A connection's write began for this recording, and only its return says what it sent: until {@link
     * #writeEnded}, {@link #stop} waits for it (a test whose answer came before its request's write returned ends
     * before that write is handed over).
     */
    public void writeBegins() {
        writesUnderWay.incrementAndGet();
    }

    /** The write {@link #writeBegins} told of returned, and its bytes and what was read meanwhile are handed over. */
    public void writeEnded() {
        writesUnderWay.decrementAndGet();
    }

    /**
     * Writes everything queued and closes the recording file; called once, when the recording ends. Writes under
     * way on its connections are waited for first, {@link #WRITES_UNDER_WAY_WAIT_MILLIS} at most (a write the
     * network holds up, its buffers full, is left).
     */
    public void stop() {
        if (stopped) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITES_UNDER_WAY_WAIT_MILLIS);
        while (writesUnderWay.get() > 0 && System.nanoTime() - deadline < 0
                && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(200_000);
        }
        stopped = true;
        NetrecThread started = writer;
        if (started == null) {
            return;
        }
        try {
            queue.put(Event.STOP);
            LockSupport.unpark(started);
            started.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.info("recorded " + interactions.get() + " interactions"
                + (file.path() == null ? "" : " into " + file.path()));
    }

    private void enqueue(Event event) {
        if (stopped) {
            return;
        }
        if (writer == null) {
            startWriting();
        }
        queued.incrementAndGet(); // before it is queued: a count taken later covers every event queued before it
        try {
            int kilobytes = kilobytes(event);
            if (!queuedKilobytes.tryAcquire(kilobytes)) {
                noteBehind();
                queuedKilobytes.acquire(kilobytes);
            }
            if (!queue.offer(event)) {
                noteBehind();
                queue.put(event);
            }
        } catch (InterruptedException e) {
            queued.decrementAndGet();
            Thread.currentThread().interrupt();
            return;
        }
        if (dozing) {
            dozing = false;
            LockSupport.unpark(writer);
        }
        awaitWriter();
    }

    /**
     * Waits while the writer is behind: an event queued more than {@link #MOST_BEHIND_NANOS} ago, or what it handled
     * still unwritten after {@link #FLUSH_EVERY_NANOS} and that again (a write that takes long, as the first one does
     * while the writer's classes load on a busy machine). So the crash window stays small.
     */
    private void awaitWriter() {
        if (!behind()) {
            return;
        }
        long waitedSince = System.nanoTime();
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(200_000);
            if (!behind()) {
                break;
            }
        }
        if (Log.debugEnabled()) {
            Log.debug("recorder: the application waited " + (System.nanoTime() - waitedSince) / 1_000_000
                    + " ms for the writer");
        }
    }

    private boolean behind() {
        long now = System.nanoTime();
        Event oldest = queue.peek();
        long unwritten = unwrittenSince;
        return oldest != null && now - oldest.queuedAt > MOST_BEHIND_NANOS
                || unwritten != 0 && now - unwritten > FLUSH_EVERY_NANOS + MOST_BEHIND_NANOS;
    }

    private synchronized void startWriting() {
        if (writer == null) {
            NetrecThread thread = new NetrecThread("recorder", this::writeLoop);
            thread.start();
            writer = thread;
        }
    }

    private static void noteBehind() {
        Log.warnOnce("recorder-behind", "the recorder is behind the network (disk slower than traffic); "
                + "application threads wait for it rather than lose traffic");
    }

    /** What an event counts against the queue's byte budget. */
    private static int kilobytes(Event event) {
        return event.bytes == null ? 0 : Math.min(QUEUE_KILOBYTES, (event.bytes.length + 1023) / 1024);
    }

    // ---- the writer thread ----

    /**
     * Handles what is queued, and writes the finished interactions in one write when the queue is empty (at least
     * every {@link #FLUSH_EVERY_NANOS}); then naps ({@link #NAP_NANOS}), or dozes once idle ({@link #IDLE_NANOS}).
     */
    private void writeLoop() {
        long lastFlush = System.nanoTime();
        long lastEvent = lastFlush;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Event event = queue.poll();
                if (event == Event.STOP) {
                    closeOpenConversations();
                    break;
                }
                if (event != null) {
                    handle(event);
                    queuedKilobytes.release(kilobytes(event));
                    handled++;
                }
                if (unwrittenSince == 0 && file.hasPending()) {
                    unwrittenSince = System.nanoTime();
                }
                boolean due = System.nanoTime() - lastFlush > FLUSH_EVERY_NANOS;
                if (file.hasPending() && (queue.isEmpty() || due)) {
                    file.flush();
                    lastFlush = System.nanoTime();
                    unwrittenSince = 0;
                }
                if (event != null) {
                    lastEvent = System.nanoTime();
                } else if (System.nanoTime() - lastEvent < IDLE_NANOS) {
                    LockSupport.parkNanos(NAP_NANOS);
                } else {
                    doze();
                }
            }
            file.close();
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException ? ((UncheckedIOException) e).getCause()
                    : (IOException) e;
            Log.warn("cannot write the cassette " + options.cassette() + ": " + cause.getMessage()
                    + "; recording stopped, the application's traffic is not affected");
            stopped = true;
        } finally {
            stopped = true;
            queue.clear();
            queuedKilobytes.release(QUEUE_KILOBYTES);
        }
    }

    /** Waits, idle, for the next event (which unparks it), at most 50 ms. */
    private void doze() {
        dozing = true;
        if (queue.isEmpty()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        dozing = false;
    }

    /**
     * At the end of the recording, connections still open end here: a response the client stopped reading (an
     * error page it did not want, whose connection it dropped without netrec seeing the close, as over an
     * SSLEngine) is recorded as far as it arrived, as having ended early.
     */
    private void closeOpenConversations() {
        for (RecordedConnection connection : new ArrayList<>(conversing)) {
            handle(new Event(Event.CLOSED, connection, null));
        }
    }

    private void handle(Event event) {
        RecordedConnection connection = event.connection;
        if (connection != null && broken.contains(connection)) {
            return;
        }
        Conversation conversation = null;
        if (connection != null) {
            if (event.kind == Event.CLOSED) {
                conversing.remove(connection);
            } else {
                conversing.add(connection);
            }
            conversation = conversations.computeIfAbsent(connection, opened -> new Conversation(opened, this));
        }
        try {
            switch (event.kind) {
                case Event.SENT:
                    conversation.movedAt(event.queuedAt);
                    conversation.sent(event.bytes, event.writeOrder);
                    break;
                case Event.RECEIVED:
                    conversation.movedAt(event.queuedAt);
                    conversation.received(event.bytes);
                    break;
                case Event.RECEIVED_END:
                    conversation.movedAt(event.queuedAt);
                    conversation.receivedEnd();
                    break;
                case Event.CLOSED:
                    conversation.closed();
                    break;
                case Event.SEND_FAILED:
                    conversation.sendFailed();
                    break;
                case Event.FAILED:
                    file.append(CassetteYaml.entry(event.failure));
                    break;
                case Event.LOOKUP:
                    String key = event.lookup.host() + "=" + (event.lookup.failure() == null
                            ? event.lookup.addresses() : event.lookup.failure());
                    if (lookupsWritten.add(key)) {
                        file.append(CassetteYaml.entry(event.lookup));
                        hostsLookedUp.add(event.lookup.host().toLowerCase(Locale.ROOT));
                    }
                    break;
                default:
                    file.append(CassetteYaml.incompleteEntry(Instant.now(), event.note));
            }
        } catch (FileSystemException e) {
            throw new UncheckedIOException(e); // the disk, not netrec: said once, and recording stops
        } catch (IOException | RuntimeException e) {
            Log.internalError("recording a connection to " + connection, e);
            if (connection != null) {
                broken.add(connection);
                file.append(CassetteYaml.incompleteEntry(Instant.now(),
                        "traffic with " + connection + " was not recorded after an internal error: " + e));
            }
        }
    }

    BodyStore bodies() {
        return bodies;
    }

    void completed(Interaction whole) {
        Interaction interaction = redactor.apply(whole);
        noteAddressOf(interaction.server());
        file.append(CassetteYaml.entry(interaction));
        interactions.incrementAndGet();
        SentRequests told = sent;
        if (told != null && !whole.isTcp()) {
            RecordedRequest request = whole.request(); // as sent: the test asks what its code sent, not what is kept
            Body body = request.body();
            told.add(new SentRequest(request.method(), request.uri(), request.headers(), () -> {
                try (InputStream in = bodies.open(body)) {
                    return in.readAllBytes();
                }
            }));
        }
        if (Log.debugEnabled()) {
            Log.debug("recorded " + interaction);
        }
    }

    /**
     * Makes sure this recording has a DNS answer for the server's host, so that the cassette replays on its own.
     * The JVM caches DNS answers, so a host first looked up while another cassette was in use (an earlier test's)
     * is not looked up again; its answer is taken from the connection, or from the JVM's cache.
     */
    private void noteAddressOf(Server server) {
        String host = server.host().toLowerCase(Locale.ROOT);
        if (hostsLookedUp.contains(host) || host.isEmpty() || server.hostIsAddress()) {
            return;
        }
        hostsLookedUp.add(host);
        List<String> addresses = new ArrayList<>();
        if (!server.address().isEmpty()) {
            addresses.add(server.address());
        } else {
            try {
                for (InetAddress address : InetAddress.getAllByName(server.host())) {
                    addresses.add(address.getHostAddress());
                }
            } catch (UnknownHostException e) {
                return;
            }
        }
        file.append(CassetteYaml.entry(new HostLookup(Instant.now(), server.host(), addresses)));
    }

    List<Protocol> protocols() {
        return protocols;
    }

    /** The protocols recorded, for messages: {@code http/1.1}, or {@code http/1.1, h2}. */
    String protocolNames() {
        StringBuilder names = new StringBuilder();
        for (Protocol protocol : protocols) {
            names.append(names.length() == 0 ? "" : ", ").append(protocol.name());
        }
        return names.toString();
    }

    /** {@code connection}'s traffic is left out of the cassette, because {@code why}; the cassette says so. */
    void notRecorded(RecordedConnection connection, String why) {
        Log.warnOnce("not-recorded:" + connection, "traffic with " + connection + " is not recorded: " + why
                + "; netrec records " + protocolNames());
        file.append(CassetteYaml.incompleteEntry(Instant.now(), "traffic with " + connection
                + " was not recorded: " + why));
    }

    Server server(RecordedConnection connection) throws IOException {
        SSLSession session = connection.session();
        Tls tls = null;
        if (connection.tls() && session != null) {
            tls = tlsBySession.get(session);
            if (tls == null) {
                tls = new Tls(session.getProtocol(), session.getCipherSuite(), connection.applicationProtocol(),
                        storeChain(session));
                tlsBySession.put(session, tls);
            }
        } else if (connection.tls()) {
            throw new IllegalStateException("TLS connection to " + connection + " has no session noted");
        }
        return new Server(connection.host(), connection.port(), connection.address(), connection.via(), tls);
    }

    private String storeChain(SSLSession session) throws IOException {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return "";
        }
        List<byte[]> der = new ArrayList<>();
        for (Certificate certificate : chain) {
            try {
                der.add(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode a server certificate: " + e.getMessage(), e);
            }
        }
        return certificates.store(der);
    }

    /** The URI to write for a request sent at {@code at}: with placeholders for volatile values when asked to. */
    String uriToRecord(String uri, Instant at) {
        return options.templatesOnSight() ? TemplateProposer.templatizeOnSight(uri, at) : uri;
    }

    Headers redact(Headers headers) {
        return redactor.headers(headers);
    }

    /** One thing that happened, queued for the writer thread. */
    private static final class Event {
        static final int SENT = 0;
        static final int RECEIVED = 1;
        static final int RECEIVED_END = 2;
        static final int CLOSED = 3;
        static final int LOOKUP = 4;
        static final int NOTE = 5;
        static final int FAILED = 6;
        static final int SEND_FAILED = 7;
        static final Event STOP = new Event("stop");

        final int kind;
        /** When it was queued ({@link System#nanoTime()}). */
        final long queuedAt = System.nanoTime();
        final RecordedConnection connection;
        final byte[] bytes;
        final HostLookup lookup;
        final String note;
        final ConnectFailure failure;
        /** Bytes sent: the number of the write that began them ({@link WriteOrder}); 0 when not known. */
        final long writeOrder;

        Event(int kind, RecordedConnection connection, byte[] bytes) {
            this(kind, connection, bytes, 0);
        }

        Event(int kind, RecordedConnection connection, byte[] bytes, long writeOrder) {
            this.writeOrder = writeOrder;
            this.kind = kind;
            this.connection = connection;
            this.bytes = bytes;
            this.lookup = null;
            this.note = null;
            this.failure = null;
        }

        Event(HostLookup lookup) {
            this.writeOrder = 0;
            this.kind = LOOKUP;
            this.connection = null;
            this.bytes = null;
            this.lookup = lookup;
            this.note = null;
            this.failure = null;
        }

        Event(ConnectFailure failure) {
            this.writeOrder = 0;
            this.kind = FAILED;
            this.connection = null;
            this.bytes = null;
            this.lookup = null;
            this.note = null;
            this.failure = failure;
        }

        Event(String note) {
            this.writeOrder = 0;
            this.kind = NOTE;
            this.connection = null;
            this.bytes = null;
            this.lookup = null;
            this.note = note;
            this.failure = null;
        }
    }
}
