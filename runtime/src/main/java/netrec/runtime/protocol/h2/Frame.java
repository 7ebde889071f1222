package netrec.runtime.protocol.h2;

/** HTTP/2's frame types, flags, settings and error codes (RFC 9113), as the rest of this package names them. */
final class Frame {
    static final int HEADER_LENGTH = 9;
    /** What every frame may carry until a peer's SETTINGS says otherwise. */
    static final int DEFAULT_MAX_SIZE = 16_384;
    /** Every flow-control window starts at this size. */
    static final int DEFAULT_WINDOW = 65_535;
    /** The largest flow-control window. */
    static final int MAX_WINDOW = Integer.MAX_VALUE;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY_FLAG = 0x20;

    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    static final int SETTINGS_ENABLE_PUSH = 0x2;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    static final int NO_ERROR = 0x0;
    static final int PROTOCOL_ERROR = 0x1;
    static final int INTERNAL_ERROR = 0x2;
    static final int CANCEL = 0x8;

    private Frame() {
    }

    /** The frame type's name, for messages. */
    static String name(int type) {
        switch (type) {
            case DATA: return "DATA";
            case HEADERS: return "HEADERS";
            case PRIORITY: return "PRIORITY";
            case RST_STREAM: return "RST_STREAM";
            case SETTINGS: return "SETTINGS";
            case PUSH_PROMISE: return "PUSH_PROMISE";
            case PING: return "PING";
            case GOAWAY: return "GOAWAY";
            case WINDOW_UPDATE: return "WINDOW_UPDATE";
            case CONTINUATION: return "CONTINUATION";
            default: return "type 0x" + Integer.toHexString(type);
        }
    }

    static int int32(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}
