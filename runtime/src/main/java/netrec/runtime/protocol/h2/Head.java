package netrec.runtime.protocol.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import netrec.cassette.Headers;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MetaData;

/**
 * One decoded header block: a request's ({@code :method}, {@code :path}), a response's ({@code :status}), or
 * trailers (neither). The regular fields keep their order and HTTP/2's lowercase names; pseudo-headers are not among
 * them.
 */
final class Head {
    private final String method;
    private final String path;
    private final int status;
    private final Headers fields;

    private Head(String method, String path, int status, Headers fields) {
        this.method = method;
        this.path = path;
        this.status = status;
        this.fields = fields;
    }

    static Head of(MetaData decoded) {
        List<Headers.Field> fields = new ArrayList<>();
        for (HttpField field : decoded.getHttpFields()) {
            if (!field.getName().startsWith(":")) {
                fields.add(new Headers.Field(field.getName(), field.getValue()));
            }
        }
        Headers headers = Headers.of(fields);
        if (decoded instanceof MetaData.Request) {
            MetaData.Request request = (MetaData.Request) decoded;
            String path = request.getHttpURI() == null ? null : request.getHttpURI().getPathQuery();
            return new Head(request.getMethod(), path == null ? "/" : path, 0, headers);
        }
        if (decoded instanceof MetaData.Response) {
            return new Head(null, null, ((MetaData.Response) decoded).getStatus(), headers);
        }
        return new Head(null, null, 0, headers);
    }

    /** The request an HTTP/1.1 {@code Upgrade: h2c} switched on, as its stream 1: without the upgrade's fields. */
    static Head upgraded(String method, String target, Headers headers) {
        List<Headers.Field> fields = new ArrayList<>();
        for (Headers.Field field : headers.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (!name.equals("connection") && !name.equals("upgrade") && !name.equals("http2-settings")) {
                fields.add(field);
            }
        }
        return new Head(method, target, 0, Headers.of(fields));
    }

    boolean isRequest() {
        return method != null;
    }

    boolean isResponse() {
        return status != 0;
    }

    /** A {@code 1xx} response, which a final one follows. */
    boolean isInterim() {
        return status >= 100 && status < 200;
    }

    String method() {
        return method;
    }

    /** The request's {@code :path}: path and query, as the client sent them. */
    String path() {
        return path;
    }

    int status() {
        return status;
    }

    Headers fields() {
        return fields;
    }
}
