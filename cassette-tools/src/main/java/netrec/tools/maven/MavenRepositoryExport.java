package netrec.tools.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteLayout;
import netrec.cassette.Interaction;
import netrec.cassette.RecordedResponse;
import netrec.cassette.yaml.CassetteReader;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code java -jar netrec.jar maven-repository CASSETTE DIR}: every file a recorded build downloaded (each GET
 * answered 200) written under {@code DIR/HOST/PATH} ({@code HOST_PORT} for a port other than the scheme's), so that
 * each repository the build used is a folder Maven reads as a repository: a mirror
 * {@code file:///DIR/repo.maven.apache.org/maven2} in {@code settings.xml}, with an empty local repository, rebuilds
 * offline from it, with what plugins fetch lazily that {@code dependency:go-offline} misses. That settings file is
 * written too, {@code DIR/settings.xml}, for {@code mvn -s}. A body is written as the client
 * received it, a gzip {@code Content-Encoding} decoded; a file fetched twice with different answers (a
 * {@code maven-metadata.xml}) is the last one recorded, and said. Queries are left out of the path; a path that
 * would leave {@code DIR} is refused.
 */
public final class MavenRepositoryExport extends Tool {
    public MavenRepositoryExport() {
        super("maven-repository",
                "maven-repository CASSETTE DIR",
                "                      the files a recorded build downloaded, as repositories under DIR/HOST/PATH,",
                "                      and DIR/settings.xml, whose mirror of central builds from them");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of(), List.of()).expect(2, "a cassette and a directory to write");
        return export(Arguments.existingDirectory(paths.get(0)), Paths.get(paths.get(1)), out, err::println);
    }

    static int export(Path cassette, Path target, PrintStream out, Consumer<String> warnings) throws IOException {
        List<Interaction> downloads = new ArrayList<>();
        new CassetteReader(warnings).read(cassette, interaction -> {
            if (!interaction.isTcp() && !Interaction.WEBSOCKET.equals(interaction.protocol())
                    && interaction.request().method().equals("GET") && !interaction.response().isUnanswered()
                    && interaction.response().status() == 200) {
                downloads.add(interaction);
            }
        });
        if (downloads.isEmpty()) {
            throw new UsageException(cassette + " holds no download (a GET answered 200) to write");
        }
        Path root = target.toAbsolutePath().normalize();
        MirrorSettings.checkWritable(root);
        BodyStore bodies = new BodyStore(new CassetteLayout(cassette));
        Map<String, List<String>> filesByHost = new TreeMap<>();
        Map<String, URI> firstByHost = new TreeMap<>();
        Map<Path, String> writtenBy = new TreeMap<>();
        for (Interaction download : downloads) {
            URI uri = URI.create(download.request().uri());
            String host = uri.getPort() < 0 || uri.getPort() == defaultPort(uri.getScheme()) ? uri.getHost()
                    : uri.getHost() + "_" + uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            Path file = root.resolve(host).resolve(path.replaceFirst("^/+", "")).normalize();
            if (path.isEmpty() || path.endsWith("/") || !file.startsWith(root.resolve(host))) {
                warnings.accept("netrec: maven-repository left out " + download.request().uri() + ", which names no "
                        + "file under its host");
                continue;
            }
            if (writtenBy.containsKey(file)) {
                warnings.accept("netrec: " + download.request().uri() + " was downloaded more than once; "
                        + root.relativize(file) + " is the last answer recorded (" + download.source() + ")");
            }
            Files.createDirectories(file.getParent());
            try (InputStream body = decoded(download.response(), bodies)) {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (writtenBy.put(file, download.source()) == null) {
                filesByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(path);
                firstByHost.putIfAbsent(host, uri);
            }
        }
        Map<String, MirrorSettings.Repository> repositories = new TreeMap<>();
        for (Map.Entry<String, List<String>> host : filesByHost.entrySet()) {
            String folder = repositoryFolder(host.getKey(), host.getValue());
            URI first = firstByHost.get(host.getKey());
            repositories.put(host.getKey(), new MirrorSettings.Repository(root.resolve(host.getKey()).resolve(folder),
                    first.getScheme() + "://" + first.getRawAuthority() + "/" + folder));
        }
        Path settings = MirrorSettings.write(root, repositories);
        out.println("wrote " + writtenBy.size() + " files to " + root + "; as Maven repositories (a <mirror> or "
                + "<repository> url in settings.xml):");
        for (Map.Entry<String, List<String>> host : filesByHost.entrySet()) {
            out.println("  " + repositories.get(host.getKey()).folder.toUri() + "  (" + host.getValue().size()
                    + " files from " + host.getKey().replace('_', ':') + ")");
        }
        out.println(MirrorSettings.advice(settings, repositories));
        return 0;
    }

    /** The port a URL of {@code scheme} means when it names none (a recorded URL names it always). */
    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    /** The response's body as the client read it: a gzip content encoding decoded. */
    private static InputStream decoded(RecordedResponse response, BodyStore bodies) throws IOException {
        InputStream body = bodies.open(response.body());
        String encoding = String.valueOf(response.headers().first("Content-Encoding")).toLowerCase(Locale.ROOT);
        return encoding.contains("gzip") ? new GZIPInputStream(body) : body;
    }

    /**
     * The repository's root, relative to its host's folder: {@code maven2/} on Maven Central, else the folder every
     * one of {@code paths} is in.
     */
    private static String repositoryFolder(String host, List<String> paths) {
        boolean central = MirrorSettings.isCentral(host) && paths.stream().allMatch(p -> p.startsWith("/maven2/"));
        return central ? "maven2/" : commonFolder(paths);
    }

    /** The folder, relative to the host, that every one of {@code paths} is in. */
    private static String commonFolder(List<String> paths) {
        String common = paths.get(0).substring(0, paths.get(0).lastIndexOf('/') + 1);
        for (String path : paths) {
            while (!path.startsWith(common)) {
                common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
            }
        }
        return common.replaceFirst("^/+", "");
    }
}
