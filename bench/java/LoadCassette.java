import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Paths;
import netrec.cassette.Cassette;
import netrec.cassette.yaml.CassetteReader;

/**
 * Loads a cassette in a fresh JVM as replay does, and prints how long that took, the JVM's uptime then, the most
 * heap in use at any moment of the JVM's life (the peaks of its heap pools, added up) and the heap in use after a
 * collection. Arguments: CASSETTE [INDEX_DIRECTORY] (with an index directory, an index is used or written as
 * replay does).
 */
public final class LoadCassette {
    public static void main(String[] args) {
        long start = System.nanoTime();
        Cassette cassette = new CassetteReader(System.err::println, args.length > 1 ? Paths.get(args[1]) : null)
                .load(Paths.get(args[0]));
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("load-ms " + ms + " interactions " + cassette.interactions().size() + " uptime-ms "
                + ManagementFactory.getRuntimeMXBean().getUptime() + " peak-heap-mb " + (peak >> 20) + " live-heap-mb "
                + (live >> 20));
    }
}
