package netrec.runtime.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import netrec.cassette.Headers;

/**
 * The start line and header fields of one HTTP/1.x message. Bytes are read as ISO-8859-1, so every header byte
 * maps to one character and goes back out unchanged on replay.
 */
public final class HttpHead {
    private final boolean request;
    private final String version;
    private final String method;
    private final String target;
    private final int status;
    private final String reason;
    private final Headers headers;

    private HttpHead(boolean request, String version, String method, String target, int status, String reason,
            Headers headers) {
        this.request = request;
        this.version = version;
        this.method = method;
        this.target = target;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
    }

    /** Parses a head (everything before the blank line); null when the bytes are not HTTP/1.x. */
    static HttpHead parse(byte[] bytes, int length, boolean request) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        String start = lines[0];
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                Headers.Field last = fields.remove(fields.size() - 1);
                fields.add(new Headers.Field(last.name(), last.value() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            fields.add(new Headers.Field(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        Headers headers = Headers.of(fields);
        if (request) {
            String[] parts = start.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || !parts[0].matches("[A-Z][A-Z_-]*")) {
                return null;
            }
            return new HttpHead(true, parts[2], parts[0], parts[1], 0, "", headers);
        }
        if (!start.startsWith("HTTP/1.") || start.length() < 12 || start.charAt(8) != ' ') {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(start.substring(9, 12));
        } catch (NumberFormatException e) {
            return null;
        }
        String reason = start.length() > 13 ? start.substring(13) : "";
        return new HttpHead(false, start.substring(0, 8), "", "", status, reason, headers);
    }

    public static HttpHead response(int status, String reason, Headers headers) {
        return new HttpHead(false, "HTTP/1.1", "", "", status, reason, headers);
    }

    /**
     * True when the connection may carry another message after this one: HTTP/1.1 unless it says
     * {@code Connection: close}, HTTP/1.0 only when it says {@code Connection: keep-alive}.
     */
    public boolean keepsConnection() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return !"HTTP/1.0".equals(version) || headers.hasToken("Connection", "keep-alive");
    }

    public boolean isRequest() {
        return request;
    }

    public String method() {
        return method;
    }

    /** The request target as sent: origin-form {@code /a?b}, absolute-form through a proxy, authority for CONNECT. */
    public String target() {
        return target;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Headers headers() {
        return headers;
    }

    /** The head in wire form, ending with the blank line. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(256);
        if (request) {
            out.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        } else {
            out.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        }
        for (Headers.Field field : headers.fields()) {
            out.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
