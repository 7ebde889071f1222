package netrec.cassette.yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import netrec.cassette.CassetteException;

/**
 * Rewrites request URIs in a recording file in place, line by line, so that everything else in the file (comments
 * and edits a person made included) stays as it was and a diff shows only the URIs.
 */
public final class UriEditor {
    private UriEditor() {
    }

    /**
     * Gives the request of each entry starting at a line of {@code newUris} (1-based) that URI. The file is replaced
     * in one move, never left half written.
     */
    public static void rewrite(Path file, Map<Integer, String> newUris) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            List<Map.Entry<Integer, String>> changes = new ArrayList<>(newUris.entrySet());
            changes.sort(Map.Entry.<Integer, String>comparingByKey().reversed());
            for (Map.Entry<Integer, String> change : changes) {
                int uriLine = uriLineOfEntry(lines, change.getKey() - 1, file);
                String line = lines.get(uriLine);
                String indent = line.substring(0, line.indexOf("uri:"));
                lines.set(uriLine, indent + CassetteYaml.keyValueLine("uri", change.getValue()).trim());
                while (uriLine + 1 < lines.size() && indentOf(lines.get(uriLine + 1)) > indent.length()) {
                    lines.remove(uriLine + 1);
                }
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".netrec-edit");
            Files.write(temporary, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CassetteException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The index of the {@code uri:} line of the request of the entry starting at index {@code entry}. */
    private static int uriLineOfEntry(List<String> lines, int entry, Path file) {
        for (int i = entry + 1; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.startsWith("- ")) {
                break;
            }
            if (trimmed.startsWith("uri:")) {
                return i;
            }
        }
        throw new CassetteException(file + ":" + (entry + 1) + ": the entry starting here has no 'uri:' line of its "
                + "own; was the file changed while templates ran?");
    }
}
