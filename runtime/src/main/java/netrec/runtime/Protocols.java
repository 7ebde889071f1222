package netrec.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import netrec.cassette.Interaction;
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

    /** Each protocol's name, with the shape its entries in a cassette have. */
    static Map<String, Interaction.Shape> shapes() {
        Map<String, Interaction.Shape> shapes = new LinkedHashMap<>();
        for (Protocol protocol : all()) {
            shapes.put(protocol.name(), protocol.shape());
        }
        return shapes;
    }
}
