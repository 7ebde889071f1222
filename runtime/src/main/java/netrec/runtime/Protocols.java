package netrec.runtime;

import java.util.List;
import netrec.runtime.protocol.Protocol;
import netrec.runtime.protocol.h2.Http2;
import netrec.runtime.protocol.http1.Http1;
import netrec.runtime.protocol.tcp.RawTcp;
import netrec.runtime.protocol.websocket.WebSocket;

/**
 * The protocols netrec records and replays, in the order a connection's first bytes are tried against them (HTTP/2's
 * preface, {@code PRI * HTTP/2.0}, would pass for an HTTP/1.1 request line, so HTTP/2 goes first; a raw TCP
 * conversation takes whatever the others do not, so it goes last). Adding
 * a protocol is its package under {@code netrec.runtime.protocol} and one line here.
 */
final class Protocols {
    private Protocols() {
    }

    static List<Protocol> all() {
        return List.of(new Http2(), new Http1(), new WebSocket(), new RawTcp());
    }
}
