package dev.seedling.eval.ie.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.EntityMention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds parallel NER records with LLMs, following AlignXIE's ParallelNER recipe: (1) translate the sentence and its
 * spans jointly; (2) ask for a rewrite of each target span that is not a substring of the translation; (3) if spans
 * are still missing, ask for a rewrite of the translation that contains them all; (4) repeat with a stronger model;
 * then give the sentence to a human ({@link ParallelOutcome.NeedsHuman}). A built record always satisfies the
 * invariant that every target span is a substring of the target sentence; target entities keep the source types and
 * order. Models answer in JSON; a reply that is not the expected JSON fails that step. Thread-safe if the models are.
 */
public final class ParallelDataBuilder {
    private final ChatModel model;
    private final ChatModel strongModel;

    /**
     * A builder with a first model and an optional stronger one.
     *
     * @param model       tried first (GPT-4o-mini in the paper)
     * @param strongModel tried when {@code model} fails (GPT-4o in the paper), or null for none
     */
    public ParallelDataBuilder(ChatModel model, ChatModel strongModel) {
        this.model = Objects.requireNonNull(model, "model");
        this.strongModel = strongModel;
    }

    /** Translates one NER sentence into {@code tgtLang}; {@code source} names the originating corpus. */
    public ParallelOutcome build(AnnotatedSentence sentence, String tgtLang, String source) {
        List<String> reasons = new ArrayList<>();
        ParallelRecord last = null;
        List<ChatModel> models = strongModel == null ? List.of(model) : List.of(model, strongModel);
        for (ChatModel m : models) {
            List<String> steps = new ArrayList<>();
            try {
                Optional<ParallelRecord> r = translate(m, sentence, tgtLang, source, steps, reasons);
                if (r.isEmpty()) {
                    continue;
                }
                last = r.get();
                if (!last.aligned()) {
                    last = rewriteSpans(m, last, steps);
                }
                if (!last.aligned()) {
                    last = rewriteSentence(m, last, steps);
                }
                if (last.aligned()) {
                    return new ParallelOutcome.Built(last, steps, m == strongModel);
                }
                reasons.add(m.name() + ": spans still not in the translation: " + last.unalignedTargetEntities());
            } catch (ChatModelException e) {
                reasons.add(m.name() + ": " + e.getMessage());
            }
        }
        return new ParallelOutcome.NeedsHuman(sentence.id(), reasons, last);
    }

    /** {@link #build} for each sentence, in order; callers split the outcomes into data and a human queue. */
    public List<ParallelOutcome> buildAll(List<AnnotatedSentence> sentences, String tgtLang, String source) {
        return sentences.stream().map(s -> build(s, tgtLang, source)).toList();
    }

    private Optional<ParallelRecord> translate(ChatModel m, AnnotatedSentence s, String tgtLang, String source,
                                               List<String> steps, List<String> reasons) {
        ObjectNode task = JsonRecords.JSON.createObjectNode();
        task.put("sentence", s.text());
        ArrayNode ents = task.putArray("entities");
        s.annotations().entities().forEach(e -> ents.addObject().put("name", e.span()).put("type", e.type()));
        String prompt = "Translate the sentence from " + s.lang() + " into " + tgtLang + ", and translate each entity"
                + " so that its translation appears verbatim in the translated sentence. Keep the entities in order."
                + " Answer with JSON only: {\"translation\": \"...\", \"entities\": [{\"name\": \"...\"}, ...]}.\n"
                + task;
        steps.add(m.name() + ":translate");
        JsonNode reply = reply(m, prompt).orElse(null);
        JsonNode names = reply == null ? null : reply.get("entities");
        if (reply == null || !reply.path("translation").isTextual() || names == null || !names.isArray()
                || names.size() != s.annotations().entities().size()) {
            reasons.add(m.name() + ": the translation reply is not the expected JSON with "
                    + s.annotations().entities().size() + " entities");
            return Optional.empty();
        }
        List<EntityMention> tgt = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JsonNode n = names.get(i);
            String name = n.isTextual() ? n.asText() : n.path("name").asText("");
            tgt.add(new EntityMention(s.annotations().entities().get(i).type(), name));
        }
        return Optional.of(new ParallelRecord(s.id(), source, s.lang(), tgtLang, s.text(),
                reply.get("translation").asText(), s.annotations().entities(), tgt));
    }

    private ParallelRecord rewriteSpans(ChatModel m, ParallelRecord r, List<String> steps) {
        steps.add(m.name() + ":rewrite-spans");
        List<EntityMention> tgt = new ArrayList<>(r.tgtEntities());
        for (int i = 0; i < tgt.size(); i++) {
            EntityMention e = tgt.get(i);
            if (!e.span().isEmpty() && r.tgtSentence().contains(e.span())) {
                continue;
            }
            String prompt = "The entity \"" + r.srcEntities().get(i).span() + "\" (" + e.type() + ") was translated"
                    + " as \"" + e.span() + "\", which does not appear in the translated sentence below. Give the"
                    + " span of the translated sentence that denotes this entity, copied verbatim. Answer with JSON"
                    + " only: {\"name\": \"...\"}.\nTranslated sentence: " + r.tgtSentence();
            Optional<JsonNode> reply = reply(m, prompt);
            if (reply.isPresent() && reply.get().path("name").isTextual()) {
                tgt.set(i, new EntityMention(e.type(), reply.get().get("name").asText()));
            }
        }
        return withTarget(r, r.tgtSentence(), tgt);
    }

    private ParallelRecord rewriteSentence(ChatModel m, ParallelRecord r, List<String> steps) {
        steps.add(m.name() + ":rewrite-sentence");
        StringBuilder spans = new StringBuilder();
        r.tgtEntities().forEach(e -> spans.append(spans.isEmpty() ? "" : ", ").append('"').append(e.span())
                .append('"'));
        String prompt = "Rewrite this translation of \"" + r.srcSentence() + "\" so that it contains each of these"
                + " spans verbatim: " + spans + ". Keep the meaning. Answer with JSON only: {\"translation\": \"...\"}."
                + "\nTranslation: " + r.tgtSentence();
        Optional<JsonNode> reply = reply(m, prompt);
        if (reply.isPresent() && reply.get().path("translation").isTextual()) {
            return withTarget(r, reply.get().get("translation").asText(), r.tgtEntities());
        }
        return r;
    }

    private static ParallelRecord withTarget(ParallelRecord r, String sentence, List<EntityMention> entities) {
        return new ParallelRecord(r.id(), r.source(), r.srcLang(), r.tgtLang(), r.srcSentence(), sentence,
                r.srcEntities(), entities);
    }

    /** The JSON object in a reply: code fences and text around the outermost braces are ignored. */
    private static Optional<JsonNode> reply(ChatModel m, String prompt) {
        String text = m.complete(ChatRequest.of(prompt)).text();
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        try {
            JsonNode n = JsonRecords.JSON.readTree(text.substring(open, close + 1));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
