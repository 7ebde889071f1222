package netrec.runtime.exchange.bites;

import netrec.runtime.protocol.websocket.WebSocket;

/** Breaks the rule that the layers above codecs know none of them: ArchitectureTest shows the rule bites. */
public final class TurnsThatFrameWebSocket {
    public Object codec() {
        return new WebSocket();
    }
}
