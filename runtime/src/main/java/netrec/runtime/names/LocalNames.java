package netrec.runtime.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Host names this machine answers by itself, with no DNS server: {@code localhost}, the names in /etc/hosts, and the
 * machine's own name. Replay lets the JVM's resolver answer these as usual; any other name it answers from the
 * cassette or refuses.
 */
public final class LocalNames {
    private final Set<String> names = new HashSet<>();

    public LocalNames() {
        names.add("localhost");
        readHosts(Paths.get("/etc/hosts"));
        readFirstLine(Paths.get("/proc/sys/kernel/hostname"));
        readFirstLine(Paths.get("/etc/hostname"));
        String env = System.getenv("HOSTNAME");
        if (env != null) {
            names.add(env.trim().toLowerCase(Locale.ROOT));
        }
    }

    public boolean isLocal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return names.contains(name) || name.endsWith(".localhost");
    }

    private void readHosts(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String content = line.replaceAll("#.*", "").trim();
                String[] parts = content.split("\\s+");
                for (int i = 1; i < parts.length; i++) {
                    names.add(parts[i].toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no hosts file: only localhost and the machine name are local
        }
    }

    private void readFirstLine(Path file) {
        try {
            String name = Files.readAllLines(file).get(0).trim();
            if (!name.isEmpty()) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        } catch (IOException | RuntimeException ignored) {
            // not on Linux, or no such file
        }
    }
}
