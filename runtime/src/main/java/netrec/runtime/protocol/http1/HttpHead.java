package netrec.runtime.protocol.http1;

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
        List<String> lines = lines(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        String start = lines.get(0);
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                Headers.Field last = fields.remove(fields.size() - 1);
                fields.add(new Headers.Field(last.name(), last.value() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon).trim();
            if (name.isEmpty()) {
                return null; // a field without a name (found by Http1ParserFuzzTest): not HTTP
            }
            fields.add(new Headers.Field(name, line.substring(colon + 1).trim()));
        }
        Headers headers = Headers.of(fields);
        if (request) {
            int methodEnd = start.indexOf(' ');
            int targetEnd = start.indexOf(' ', methodEnd + 1);
            if (methodEnd <= 0 || targetEnd <= methodEnd + 1 || start.indexOf(' ', targetEnd + 1) >= 0
                    || !start.startsWith("HTTP/1.", targetEnd + 1) || !isMethod(start.substring(0, methodEnd))) {
                return null;
            }
            return new HttpHead(true, start.substring(targetEnd + 1), start.substring(0, methodEnd),
                    start.substring(methodEnd + 1, targetEnd), 0, "", headers);
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

    /**
     * True when {@code bytes[from..to)}, a whole line without its line end, is an HTTP/1.x request line: a method,
     * a space, a target without spaces, a space and {@code HTTP/1.}. A line that only starts like one
     * ({@code SET key value}, {@code EHLO host}, {@code PING 0}) is not.
     */
    static boolean isRequestLine(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        int methodEnd = indexOf(bytes, from, to, (byte) ' ');
        int targetEnd = methodEnd < 0 ? -1 : indexOf(bytes, methodEnd + 1, to, (byte) ' ');
        if (methodEnd <= from || targetEnd <= methodEnd + 1 || indexOf(bytes, targetEnd + 1, to, (byte) ' ') >= 0) {
            return false;
        }
        String version = new String(bytes, targetEnd + 1, to - targetEnd - 1, StandardCharsets.ISO_8859_1);
        return version.length() == 8 && version.startsWith("HTTP/1.") && Character.isDigit(version.charAt(7));
    }

    /** True when {@code bytes[from..to)}, a whole line without its line end, starts as an HTTP/1.x status line. */
    static boolean isStatusLine(byte[] bytes, int from, int to) {
        return to - from >= 7 && new String(bytes, from, 7, StandardCharsets.ISO_8859_1).equals("HTTP/1.");
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** The lines of {@code text}, split at LF or CRLF. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(text.substring(start, end));
            start = newline + 1;
        }
        lines.add(text.substring(start));
        return lines;
    }

    /** A method name: upper-case letters, then also '_' and '-'. */
    private static boolean isMethod(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && (i == 0 || (c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** A request's head, sent as HTTP/1.1. */
    public static HttpHead request(String method, String target, Headers headers) {
        return new HttpHead(true, "HTTP/1.1", method, target, 0, "", headers);
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
