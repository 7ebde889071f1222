package netrec.cassette.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import netrec.cassette.CassetteLayout;
import netrec.cassette.yaml.RecordingText;

/**
 * How old a cassette is, for {@code max-age}: the day its oldest recording file was recorded, as the file's head
 * says ({@code started:}; every recording replaces the files before it, so that is the day the cassette was last
 * recorded whole), or, for a file without one (written by hand or imported), its oldest {@code recorded-at}. A
 * cassette expires when more whole days than its max-age have passed since.
 */
public final class CassetteAge {
    private static final Pattern MAX_AGE = Pattern.compile("(\\d+)([dw])");
    private static final Pattern STARTED = Pattern.compile("^  started: (\\S+)$");
    private static final Pattern RECORDED_AT = Pattern.compile("^ *- recorded-at: (\\S+)$");

    private CassetteAge() {
    }

    /**
     * {@code max-age}'s value in days: {@code 30d}, or weeks, {@code 2w}.
     *
     * @throws IllegalArgumentException naming what is valid
     */
    public static int parseMaxAge(String value) {
        Matcher age = MAX_AGE.matcher(value.trim());
        if (!age.matches() || Long.parseLong(age.group(1)) > 100_000) {
            throw new IllegalArgumentException("max-age=" + value + " is not valid; give days or weeks, as in "
                    + "max-age=30d or max-age=2w (a cassette keeps the day it was recorded, not the hour)");
        }
        return Integer.parseInt(age.group(1)) * (age.group(2).equals("w") ? 7 : 1);
    }

    /** The day the cassette in {@code cassette} was recorded, by its oldest file; null when it has no recording. */
    public static LocalDate recorded(Path cassette) throws IOException {
        LocalDate oldest = null;
        for (Path file : Publication.recordingFiles(new CassetteLayout(cassette).interactions())) {
            LocalDate day = recordedDay(file);
            if (day != null && (oldest == null || day.isBefore(oldest))) {
                oldest = day;
            }
        }
        return oldest;
    }

    /** Whole days from {@code recorded} to {@code today}. */
    public static long days(LocalDate recorded, LocalDate today) {
        return ChronoUnit.DAYS.between(recorded, today);
    }

    private static LocalDate recordedDay(Path file) throws IOException {
        LocalDate oldest = null;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Iterator<String> it = lines.iterator();
            for (int n = 0; it.hasNext(); n++) {
                String line = it.next();
                Matcher started = STARTED.matcher(line);
                if (n < 4 && started.matches()) {
                    return dayOf(started.group(1));
                }
                Matcher at = RECORDED_AT.matcher(line);
                if (at.matches()) {
                    LocalDate day = dayOf(at.group(1));
                    if (day != null && (oldest == null || day.isBefore(oldest))) {
                        oldest = day;
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return oldest;
    }

    private static LocalDate dayOf(String value) {
        return RecordingText.dayOf(value);
    }
}
