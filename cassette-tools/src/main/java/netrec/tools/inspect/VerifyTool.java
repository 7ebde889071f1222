package netrec.tools.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import netrec.cassette.Body;
import netrec.cassette.BodyStore;
import netrec.cassette.CassetteException;
import netrec.cassette.CassetteLayout;
import netrec.cassette.CertificateStore;
import netrec.cassette.Interaction;
import netrec.cassette.Tls;
import netrec.cassette.yaml.CassetteReader;
import netrec.cassette.yaml.EntryHandler;
import netrec.cassette.match.RulesCheck;
import netrec.cassette.yaml.RulesReader;
import netrec.tools.command.Arguments;
import netrec.tools.command.Tool;

/**
 * {@code verify CASSETTE}: checks everything replay will touch: every entry (read exactly as replay reads it), every
 * body file's size and hash, every certificate chain, and {@code rules.yaml}. Exit 1 on any problem; a killed
 * recording's cut last entry is a warning, as in replay. Given a folder of cassettes, each in turn, then the sum.
 */
public final class VerifyTool extends Tool {
    public VerifyTool() {
        super("verify",
                "verify CASSETTE     check everything replay reads: every entry, body file (size and hash),",
                "                      certificate chain and rules.yaml; exit 1 on any problem; a folder of",
                "                      cassettes: each in turn");
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws IOException {
        List<String> paths = arguments.read(List.of(), List.of()).expect(1, "one cassette, or a folder of cassettes");
        CassetteFolder folder = CassetteFolder.of(paths.get(0));
        if (folder.isOneCassette()) {
            return verify(folder.cassettes().get(0), out).problems == 0 ? 0 : 1;
        }
        Counts total = new Counts();
        for (Path cassette : folder.cassettes()) {
            out.println(cassette + ":");
            total.add(verify(cassette, out));
            out.println();
        }
        out.println(folder.cassettes().size() + " cassettes: " + total);
        return total.problems == 0 ? 0 : 1;
    }

    private static Counts verify(Path directory, PrintStream out) {
        CassetteLayout layout = new CassetteLayout(directory);
        BodyStore bodies = new BodyStore(layout);
        CertificateStore certificates = new CertificateStore(layout);
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> chains = new HashSet<>();
        Counts counts = new Counts();
        try {
            new CassetteReader(warnings::add).read(directory, new EntryHandler() {
                @Override
                public void interaction(Interaction interaction) {
                    counts.interactions++;
                    for (Body body : interaction.storedBodies()) {
                        counts.files++;
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
        counts.problems = problems.size();
        out.println(counts);
        return counts;
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

    /** What verify counted in one cassette, or in all of a folder's. */
    private static final class Counts {
        int interactions;
        int files;
        int problems;

        void add(Counts other) {
            interactions += other.interactions;
            files += other.files;
            problems += other.problems;
        }

        @Override
        public String toString() {
            return interactions + " interactions, " + files + " body file references, " + problems + " problems";
        }
    }
}
