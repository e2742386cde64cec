package dev.seedling.eval.ie.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.eval.ie.EntityMention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link ParallelRecord}s as JSON Lines (a JSON array is also read):
 * {@code {id, source, src_lang, tgt_lang, src_sentence, tgt_sentence, src_entities[{name,type}], tgt_entities[...]}}.
 * Stateless and thread-safe.
 */
public final class ParallelNerLoader {
    private ParallelNerLoader() {
    }

    /**
     * Reads parallel records.
     *
     * @param requireAligned whether to enforce that every target span is a substring of its target sentence
     * @throws IeDataException naming file and line of a malformed record, or of a record breaking the invariant
     */
    public static List<ParallelRecord> load(Path file, boolean requireAligned) {
        List<ParallelRecord> out = new ArrayList<>();
        for (JsonRecords.Located r : JsonRecords.read(file)) {
            JsonNode n = r.node();
            String w = r.where();
            ParallelRecord p = new ParallelRecord(JsonRecords.text(n, "id", w), JsonRecords.textOr(n, "source", ""),
                    JsonRecords.text(n, "src_lang", w), JsonRecords.text(n, "tgt_lang", w),
                    JsonRecords.text(n, "src_sentence", w), JsonRecords.text(n, "tgt_sentence", w),
                    entities(n, "src_entities", w), entities(n, "tgt_entities", w));
            if (requireAligned) {
                try {
                    p.requireAligned();
                } catch (IeDataException e) {
                    throw new IeDataException(w + ": " + e.getMessage(), e);
                }
            }
            out.add(p);
        }
        return out;
    }

    /** Writes records as JSON Lines, UTF-8, in order, replacing the file. */
    public static void write(List<ParallelRecord> records, Path file) {
        try (Writer w = Files.newBufferedWriter(file)) {
            for (ParallelRecord r : records) {
                w.write(JsonRecords.JSON.writeValueAsString(toJson(r)));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One record as a JSON object, fields in the documented order. */
    public static ObjectNode toJson(ParallelRecord r) {
        ObjectNode o = JsonRecords.JSON.createObjectNode();
        o.put("id", r.id()).put("source", r.source()).put("src_lang", r.srcLang()).put("tgt_lang", r.tgtLang())
                .put("src_sentence", r.srcSentence()).put("tgt_sentence", r.tgtSentence());
        o.set("src_entities", entitiesJson(r.srcEntities()));
        o.set("tgt_entities", entitiesJson(r.tgtEntities()));
        return o;
    }

    private static ArrayNode entitiesJson(List<EntityMention> es) {
        ArrayNode a = JsonRecords.JSON.createArrayNode();
        es.forEach(e -> a.addObject().put("name", e.span()).put("type", e.type()));
        return a;
    }

    private static List<EntityMention> entities(JsonNode n, String field, String where) {
        List<EntityMention> out = new ArrayList<>();
        for (JsonNode e : JsonRecords.array(n, field, where)) {
            out.add(new EntityMention(JsonRecords.text(e, "type", where + " " + field),
                    JsonRecords.text(e, "name", where + " " + field)));
        }
        return out;
    }
}
