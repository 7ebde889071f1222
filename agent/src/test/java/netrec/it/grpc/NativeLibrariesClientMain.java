package netrec.it.grpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link SimpleClientMain} with the same arguments; as the JVM exits it also prints which of Netty's native libraries
 * the JVM mapped (from {@code /proc/self/maps}): {@code Netty native libraries: [netty_tcnative,
 * netty_transport_native_epoll]} when grpc's Netty chose epoll and OpenSSL, {@code []} when it went through JDK NIO
 * and the JDK's TLS.
 */
public final class NativeLibrariesClientMain {
    private static final Pattern NETTY_LIBRARY = Pattern.compile("netty_(tcnative|transport_native_epoll)");

    private NativeLibrariesClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("Netty native libraries: "
                + nettyNativeLibraries())));
        SimpleClientMain.main(args);
    }

    private static Object nettyNativeLibraries() {
        List<String> maps;
        try {
            maps = Files.readAllLines(Paths.get("/proc/self/maps"));
        } catch (IOException e) {
            return "unknown (" + e + ")";
        }
        TreeSet<String> found = new TreeSet<>();
        for (String line : maps) {
            Matcher library = NETTY_LIBRARY.matcher(line);
            if (library.find()) {
                found.add("netty_" + library.group(1));
            }
        }
        return found;
    }
}
