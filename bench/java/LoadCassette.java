import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import netrec.cassette.Cassette;
import netrec.cassette.yaml.CassetteReader;

/**
 * Loads a cassette in a fresh JVM as replay does, and prints how long that took and the JVM's uptime then.
 * Arguments: CASSETTE [INDEX_DIRECTORY] (with an index directory, an index is used or written as replay does).
 */
public final class LoadCassette {
    public static void main(String[] args) {
        long start = System.nanoTime();
        Cassette cassette = new CassetteReader(System.err::println, args.length > 1 ? Paths.get(args[1]) : null)
                .load(Paths.get(args[0]));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("load-ms " + ms + " interactions " + cassette.interactions().size() + " uptime-ms "
                + ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
