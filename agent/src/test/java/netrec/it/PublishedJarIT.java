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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import netrec.it.support.ChildJvm;
import netrec.it.support.JdkIndependent;
import org.junit.jupiter.api.Test;

/**
 * netrec.jar as {@code mvn install} publishes it (dev.netrec:netrec-agent): one jar whose classes are all netrec's,
 * everything it depends on relocated under {@code netrec.shaded}, and a POM that brings no dependency along, so
 * nothing of netrec's can stand in for a class of the project it is added to (a project's own Jackson, Byte Buddy).
 */
@JdkIndependent("what netrec.jar and its POM hold; java -jar runs the same bytes on any JDK")
class PublishedJarIT {
    private static final Path POM = ChildJvm.agentJar().resolveSibling("dependency-reduced-pom.xml");

    @Test
    void everyClassInTheJarIsNetrecsOwnOrRelocated() throws Exception {
        List<String> foreign = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                classes++;
                String path = name.replaceFirst("^META-INF/versions/[0-9]+/", "");
                if (!path.startsWith("netrec/")) {
                    foreign.add(name);
                }
            }
        }
        assertTrue(classes > 1000, "netrec.jar holds " + classes + " classes: is it the shaded jar?");
        assertEquals(List.of(), foreign, "classes outside netrec/ would stand in for a project's own copies");
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
