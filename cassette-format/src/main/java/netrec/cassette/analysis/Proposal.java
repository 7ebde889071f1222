package netrec.cassette.analysis;

import java.util.List;
import netrec.cassette.Interaction;

/** What {@code templates} would change for one recorded interaction: its URI, and the body fields that vary. */
public final class Proposal {
    private final Interaction interaction;
    private final String uri;
    private final List<String> bodyFields;

    Proposal(Interaction interaction, String uri, List<String> bodyFields) {
        this.interaction = interaction;
        this.uri = uri;
        this.bodyFields = List.copyOf(bodyFields);
    }

    public Interaction interaction() {
        return interaction;
    }

    /** The URI with placeholders; the recorded one when nothing in it varies. */
    public String uri() {
        return uri;
    }

    public boolean changesUri() {
        return !uri.equals(interaction.request().uri());
    }

    /** Names of request body fields (JSON or form) whose values vary. */
    public List<String> bodyFields() {
        return bodyFields;
    }
}
