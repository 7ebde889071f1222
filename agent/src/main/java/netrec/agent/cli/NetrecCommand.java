package netrec.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.Cassette;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.CertificateStore;
import netrec.cassette.Headers;
import netrec.cassette.Interaction;
import netrec.cassette.Message;
import netrec.cassette.RecordedResponse;
import netrec.cassette.Tls;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.CassetteYaml;
import netrec.cassette.yaml.EntryHandler;
import netrec.cassette.match.RulesCheck;
import netrec.cassette.yaml.RulesReader;

/** {@code java -jar netrec.jar COMMAND ...}: look into a cassette. Exit status 0 when all is well, 1 when not. */
public final class NetrecCommand {
    private static final String USAGE = String.join("\n",
            "usage: java -jar netrec.jar COMMAND CASSETTE [ARGS]",
            "  list CASSETTE       one line per interaction: number, method, URL, status, response body size",
            "  show CASSETTE N     interaction N (as numbered by list) in full",
            "  verify CASSETTE     check everything replay reads: every entry, body file (size and hash),",
            "                      certificate chain and rules.yaml; exit 1 on any problem",
            "  templates CASSETTE [OTHER] [--write]",
            "                      propose placeholders for what varies between runs: values recognisable on sight",
            "                      (times near the recording, UUIDs, snapshot versions) and, given OTHER (a second",
            "                      recording of the same job), every request part that differs; --write applies them",
            "  record|replay|update --cassette DIR [--no-network] [--log LEVEL] [--leave-alone HOSTS] -- COMMAND...",
            "                      run COMMAND (mvn package, say) with netrec in every JVM it starts",
            "                      (JAVA_TOOL_OPTIONS); --no-network runs it with no network but loopback",
            "  har CASSETTE        the cassette as HAR 1.2 on standard output (java -jar netrec.jar har C > c.har)",
            "  har-import HAR CASSETTE [--redact NAMES]",
            "                      a HAR file (a browser's, or har's) into CASSETTE, as one recording file that",
            "                      replays; NAMES (;-separated) are the headers to redact, by default the agent's",
            "  wiremock-export CASSETTE DIR",
            "                      the cassette as WireMock stub mappings in DIR (mappings/, __files/)",
            "  wiremock-import MAPPINGS CASSETTE --base-url URL [--redact NAMES]",
            "                      WireMock's recorded mappings (its root directory, or a JSON file) into CASSETTE,",
            "                      for the server at URL",
            "  list CASSETTE --filter EXPR",
            "                      only the interactions EXPR picks: ~d host ~m method ~c status ~u url ~h header",
            "                      ~b body ~t content-type (q/s: request/response only, ~hq ~bs ...), ~q ~s, ! & | ( )",
            "  view CASSETTE [--out FILE] [--open]",
            "                      one self-contained HTML page of the cassette: list, filter, details, replay report",
            "  --version           netrec's version",
            "As an agent: java -javaagent:netrec.jar=MODE[,cassette=DIR,log=LEVEL,redact=NAMES] ...");

    private final PrintStream out;
    private final PrintStream err;

    NetrecCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new NetrecCommand(System.out, System.err).run(args));
    }

    /** The version in netrec.jar's manifest; "(unknown: not run from netrec.jar)" when run from loose classes. */
    static String version() {
        String version = NetrecCommand.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown: not run from netrec.jar)" : version;
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            out.println("netrec " + version());
            return 0;
        }
        try {
            switch (args[0]) {
                case "list":
                    return list(args);
                case "view":
                    return view(args);
                case "show":
                    return show(cassetteDirectory(args, 3), args[2]);
                case "verify":
                    return verify(cassetteDirectory(args, 2));
                case "templates":
                    return templates(args);
                case "har":
                    new HarExport(cassetteDirectory(args, 2)).write(out, err::println, version());
                    out.flush();
                    return 0;
                case "har-import":
                    return harImport(args);
                case "wiremock-export":
                    return wireMockExport(args);
                case "wiremock-import":
                    return wireMockImport(args);
                case "record":
                case "replay":
                case "update":
                    return new Launcher(err).run(args[0], Arrays.asList(args).subList(1, args.length));
                default:
                    err.println("netrec: unknown command '" + args[0] + "'; valid commands: list, show, verify, "
                            + "view, templates, har, har-import, wiremock-export, wiremock-import, record, replay, update\n" + USAGE);
                    return 2;
            }
        } catch (UsageException e) {
            err.println("netrec: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (IOException e) {
            err.println("netrec: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (CassetteException e) {
            err.println(e.getMessage().startsWith("netrec") ? e.getMessage() : "netrec: " + e.getMessage());
            return 1;
        }
    }

    private int harImport(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        List<String> paths = arguments(args, options, "--redact");
        if (paths.size() != 2) {
            throw new UsageException("har-import takes a HAR file and a cassette directory, got " + paths);
        }
        return new HarImport(Paths.get(paths.get(0)), Paths.get(paths.get(1)), options.get("--redact"), out).run();
    }

    private int wireMockExport(String[] args) throws IOException {
        List<String> paths = arguments(args, new HashMap<>());
        if (paths.size() != 2) {
            throw new UsageException("wiremock-export takes a cassette and a directory to write, got " + paths);
        }
        return new WireMockExport(existingDirectory(paths.get(0)), Paths.get(paths.get(1)), out).run(err::println);
    }

    private int wireMockImport(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        List<String> paths = arguments(args, options, "--base-url", "--redact");
        if (paths.size() != 2) {
            throw new UsageException("wiremock-import takes WireMock's mappings (its root directory, or a JSON file) "
                    + "and a cassette directory, got " + paths);
        }
        return new WireMockImport(Paths.get(paths.get(0)), Paths.get(paths.get(1)), options.get("--base-url"),
                options.get("--redact"), out).run();
    }

    /** The command's arguments after its name: options with a value (into {@code options}) and the rest, in order. */
    private static List<String> arguments(String[] args, Map<String, String> options, String... valid) {
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (!Arrays.asList(valid).contains(args[i])) {
                    throw new UsageException(args[0] + " has " + (valid.length == 0 ? "no options" : "the options "
                            + String.join(", ", valid)) + ", not '" + args[i] + "'");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(args[i] + " needs a value");
                }
                options.put(args[i], args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        return rest;
    }

    private int templates(String[] args) {
        List<String> cassettes = new ArrayList<>();
        boolean write = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--write")) {
                write = true;
            } else if (args[i].startsWith("-")) {
                throw new UsageException("templates has one option, --write, not '" + args[i] + "'");
            } else {
                cassettes.add(args[i]);
            }
        }
        if (cassettes.isEmpty() || cassettes.size() > 2) {
            throw new UsageException("templates takes one cassette, or two recordings of the same job");
        }
        return new TemplatesCommand(out, err).run(load(cassettes.get(0)),
                cassettes.size() == 2 ? load(cassettes.get(1)) : null, write);
    }

    private Path cassetteDirectory(String[] args, int expected) {
        if (args.length != expected) {
            throw new UsageException(args[0] + " takes " + (expected - 1) + " argument(s), got " + (args.length - 1));
        }
        return existingDirectory(args[1]);
    }

    private static Path existingDirectory(String path) {
        Path directory = Paths.get(path);
        if (!Files.isDirectory(directory)) {
            throw new CassetteException(directory + " is not a cassette directory (it does not exist)");
        }
        return directory;
    }

    private Cassette load(String path) {
        return new CassetteReader(err::println).load(existingDirectory(path));
    }

    /** Streams the cassette's interactions to {@code each}, numbered from 1 as list numbers them. */
    private void eachInteraction(Path directory, BiConsumer<Integer, Interaction> each) {
        int[] n = {0};
        new CassetteReader(err::println).read(directory, interaction -> each.accept(++n[0], interaction));
    }

    private int list(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> paths = arguments(args, options, "--filter");
        if (paths.size() != 1) {
            throw new UsageException("list takes one cassette, got " + paths);
        }
        Path directory = existingDirectory(paths.get(0));
        FlowFilter filter = options.containsKey("--filter") ? FlowFilter.parse(options.get("--filter")) : null;
        BodyStore bodies = new BodyStore(new CassetteLayout(directory));
        eachInteraction(directory, (n, interaction) -> {
            if (filter == null || filter.matches(FlowFilter.flow(interaction, bodies))) {
                RecordedResponse response = interaction.response();
                String status = response.isUnanswered() ? "unanswered" : response.isConversation() ? "tcp"
                        : String.valueOf(response.status());
                out.printf("%4d  %-7s %s  %s  %s%n", n, interaction.request().method(), interaction.request().uri(),
                        status, response.messages().isEmpty() ? size(response.body()) : messages(response.messages()));
            }
        });
        return 0;
    }

    private int view(String[] args) throws IOException {
        List<String> withoutOpen = new ArrayList<>(Arrays.asList(args));
        boolean open = withoutOpen.remove("--open");
        Map<String, String> options = new HashMap<>();
        List<String> paths = arguments(withoutOpen.toArray(new String[0]), options, "--out");
        if (paths.size() != 1) {
            throw new UsageException("view takes one cassette, got " + paths);
        }
        Path directory = existingDirectory(paths.get(0));
        Path page = Paths.get(options.getOrDefault("--out",
                directory.toAbsolutePath().normalize().getFileName() + ".html")).toAbsolutePath();
        Files.writeString(page, new ViewPage(directory).html(err::println));
        out.println("wrote " + page + (open ? "" : " (open it in a browser; it needs no server and no network)"));
        if (open) {
            Browser.open(page, out);
        }
        return 0;
    }

    /** A conversation's size: how many messages (or turns), and their bytes. */
    private static String messages(List<Message> messages) {
        long bytes = 0;
        for (Message message : messages) {
            bytes += message.size();
        }
        return messages.size() + " messages, " + bytes + " B";
    }

    private int show(Path directory, String number) {
        int wanted;
        try {
            wanted = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new UsageException("'" + number + "' is not an interaction number (see list)");
        }
        Interaction[] found = {null};
        int[] count = {0};
        eachInteraction(directory, (n, interaction) -> {
            count[0] = n;
            if (n == wanted) {
                found[0] = interaction;
            }
        });
        if (found[0] == null) {
            throw new UsageException("the cassette has interactions 1 to " + count[0] + ", not " + wanted);
        }
        Interaction interaction = found[0];
        out.println("# " + interaction.source());
        out.print(CassetteYaml.entry(interaction));
        CassetteLayout layout = new CassetteLayout(directory);
        for (Body body : interaction.storedBodies()) {
            out.println("# body file: " + layout.body(body.sha256()));
        }
        BodyStore bodies = new BodyStore(layout);
        showGrpcMessages("request", interaction.request().headers(), interaction.request().body(), bodies);
        showGrpcMessages("response", interaction.response().headers(), interaction.response().body(), bodies);
        return 0;
    }

    /** A gRPC body's messages, decoded as protobuf without a schema, as comments after the entry. */
    private void showGrpcMessages(String which, Headers headers, Body body, BodyStore bodies) {
        if (body.isEmpty() || !GrpcMessages.isGrpc(headers.first("content-type"))) {
            return;
        }
        byte[] bytes;
        try (InputStream in = bodies.open(body)) {
            bytes = in.readAllBytes();
        } catch (IOException | CassetteException e) {
            out.println("# " + which + " messages: cannot read the body (" + e.getMessage() + ")");
            return;
        }
        out.println("# " + which + " messages (gRPC; protobuf decoded without its schema, by field number):");
        for (String line : GrpcMessages.describe(bytes)) {
            for (String physical : line.split("\n")) {
                out.println("#   " + physical);
            }
        }
    }

    /**
     * Checks everything replay will touch: every entry (read exactly as replay reads it), every body file's size and
     * hash, every certificate chain, and {@code rules.yaml}. Exit 1 on any problem; a killed recording's cut last
     * entry is a warning, as in replay.
     */
    private int verify(Path directory) {
        CassetteLayout layout = new CassetteLayout(directory);
        BodyStore bodies = new BodyStore(layout);
        CertificateStore certificates = new CertificateStore(layout);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> chains = new HashSet<>();
        int[] files = {0};
        int[] interactions = {0};
        try {
            new CassetteReader(warnings::add).read(directory, new EntryHandler() {
                @Override
                public void interaction(Interaction interaction) {
                    interactions[0]++;
                    for (Body body : interaction.storedBodies()) {
                        files[0]++;
                        checkBody(bodies, body, interaction, problems);
                    }
                    Tls tls = interaction.server().tls();
                    if (tls != null && !tls.certificates().isEmpty() && chains.add(tls.certificates())) {
                        String problem = certificates.check(tls.certificates());
                        if (problem != null) {
                            problems.add(interaction.source() + ": " + problem);
                        }
                    }
                }

                @Override
                public void incomplete(String note) {
                    out.println("note: " + note);
                }
            });
        } catch (CassetteException e) {
            problems.add(e.getMessage() + " (entries after it were not checked)");
        }
        try {
            RulesCheck.check(RulesReader.read(directory));
        } catch (CassetteException e) {
            problems.add(e.getMessage());
        }
        warnings.forEach(w -> out.println("warning: " + w.replaceFirst("^netrec: ", "")));
        problems.forEach(p -> out.println("problem: " + p));
        out.println(interactions[0] + " interactions, " + files[0] + " body file references, " + problems.size()
                + " problems");
        return problems.isEmpty() ? 0 : 1;
    }

    private static void checkBody(BodyStore bodies, Body body, Interaction interaction, List<String> problems) {
        try {
            String problem = bodies.check(body);
            if (problem != null) {
                problems.add(interaction.source() + ": " + problem);
            }
        } catch (IOException e) {
            problems.add(interaction.source() + ": cannot read body " + body.sha256() + ": " + e.getMessage());
        }
    }

    private static String size(Body body) {
        long bytes = body.size();
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KiB" : (bytes / (1024 * 1024)) + " MiB";
    }
}
