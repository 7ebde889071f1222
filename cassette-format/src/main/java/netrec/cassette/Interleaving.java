package netrec.cassette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a response that began before its request had ended went along with it: each step says how much of the response
 * body had been sent once the request body had reached a size. A bidirectional gRPC call that answers each message
 * as it comes has one step per message. Empty for a response that came after the whole request, as most do.
 *
 * <p>Replay paces the response the same way: it sends the response's head when the request reaches the first step's
 * size, each step's bytes once the request body is that long, and the rest once the request has ended.
 */
public final class Interleaving {
    private static final Interleaving NONE = new Interleaving(List.of());

    private final List<Step> steps;

    private Interleaving(List<Step> steps) {
        this.steps = steps;
    }

    public static Interleaving none() {
        return NONE;
    }

    /** Steps in the order they happened: request sizes and response sizes each never shrink. */
    public static Interleaving of(List<Step> steps) {
        long request = 0;
        long response = 0;
        for (Step step : steps) {
            if (step.request() < request || step.response() < response) {
                throw new IllegalArgumentException("the steps of an interleaving never go back: " + steps);
            }
            request = step.request();
            response = step.response();
        }
        return steps.isEmpty() ? NONE : new Interleaving(Collections.unmodifiableList(new ArrayList<>(steps)));
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** How much of the response body may be sent once the request body has {@code requestBytes}; -1 for nothing yet. */
    public long responseAllowed(long requestBytes) {
        long allowed = -1;
        for (Step step : steps) {
            if (step.request() <= requestBytes) {
                allowed = step.response();
            }
        }
        return allowed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interleaving && ((Interleaving) o).steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return steps.toString();
    }

    /** Once the request body had {@code request} bytes, the response body had sent {@code response}. */
    public static final class Step {
        private final long request;
        private final long response;

        public Step(long request, long response) {
            if (request < 0 || response < 0) {
                throw new IllegalArgumentException("an interleaving's sizes are never negative");
            }
            this.request = request;
            this.response = response;
        }

        public long request() {
            return request;
        }

        public long response() {
            return response;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step && ((Step) o).request == request && ((Step) o).response == response;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(request) * 31 + Long.hashCode(response);
        }

        @Override
        public String toString() {
            return request + "->" + response;
        }
    }
}
