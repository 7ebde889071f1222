package netrec.runtime.base;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP requests the application sent while one cassette was in use, in the order they were whole (recorded:
 * once their exchange was; replayed: as replay received them, answered or missed). What a test asks of what its code
 * sent.
 */
public final class SentRequests {
    private final List<SentRequest> requests = new ArrayList<>();

    public synchronized void add(SentRequest request) {
        requests.add(request);
    }

    public synchronized List<SentRequest> list() {
        return List.copyOf(requests);
    }
}
