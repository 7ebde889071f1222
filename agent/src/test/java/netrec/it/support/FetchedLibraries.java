package netrec.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A program from Maven Central that the tests run in a JVM of its own (a server whose libraries would clash with
 * the tests' own): Maven fetches the artifact and its runtime dependencies into {@code target/NAME/lib} once, from
 * the local repository after the first time.
 */
public final class FetchedLibraries {
    private FetchedLibraries() {
    }

    /** The folder of {@code artifact}'s ({@code group:artifact:version}) jars, fetched into {@code target/name}. */
    public static synchronized Path of(String name, String artifact) throws IOException, InterruptedException {
        Path home = Paths.get("target", name).toAbsolutePath();
        Path lib = home.resolve("lib");
        if (Files.isDirectory(lib)) {
            return lib;
        }
        Files.createDirectories(home);
        String[] coordinates = artifact.split(":");
        Files.writeString(home.resolve("pom.xml"), String.join("\n",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>",
                "<groupId>netrec.test</groupId><artifactId>" + name + "</artifactId><version>1</version>",
                "<dependencies><dependency><groupId>" + coordinates[0] + "</groupId><artifactId>" + coordinates[1]
                        + "</artifactId><version>" + coordinates[2] + "</version></dependency></dependencies>",
                "</project>"));
        Path fetching = home.resolve("lib-fetching");
        ChildJvm.Result fetched = MavenRun.of("-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=" + fetching).run(home);
        if (fetched.exitCode != 0) {
            throw new IOException("Maven could not fetch " + artifact + " from Maven Central (the tests need it "
                    + "once):\n" + fetched.stdout);
        }
        Files.move(fetching, lib);
        return lib;
    }
}
