package netrec.maven;

import java.io.File;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Puts netrec into the JVMs Surefire and Failsafe start for tests, as JaCoCo's {@code prepare-agent} does: appends
 * {@code -javaagent:/path/to/netrec-agent.jar[=MODE,cassette=DIR,...]} to the {@code argLine} property (or the
 * property named by {@link #propertyName}), with the netrec.jar this plugin was resolved with.
 *
 * <p>With no {@link #mode}, netrec waits in the test JVM for {@code @Netrec} tests to pick their cassettes
 * (netrec-junit5), and {@code -Dnetrec.mode=...} reaches those tests through Surefire. With a mode, the whole test
 * JVM records into, or replays from, {@link #cassette}, and {@code -Dnetrec.mode=...} overrides that mode.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareAgentMojo extends AbstractMojo {
    static final String AGENT = "dev.netrec:netrec-agent";
    static final String MODE_PROPERTY = "netrec.mode";

    /**
     * The mode of the whole test JVM: {@code record}, {@code replay}, {@code update}, {@code once} or {@code off}, as
     * the agent takes them. Unset (the default): netrec is loaded and waits for {@code @Netrec} tests, each with its
     * own cassette.
     */
    @Parameter
    private String mode;

    /**
     * The cassette directory of a whole-JVM {@link #mode}, or {@code s3://BUCKET/PREFIX/NAME} for one in an object
     * store (the test JVM uses this machine's copy, fetched first, published after a recording).
     */
    @Parameter(property = "netrec.cassette", defaultValue = "${project.basedir}/netrec-cassette")
    private File cassette;

    /**
     * Where the reports on a whole-JVM {@link #mode}'s cassette go (replay's misses and summary, which {@code prune}
     * reads): the build's folder, never beside the committed cassette.
     */
    @Parameter(property = "netrec.reports", defaultValue = "${project.build.directory}/netrec")
    private File reports;

    /**
     * More agent options for a whole-JVM {@link #mode}, as {@code -javaagent:netrec.jar=MODE,...} takes them:
     * {@code log=info,redact=X-Api-Key,leave-alone=loopback} (see netrec's README, "Modes and options").
     */
    @Parameter(property = "netrec.options")
    private String options;

    /** The property the agent is appended to; Surefire and Failsafe read {@code argLine}. */
    @Parameter(property = "netrec.propertyName", defaultValue = "argLine")
    private String propertyName;

    /** Leaves the property as it is ({@code -Dnetrec.skip}); an unset property is set empty, so {@code @{argLine}} works. */
    @Parameter(property = "netrec.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(property = "plugin.artifactMap", readonly = true, required = true)
    private Map<String, Artifact> pluginArtifactMap;

    @Override
    public void execute() throws MojoExecutionException {
        Properties properties = project.getProperties();
        String before = currentValue(properties);
        if (skip) {
            getLog().info("netrec: skipped (netrec.skip)");
            if (before == null) {
                properties.setProperty(propertyName, "");
            }
            return;
        }
        String after = AgentArgument.appendTo(before, agentJar(), agentArgument());
        getLog().info(propertyName + " set to " + after);
        properties.setProperty(propertyName, after);
    }

    /** The property's value: a user property ({@code -DargLine=...}) before the project's own. */
    private String currentValue(Properties projectProperties) {
        String user = session.getUserProperties().getProperty(propertyName);
        return user != null ? user : projectProperties.getProperty(propertyName);
    }

    private File agentJar() throws MojoExecutionException {
        Artifact agent = pluginArtifactMap.get(AGENT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("netrec: " + AGENT + " is not among this plugin's resolved dependencies ("
                    + pluginArtifactMap.keySet() + "); if the plugin's <dependencies> exclude or replace it, give it "
                    + "back");
        }
        return agent.getFile();
    }

    private String agentArgument() throws MojoExecutionException {
        String override = session.getUserProperties().getProperty(MODE_PROPERTY, "").trim();
        String configured = mode == null ? "" : mode.trim();
        String extra = options == null ? "" : options.trim();
        if (configured.isEmpty()) {
            if (!extra.isEmpty()) {
                throw new MojoExecutionException("netrec: <options>" + extra + "</options> needs a <mode> (record, "
                        + "replay, update, once or off) for the whole test JVM; @Netrec tests take their options from "
                        + "the annotation");
            }
            return "";
        }
        try {
            return AgentArgument.of(override.isEmpty() ? configured : override, cassette,
                    reports == null ? null : new File(reports, cassette.getName()), extra);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("netrec: " + e.getMessage()
                    + (override.isEmpty() ? " (<mode> in the plugin's configuration)" : " (-D" + MODE_PROPERTY + ")"));
        }
    }
}
