package netrec.runtime.protocol.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Headers;

/** What the opening handshake (RFC 6455, section 4) says, and the accept value a server computes from a key. */
final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String DEFLATE = "permessage-deflate";

    private Handshake() {
    }

    /** The {@code Sec-WebSocket-Accept} a server answers {@code key} with. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The extensions the server agreed to, by name, lowercase, with their parameters. */
    static List<String> extensions(Headers response) {
        List<String> agreed = new ArrayList<>();
        for (String value : response.all("Sec-WebSocket-Extensions")) {
            for (String extension : value.split(",")) {
                if (!extension.isBlank()) {
                    agreed.add(extension.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return agreed;
    }

    /** The agreed permessage-deflate extension with its parameters, or null when it was not agreed. */
    static String deflate(Headers response) {
        for (String extension : extensions(response)) {
            if (extension.split(";", -1)[0].trim().equals(DEFLATE)) {
                return extension;
            }
        }
        return null;
    }

    /** True when {@code extension} (as {@link #deflate} gives it) has the parameter {@code name}. */
    static boolean hasParameter(String extension, String name) {
        for (String parameter : extension.split(";")) {
            if (parameter.split("=", -1)[0].trim().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The head of a {@code 101} with {@code headers}, as it goes on the wire. */
    static byte[] switchingHead(String reason, Headers headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 101 ").append(reason.isEmpty() ? "Switching Protocols"
                : reason).append("\r\n");
        for (Headers.Field field : headers.fields()) {
            head.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The handshake's answer as replay sends it: the recorded one, with the accept value computed from the client's
     * own {@code key}, and no extensions: replay sends its messages uncompressed, so it agrees to none.
     */
    static Headers replayed(Headers recorded, String key) {
        List<Headers.Field> fields = new ArrayList<>();
        for (Headers.Field field : recorded.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.equals("sec-websocket-accept")) {
                fields.add(new Headers.Field(field.name(), accept(key)));
            } else if (!name.equals("sec-websocket-extensions")) {
                fields.add(field);
            }
        }
        return Headers.of(fields);
    }
}
