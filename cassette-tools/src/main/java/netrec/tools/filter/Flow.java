package netrec.tools.filter;

import java.io.IOException;
import java.io.InputStream;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.Interaction;
import netrec.cassette.Message;

/** One interaction as filters see it: bodies are read only when a filter asks for them. */
public interface Flow {
    /** Bodies up to this size have text for filters, and are carried in view's page; larger ones have none. */
    int BODY_LIMIT = 2 * 1024 * 1024;

    Interaction interaction();

    String requestBody();

    String responseBody();

    /** The interaction as filters see it: a body as its text, empty when it is not text or over {@link #BODY_LIMIT}. */
    static Flow of(Interaction interaction, BodyStore bodies) {
        return new Flow() {
            @Override
            public Interaction interaction() {
                return interaction;
            }

            @Override
            public String requestBody() {
                return text(interaction.request().body());
            }

            @Override
            public String responseBody() {
                return interaction.response().isUnanswered() ? "" : text(interaction.response().body());
            }

            private String text(Body body) {
                if (body.isEmpty() || body.size() > BODY_LIMIT) {
                    return "";
                }
                try (InputStream in = bodies.open(body)) {
                    String text = Message.readable(in.readAllBytes());
                    return text == null ? "" : text;
                } catch (IOException e) {
                    throw new CassetteException("cannot read a body of " + interaction.source() + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }
}
