package netrec.cassette.yaml;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
     * Gives the request of each entry starting at a line of {@code newUris} (1-based) that URI. The file is read and
     * written a line at a time (a recording file can be larger than the heap) and replaced in one move, never left
     * half written.
     */
    public static void rewrite(Path file, Map<Integer, String> newUris) {
        Path temporary = file.resolveSibling(file.getFileName() + ".netrec-edit");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            int number = 0;
            int entryLine = -1;
            String newUri = null;
            int skipDeeperThan = -1;
            boolean first = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (skipDeeperThan >= 0 && !line.isEmpty() && indentOf(line) > skipDeeperThan) {
                    continue;
                }
                skipDeeperThan = -1;
                if (newUris.containsKey(number)) {
                    entryLine = number;
                    newUri = newUris.get(number);
                } else if (newUri != null && line.trim().startsWith("- ")) {
                    throw noUriLine(file, entryLine);
                }
                if (newUri != null && line.trim().startsWith("uri:")) {
                    String indent = line.substring(0, line.indexOf("uri:"));
                    line = indent + CassetteYaml.keyValueLine("uri", newUri).trim();
                    skipDeeperThan = indent.length();
                    newUri = null;
                }
                if (!first) {
                    out.write('\n');
                }
                out.write(line);
                first = false;
            }
            if (newUri != null) {
                throw noUriLine(file, entryLine);
            }
            if (endsWithNewline(file)) {
                out.write('\n');
            }
        } catch (IOException | CassetteException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the half-written copy is left beside the file, which is unchanged
            }
            throw e instanceof CassetteException ? (CassetteException) e
                    : new CassetteException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CassetteException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static CassetteException noUriLine(Path file, int entryLine) {
        return new CassetteException(file + ":" + entryLine + ": the entry starting here has no 'uri:' line of its "
                + "own; was the file changed while templates ran?");
    }
}
