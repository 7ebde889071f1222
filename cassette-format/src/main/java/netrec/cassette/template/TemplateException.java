package netrec.cassette.template;

/** A placeholder that cannot be read: what is wrong and where in the text, for the loader to put a file:line on. */
public final class TemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
