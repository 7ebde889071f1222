package netrec.runtime.record;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import netrec.cassette.Body;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.RecordedRequest;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Redacted;
import netrec.cassette.Redaction;
import netrec.cassette.match.KafkaSaslLogin;
import netrec.cassette.match.MysqlLogin;

/**
 * Takes the secrets out of an interaction before it is written, as {@link Redaction} names them: header values;
 * query parameter values in the request URI, which become the placeholder {@link Redacted#QUERY_VALUE} so that replay
 * matches any value there; the values of form and JSON fields of a request body kept inline (up to 16 KiB); and
 * any of those secrets a server echoed in a response header or an inline response body (a {@code Content-Length}
 * is set to the new length). Bodies kept in {@code bodies/} are left as they are: they were written as they
 * streamed, before the interaction was whole.
 */
final class Redactor {
    /**
     * Secret values shorter than this are not looked for in responses: "true" or "1" (as in {@code include_token=true})
     * would be found everywhere, and replacing them would break the response. Keys and tokens are longer.
     */
    private static final int SHORTEST_ECHO = 8;
    /** Header names seen, and whether they are secret, past which the memo starts again. */
    private static final int NAMES_KEPT = 4096;

    private final Redaction redaction;
    /** Whether each header name seen is secret: the same few dozen names come with every request and response. */
    private final Map<String, Boolean> secretNames = new ConcurrentHashMap<>();

    Redactor(Redaction redaction) {
        this.redaction = redaction;
    }


    Headers headers(Headers headers) {
        if (redaction.none()) {
            return headers;
        }
        List<Headers.Field> fields = null;
        List<Headers.Field> all = headers.fields();
        for (int i = 0; i < all.size(); i++) {
            Headers.Field field = all.get(i);
            if (secret(field.name()) && !field.value().equals(Redacted.VALUE)) {
                if (fields == null) {
                    fields = new ArrayList<>(all);
                }
                fields.set(i, new Headers.Field(field.name(), Redacted.VALUE));
            }
        }
        return fields == null ? headers : Headers.of(fields);
    }

    private boolean secret(String name) {
        Boolean known = secretNames.get(name);
        if (known == null) {
            if (secretNames.size() >= NAMES_KEPT) {
                secretNames.clear();
            }
            known = redaction.redacts(name);
            secretNames.put(name, known);
        }
        return known;
    }

    Interaction apply(Interaction interaction) {
        if (redaction.none()) {
            return interaction;
        }
        if (interaction.response().isConversation()) {
            return conversation(interaction);
        }
        RecordedRequest request = interaction.request();
        Set<String> secrets = new LinkedHashSet<>();
        String uri = query(request.uri(), secrets);
        Body body = requestBody(request.headers(), request.body(), secrets);
        Headers headers = headers(request.headers());
        RecordedResponse response = interaction.response();
        RecordedResponse redactedResponse = response.isUnanswered() ? response : response(response, secrets);
        if (uri.equals(request.uri()) && body == request.body() && headers == request.headers()
                && redactedResponse == response) {
            return interaction;
        }
        return with(interaction, new RecordedRequest(request.method(), uri, headers, body), redactedResponse);
    }

    /** {@code interaction} with another request and response, in the same connection. */
    private static Interaction with(Interaction interaction, RecordedRequest request, RecordedResponse response) {
        Interaction redacted = new Interaction(interaction.recordedAt(), interaction.server(), interaction.protocol(),
                request, response, interaction.source());
        return interaction.connection() == 0 ? redacted : redacted.inConnection(interaction.connection());
    }

    /**
     * A raw TCP conversation without the passwords its turns carry: Redis's ({@link RedisPasswords}), line
     * protocols' ({@link LinePasswords}: FTP, POP3, SMTP, IMAP), a Kafka SASL login's ({@link KafkaSaslLogin}), and
     * what a MySQL or MariaDB login ({@link MysqlLogin}) or a PostgreSQL login ({@link PostgresPasswords}) proves.
     */
    private Interaction conversation(Interaction interaction) {
        if (!redaction.redacts("password")) {
            return interaction;
        }
        List<Message> turns = interaction.response().messages();
        List<Message> kept = new ArrayList<>(turns.size());
        boolean changed = false;
        for (Message turn : turns) {
            if (turn.from() == Message.Side.CLIENT && turn.kind() == Message.Kind.DATA && !turn.isStored()) {
                byte[] bytes = turn.bytes();
                byte[] out = KafkaSaslLogin.redacted(MysqlLogin.redacted(RedisPasswords.out(bytes)));
                if (out != bytes) {
                    turn = Message.of(turn.from(), turn.at(), turn.kind(), out).withOrder(turn.order());
                    changed = true;
                }
            }
            kept.add(turn);
        }
        List<Message> withoutLogins = PostgresPasswords.out(LinePasswords.out(kept));
        if (!changed && withoutLogins == kept) {
            return interaction;
        }
        return with(interaction, interaction.request(), RecordedResponse.conversation(withoutLogins));
    }

