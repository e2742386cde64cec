package dev.seedling.data.tkg;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the MultiTQ (ICEWS05-15) files: the quadruple TSVs ({@code full.txt}, {@code train|valid|test.txt}, lines
 * {@code head\trel\ttail\tYYYY-MM-DD}) and the id maps {@code ent_id}, {@code rel_id}, {@code ts_id} (lines
 * {@code name\tid}). Times may also be given at month or year granularity. Stateless.
 */
public final class MultiTqKgLoader {
    private MultiTqKgLoader() {
    }

    /**
     * Loads the facts of {@code files}, in order, into one graph.
     *
     * @throws TkgFormatException         naming the file and line of a line without four fields, with an empty
     *                                    name, or with an unreadable time
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static TemporalKg load(Path... files) {
        TemporalKg.Builder b = TemporalKg.builder();
        for (Path f : files) {
            loadInto(b, f);
        }
        return b.build();
    }

    /** Adds the facts of {@code file} to {@code builder}; errors as for {@link #load}. */
    public static void loadInto(TemporalKg.Builder builder, Path file) {
        TsvFile.forEachLine(file, (fields, line) -> {
            if (fields.length != 4) {
                throw new TkgFormatException(file, line, "expected 4 tab-separated fields (head, relation, tail,"
                        + " time) but found " + fields.length);
            }
            for (int i = 0; i < 3; i++) {
                if (fields[i].isBlank()) {
                    throw new TkgFormatException(file, line, "field " + (i + 1) + " (" + FIELD_NAMES[i] + ") is empty");
                }
            }
            builder.add(fields[0], fields[1], fields[2], TsvFile.time(fields[3], file, line, "field 4 (time)"));
        });
    }

    private static final String[] FIELD_NAMES = {"head", "relation", "tail"};

    /**
     * Loads an id map ({@code ent_id}, {@code rel_id} or {@code ts_id}): name to integer id.
     *
     * @throws TkgFormatException naming the file and line of a line without two fields, with a non-integer id, or
     *                            repeating a name
     */
    public static Map<String, Integer> loadIdMap(Path file) {
        Map<String, Integer> out = new HashMap<>();
        TsvFile.forEachLine(file, (fields, line) -> {
            if (fields.length != 2) {
                throw new TkgFormatException(file, line, "expected 2 tab-separated fields (name, id) but found "
                        + fields.length);
            }
            int id;
            try {
                id = Integer.parseInt(fields[1].strip());
            } catch (NumberFormatException e) {
                throw new TkgFormatException(file, line, "id '" + fields[1] + "' is not an integer", e);
            }
            if (out.putIfAbsent(fields[0], id) != null) {
                throw new TkgFormatException(file, line, "name '" + fields[0] + "' appears twice");
            }
        });
        return out;
    }
}
