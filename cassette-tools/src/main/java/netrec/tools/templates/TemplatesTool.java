package netrec.tools.templates;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import netrec.cassette.Cassette;
import netrec.cassette.MatchRules;
import netrec.cassette.analysis.Proposal;
import netrec.cassette.analysis.TemplateProposer;
import netrec.cassette.match.RulesCheck;
import netrec.cassette.template.UriTemplate;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.RulesEditor;
import netrec.cassette.yaml.RulesReader;
import netrec.cassette.yaml.UriEditor;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;
import netrec.tools.command.UsageException;

/**
 * {@code templates CASSETTE [OTHER] [--write]}: shows the placeholders {@link TemplateProposer} finds, and with
 * {@code --write} puts them into the cassette's recording files and its {@code rules.yaml}, then loads the cassette
 * again to prove it still loads.
 */
public final class TemplatesTool extends Tool {
    public TemplatesTool() {
        super("templates",
                "templates CASSETTE [OTHER] [--write]",
                "                      propose placeholders for what varies between runs: values recognisable on sight",
                "                      (times near the recording, UUIDs, snapshot versions) and, given OTHER (a second",
                "                      recording of the same job), every request part that differs; --write applies them");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) {
        List<String> cassettes = arguments.read(List.of(), List.of("--write")).rest();
        if (cassettes.isEmpty() || cassettes.size() > 2) {
            throw new UsageException("templates takes one cassette, or two recordings of the same job");
        }
        Cassette cassette = new CassetteReader(err::println).load(Arguments.existingDirectory(cassettes.get(0)));
        Cassette other = cassettes.size() == 2
                ? new CassetteReader(err::println).load(Arguments.existingDirectory(cassettes.get(1))) : null;
        return propose(cassette, other, arguments.flag("--write"), out, err);
    }

    /** Shows what {@link TemplateProposer} finds, and with {@code write} puts it into the cassette. */
    static int propose(Cassette cassette, Cassette other, boolean write, PrintStream out, PrintStream err) {
        List<Proposal> proposals = TemplateProposer.propose(cassette, other);
        MatchRules existingRules = RulesReader.read(cassette.directory());
        Map<Path, Map<Integer, String>> uriChanges = new TreeMap<>();
        Map<String, BodyFieldRule> rules = new LinkedHashMap<>();
        for (Proposal proposal : proposals) {
            if (proposal.changesUri()) {
                out.println(proposal.interaction().source() + "  " + proposal.interaction().request());
                out.println("    -> " + proposal.uri());
                String source = proposal.interaction().source();
                int colon = source.lastIndexOf(':');
                uriChanges.computeIfAbsent(Paths.get(source.substring(0, colon)), f -> new TreeMap<>())
                        .put(Integer.parseInt(source.substring(colon + 1)), proposal.uri());
            }
            addBodyFieldRule(proposal, existingRules, rules);
        }
        for (BodyFieldRule rule : rules.values()) {
            out.println("rules.yaml: ignore body fields " + rule.fields + " of " + rule.method + " " + rule.host
                    + rule.path);
        }
        int uris = uriChanges.values().stream().mapToInt(Map::size).sum();
        String summary = uris + " request URIs to template, " + rules.size() + " body rules to add";
        if (!write) {
            out.println(summary + (uris + rules.size() == 0 ? "" : "; run again with --write to apply them"));
            return 0;
        }
        uriChanges.forEach(UriEditor::rewrite);
        for (BodyFieldRule rule : rules.values()) {
            RulesEditor.ignoreBodyFields(cassette.directory(), rule.method, rule.host, rule.path, rule.fields);
        }
        Cassette reloaded = new CassetteReader(err::println).load(cassette.directory());
        RulesCheck.check(RulesReader.read(cassette.directory()));
        out.println(summary.replace(" to template", " templated").replace(" to add", " added") + "; the cassette "
                + "loads with its " + reloaded.interactions().size() + " interactions");
        return 0;
    }

    private static void addBodyFieldRule(Proposal proposal, MatchRules existing, Map<String, BodyFieldRule> rules) {
        if (proposal.bodyFields().isEmpty()) {
            return;
        }
        String method = proposal.interaction().request().method();
        UriTemplate recorded = proposal.interaction().request().template();
        List<String> alreadyIgnored = existing.forRequest(method, recorded.host().text(), recorded.path().toString())
                .values("ignore-body-fields");
        Set<String> fields = new LinkedHashSet<>(proposal.bodyFields());
        fields.removeAll(alreadyIgnored);
        if (fields.isEmpty()) {
            return;
        }
        UriTemplate templated = UriTemplate.parse(proposal.uri());
        String host = templated.host().text();
        String path = templated.path().toString();
        rules.computeIfAbsent(method + " " + host + path, k -> new BodyFieldRule(method, host, path)).fields
                .addAll(fields);
    }

    private static final class BodyFieldRule {
        final String method;
        final String host;
        final String path;
        final Set<String> fields = new LinkedHashSet<>();

        BodyFieldRule(String method, String host, String path) {
            this.method = method;
            this.host = host;
            this.path = path;
        }
    }
}
