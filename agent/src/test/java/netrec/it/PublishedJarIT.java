package netrec.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;

/**
 * netrec.jar as {@code mvn install} publishes it (dev.netrec:netrec-agent): one jar whose classes are all netrec's,
 * everything it depends on relocated under {@code netrec.shaded} (in the jar nested inside it, but byte-buddy-agent),
 * and a POM that brings no dependency along, so nothing of netrec's can stand in for a class of the project it is
 * added to (a project's own Jackson, Byte Buddy).
 */
@JdkIndependent("what netrec.jar and its POM hold; java -jar runs the same bytes on any JDK")
class PublishedJarIT {
    private static final Path POM = ChildJvm.agentJar().resolveSibling("dependency-reduced-pom.xml");

    @Test
    void everyClassInTheJarIsNetrecsOwnOrRelocated() throws Exception {
        List<String> foreign = new ArrayList<>();
        int classes = 0;
        int libraries = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals("META-INF/netrec/libraries.jar")) {
                    try (JarInputStream nested = new JarInputStream(jar.getInputStream(entry))) {
                        for (JarEntry in = nested.getNextJarEntry(); in != null; in = nested.getNextJarEntry()) {
                            libraries += classOutsideNetrec("libraries.jar!/", in.getName(), foreign) ? 1 : 0;
                        }
                    }
                }
                classes += classOutsideNetrec("", entry.getName(), foreign) ? 1 : 0;
            }
        }
        assertTrue(libraries > 1000, "the libraries nested in netrec.jar hold " + libraries + " classes: is it the "
                + "shaded jar?");
        assertTrue(classes > 100, "netrec.jar holds " + classes + " classes of its own");
        assertEquals(List.of(), foreign, "classes outside netrec/ would stand in for a project's own copies");
    }

    /** True when {@code name} is a class file; one outside netrec/ is added to {@code foreign}. */
    private static boolean classOutsideNetrec(String where, String name, List<String> foreign) {
        if (!name.endsWith(".class")) {
            return false;
        }
        if (!name.replaceFirst("^META-INF/versions/[0-9]+/", "").startsWith("netrec/")) {
            foreign.add(where + name);
        }
        return true;
    }

    @Test
    void publishedPomBringsNoDependencyAlong() throws Exception {
        String pom = Files.readString(POM);
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        List<String> transitive = new ArrayList<>();
        while (dependency.find()) {
            String text = dependency.group(1).replaceAll("(?s)<exclusions>.*?</exclusions>", "");
            if (!text.contains("<scope>test</scope>")) {
                transitive.add(text.replaceAll("\\s+", " ").trim());
            }
        }
        assertTrue(pom.contains("<artifactId>netrec-agent</artifactId>"), pom);
        assertEquals(List.of(), transitive, "dev.netrec:netrec-agent must bring no dependency along");
    }

    @Test
    void versionIsTheProjectsVersion() throws Exception {
        ChildJvm.Result run = ChildJvm.netrecCommand("--version").run(ChildJvm.agentJar().getParent());
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("netrec " + System.getProperty("netrec.version"), run.stdout.trim());
    }
}
