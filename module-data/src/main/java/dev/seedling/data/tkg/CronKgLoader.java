package dev.seedling.data.tkg;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the CronQuestions (Wikidata) files: fact TSVs with lines {@code Qhead\tPrel\tQtail\tstartYear\tendYear},
 * where an empty year is an open end, and the text maps {@code wd_id2entity_text.txt} and
 * {@code wd_id2relation_text.txt} (lines {@code id\ttext}). Facts keep their Wikidata ids as names, because the
 * questions and their gold answers use ids; the text maps serve linking and display. Stateless.
 */
public final class CronKgLoader {
    private CronKgLoader() {
    }

    /**
     * Loads the facts of {@code files}, in order, into one graph; each fact's time is the year interval
     * {@code startYear/endYear}.
     *
     * @throws TkgFormatException         naming the file and line of a line without five fields, with an empty id, a
     *                                    year that is not an integer, or an end before the start
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static TemporalKg load(Path... files) {
        TemporalKg.Builder b = TemporalKg.builder();
        for (Path file : files) {
            TsvFile.forEachLine(file, (fields, line) -> {
                if (fields.length != 5) {
                    throw new TkgFormatException(file, line, "expected 5 tab-separated fields (head, relation, tail,"
                            + " start year, end year) but found " + fields.length);
                }
                for (int i = 0; i < 3; i++) {
                    if (fields[i].isBlank()) {
                        throw new TkgFormatException(file, line, "field " + (i + 1) + " is empty");
                    }
                }
                TimeValue start = year(fields[3], file, line, 4);
                TimeValue end = year(fields[4], file, line, 5);
                if (start != null && end != null && end.endDay() < start.startDay()) {
                    throw new TkgFormatException(file, line, "end year " + fields[4].strip() + " is before start year "
                            + fields[3].strip());
                }
                b.add(fields[0].strip(), fields[1].strip(), fields[2].strip(), TimeValue.between(start, end));
            });
        }
        return b.build();
    }

    private static TimeValue year(String text, Path file, long line, int field) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return TimeValue.year(Integer.parseInt(t));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new TkgFormatException(file, line, "field " + field + " ('" + text + "') is not a year", e);
        }
    }

    /**
     * Loads a text map: Wikidata id to its label.
     *
     * @throws TkgFormatException naming the file and line of a line without two fields or repeating an id
     */
    public static Map<String, String> loadTextMap(Path file) {
        Map<String, String> out = new HashMap<>();
        TsvFile.forEachLine(file, (fields, line) -> {
            if (fields.length != 2) {
                throw new TkgFormatException(file, line, "expected 2 tab-separated fields (id, text) but found "
                        + fields.length);
            }
            if (out.putIfAbsent(fields[0].strip(), fields[1].strip()) != null) {
                throw new TkgFormatException(file, line, "id '" + fields[0] + "' appears twice");
            }
        });
        return out;
    }
}
