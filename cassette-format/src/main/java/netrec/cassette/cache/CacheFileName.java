package netrec.cassette.cache;

/**
 * The name of a file netrec keeps for something in a cache folder: 64-bit FNV-1a of what the file stands for (a
 * cassette's path, a JDK and netrec build), in hex. A file name, not a defence against anyone: the folder is the
 * user's own. Computed without the JDK's message digests, whose providers take a JVM's first use milliseconds to load.
 */
public final class CacheFileName {
    private CacheFileName() {
    }

    public static String of(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return Long.toHexString(hash);
    }
}