    /**
     * {@code uri} with each secret query value replaced by the placeholder, the signing times of a signed URL among
     * them; the values go to {@code secrets}.
     */
    private String query(String uri, Set<String> secrets) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        String query = uri.substring(question + 1);
        String redacted = fields(query, Redacted.QUERY_VALUE, secrets, signed(query));
        return redacted == null ? uri : uri.substring(0, question + 1) + redacted;
    }

    /** True when one of {@code query}'s parameters signs the URL. */
    private boolean signed(String query) {
        for (String field : query.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0 && redaction.signs(decode(field.substring(0, equals)))) {
                return true;
            }
        }
        return false;
    }

    private String fields(String text, String replacement, Set<String> secrets) {
        return fields(text, replacement, secrets, false);
    }

    /**
     * {@code a=1&b=2} with the value of each secret field ({@code signed}: with the times a signature covers)
     * replaced by {@code replacement}, or null when none is secret; the secret values taken out go to {@code
     * secrets}.
     */
    private String fields(String text, String replacement, Set<String> secrets, boolean signed) {
        String[] fields = text.split("&", -1);
        boolean changed = false;
        for (int i = 0; i < fields.length; i++) {
            int equals = fields[i].indexOf('=');
            if (equals < 0) {
                continue;
            }
            String value = fields[i].substring(equals + 1);
            String name = decode(fields[i].substring(0, equals));
            if (value.isEmpty() || value.equals(replacement)
                    || !(signed ? redaction.redactsInSignedQuery(name) : redaction.redacts(name))) {
                continue;
            }
            if (redaction.redacts(name)) { // a signing time is no secret to look for in the response
                secrets.add(value);
                secrets.add(decode(value));
            }
            fields[i] = fields[i].substring(0, equals + 1) + replacement;
            changed = true;
        }
        return changed ? String.join("&", fields) : null;
    }

    private Body requestBody(Headers headers, Body body, Set<String> secrets) {
        if (!body.isText()) {
            return body;
        }
        String type = String.valueOf(headers.first("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.contains("application/x-www-form-urlencoded")) {
            String redacted = fields(body.text(), URLEncoder.encode(Redacted.VALUE, StandardCharsets.UTF_8), secrets);
            return redacted == null ? body : Body.text(redacted);
        }
        if (type.contains("json")) {
            String redacted = JsonSecrets.out(body.text(), redaction::redacts, false, secrets);
            return redacted == null ? body : Body.text(redacted);
        }
        return body;
    }

    /**
     * The response with its secret headers redacted, the credentials it hands out in a JSON body taken out
     * ({@link Redaction#redactsInResponse}: an access token), and the request's secrets taken out where it echoes
     * them.
     */
    private RecordedResponse response(RecordedResponse response, Set<String> secrets) {
        secrets.removeIf(secret -> secret.length() < SHORTEST_ECHO);
        Headers headers = echoes(headers(response.headers()), secrets);
        Headers trailers = headers(response.trailers());
        Body body = response.body();
        if (body.isText() && String.valueOf(headers.first("Content-Type")).toLowerCase(Locale.ROOT).contains("json")) {
            String redacted = JsonSecrets.out(body.text(), redaction::redactsInResponse, true,
                    new HashSet<>());
            if (redacted != null) {
                body = Body.text(redacted);
                headers = withLength(headers, body.size());
            }
        }
        if (body.isText() && !secrets.isEmpty()) {
            String text = body.text();
            for (String secret : secrets) {
                text = text.replace(secret, Redacted.VALUE);
            }
            if (!text.equals(body.text())) {
                body = Body.text(text);
                headers = withLength(headers, body.size());
            }
        }
        if (headers == response.headers() && trailers == response.trailers() && body == response.body()) {
            return response;
        }
        return new RecordedResponse(response.status(), response.reason(), headers, body, response.endedEarly(),
                trailers, response.interleaving(), response.messages()).withPace(response.pace());
    }

    private static Headers echoes(Headers headers, Set<String> secrets) {
        if (secrets.isEmpty()) {
            return headers;
        }
        List<Headers.Field> fields = new ArrayList<>();
        boolean changed = false;
        for (Headers.Field field : headers.fields()) {
            String value = field.value();
            for (String secret : secrets) {
                value = value.replace(secret, Redacted.VALUE);
            }
            changed |= !value.equals(field.value());
            fields.add(new Headers.Field(field.name(), value));
        }
        return changed ? Headers.of(fields) : headers;
    }

    private static Headers withLength(Headers headers, long length) {
        if (!headers.contains("Content-Length")) {
            return headers;
        }
        List<Headers.Field> fields = new ArrayList<>();
        for (Headers.Field field : headers.fields()) {
            fields.add(field.name().equalsIgnoreCase("Content-Length")
                    ? new Headers.Field(field.name(), Long.toString(length)) : field);
        }
        return Headers.of(fields);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
