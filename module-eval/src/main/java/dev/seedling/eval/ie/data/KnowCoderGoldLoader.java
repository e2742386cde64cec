package dev.seedling.eval.ie.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.RelationMention;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads KnowCoder-style gold: a JSON array or JSON Lines of objects with {@code sentence} and any of
 * {@code entities[{type,name,pos}]}, {@code relations[{type,head{name,type,pos},tail{...}}]} and
 * {@code events[{type,trigger,pos,arguments[{role,name,pos}]}]}; optional {@code id} (default: the record's index)
 * and {@code lang}. Offsets ({@code pos}) are ignored because scoring is string-based. Types are kept as written;
 * the pipeline canonicalises them with the schema. Stateless and thread-safe.
 */
public final class KnowCoderGoldLoader {
    private KnowCoderGoldLoader() {
    }

    /**
     * Reads a gold file.
     *
     * @param defaultLang the language of records without {@code lang}
     * @throws IeDataException naming the file and line (or array index) of a malformed record or a repeated id
     */
    public static List<AnnotatedSentence> load(Path file, String defaultLang) {
        List<AnnotatedSentence> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<JsonRecords.Located> records = JsonRecords.read(file);
        for (int i = 0; i < records.size(); i++) {
            AnnotatedSentence s = sentence(records.get(i).node(), records.get(i).where(), String.valueOf(i),
                    defaultLang);
            if (!ids.add(s.id())) {
                throw new IeDataException(records.get(i).where() + ": id '" + s.id() + "' repeats");
            }
            out.add(s);
        }
        return out;
    }

    /** One record; {@code where} names it in errors. */
    static AnnotatedSentence sentence(JsonNode n, String where, String defaultId, String defaultLang) {
        if (!n.isObject()) {
            throw new IeDataException(where + ": expected an object");
        }
        String text = n.has("sentence") ? JsonRecords.text(n, "sentence", where) : JsonRecords.text(n, "text", where);
        List<EntityMention> entities = new ArrayList<>();
        for (JsonNode e : JsonRecords.array(n, "entities", where)) {
            entities.add(entity(e, where + " entities"));
        }
        List<RelationMention> relations = new ArrayList<>();
        for (JsonNode r : JsonRecords.array(n, "relations", where)) {
            String w = where + " relations";
            relations.add(new RelationMention(JsonRecords.text(r, "type", w), entity(field(r, "head", w), w + ".head"),
                    entity(field(r, "tail", w), w + ".tail")));
        }
        List<EventMention> events = new ArrayList<>();
        for (JsonNode ev : JsonRecords.array(n, "events", where)) {
            String w = where + " events";
            List<EventArgument> args = new ArrayList<>();
            for (JsonNode a : JsonRecords.array(ev, "arguments", w)) {
                args.add(new EventArgument(JsonRecords.text(a, "role", w + ".arguments"),
                        JsonRecords.text(a, "name", w + ".arguments")));
            }
            events.add(new EventMention(JsonRecords.text(ev, "type", w), JsonRecords.text(ev, "trigger", w), args));
        }
        return new AnnotatedSentence(JsonRecords.textOr(n, "id", defaultId), JsonRecords.textOr(n, "lang", defaultLang),
                text, new Annotations(entities, relations, events));
    }

    private static JsonNode field(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || !v.isObject()) {
            throw new IeDataException(where + ": missing object '" + name + "'");
        }
        return v;
    }

    private static EntityMention entity(JsonNode e, String where) {
        return new EntityMention(JsonRecords.textOr(e, "type", "Entity"), JsonRecords.text(e, "name", where));
    }
}
