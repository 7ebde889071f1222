package netrec.cassette;

/** A recorded response kept outside the heap, in a file, and read from it each time it is needed. */
public interface StoredResponse {
    /** The response as recorded; a {@link CassetteException} saying why when it cannot be read. */
    RecordedResponse load();
}
