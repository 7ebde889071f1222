package netrec.cassette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * When the parts of a response arrived, after its request was sent whole: each point says how many body bytes had
 * arrived by then, and when, in milliseconds. The first point is the head's ({@code [0, ms]}). A response that came
 * at once has no points ({@link #none}): points are kept only where the response took its time (at least
 * {@link #GAP_MILLIS} after the point before), so a fast download is one line and server-sent events, long polls and
 * streams keep their rhythm. Replay with {@code pace=recorded} sends each part no sooner than this.
 */
public final class Pace {
    /** The shortest gap between two points that is kept. */
    public static final long GAP_MILLIS = 20;

    private static final Pace NONE = new Pace(List.of());

    private final List<Point> points;

    private Pace(List<Point> points) {
        this.points = Collections.unmodifiableList(new ArrayList<>(points));
    }

    public static Pace none() {
        return NONE;
    }

    /** {@code points}, in order, with body bytes and milliseconds that never go back. */
    public static Pace of(List<Point> points) {
        long bytes = 0;
        long millis = 0;
        for (Point point : points) {
            if (point.bytes < bytes || point.millis < millis) {
                throw new IllegalArgumentException("a response's pace never goes back: " + point + " after ["
                        + bytes + ", " + millis + "]");
            }
            bytes = point.bytes;
            millis = point.millis;
        }
        return points.isEmpty() ? NONE : new Pace(points);
    }

    public List<Point> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** By {@code millis} after the request, {@code bytes} of the body had arrived. */
    public static final class Point {
        private final long bytes;
        private final long millis;

        public Point(long bytes, long millis) {
            if (bytes < 0 || millis < 0) {
                throw new IllegalArgumentException("a point of a response's pace is [BYTES, MILLISECONDS], both 0 "
                        + "or more");
            }
            this.bytes = bytes;
            this.millis = millis;
        }

        public long bytes() {
            return bytes;
        }

        public long millis() {
            return millis;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Point && ((Point) other).bytes == bytes && ((Point) other).millis == millis;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(bytes * 31 + millis);
        }

        @Override
        public String toString() {
            return "[" + bytes + ", " + millis + "]";
        }
    }

    /** Collects the points of a response as its parts arrive, keeping those {@link #GAP_MILLIS} apart. */
    public static final class Recording {
        private final List<Point> points = new ArrayList<>();
        private final long startNanos;
        private long lastMillis;

        /** A response to a request sent whole at {@code startNanos} ({@link System#nanoTime}). */
        public Recording(long startNanos) {
            this.startNanos = startNanos;
        }

        /**
         * By {@code atNanos}, {@code bytes} of the body had arrived (0 for the head). Bytes that come within
         * {@link #GAP_MILLIS} of the last point kept count as having come with it.
         */
        public void arrived(long bytes, long atNanos) {
            long millis = Math.max(0, (atNanos - startNanos) / 1_000_000L);
            if (!points.isEmpty() && millis - lastMillis < GAP_MILLIS) {
                points.set(points.size() - 1, new Point(bytes, lastMillis));
            } else {
                points.add(new Point(bytes, millis));
                lastMillis = millis;
            }
        }

        /** The pace, or none when the whole response came within one gap. */
        public Pace finish() {
            boolean tookItsTime = points.size() > 1 || !points.isEmpty() && points.get(0).millis >= GAP_MILLIS;
            return tookItsTime ? Pace.of(points) : NONE;
        }
    }
}
