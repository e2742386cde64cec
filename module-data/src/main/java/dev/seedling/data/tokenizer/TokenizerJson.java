package dev.seedling.data.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes byte-level BPE tokenizers in the Hugging Face {@code tokenizers} {@code tokenizer.json} format:
 * {@code model.type = "BPE"} with {@code vocab} and {@code merges}, {@code added_tokens} for the specials, and
 * {@code ByteLevel} pre-tokenizer and decoder.
 *
 * <p>Writing: merges as {@code "left right"} strings (read by every {@code tokenizers} version; byte-level tokens
 * never contain a space), the vocabulary with the specials, ordered by id. Reading accepts merges as strings or as
 * {@code [left, right]} pairs (tokenizers 0.20+). Anything that would change the ids and that Seedling does not
 * implement (a normalizer, {@code add_prefix_space: true}, {@code use_regex: false}, {@code ignore_merges: true},
 * dropout, subword prefixes or suffixes, another model type) is refused with a {@link TokenizerFormatException}
 * naming the file and field, rather than silently encoding differently. So are malformed entries: an id that is not
 * an integer fitting in an {@code int} (or is out of range, see {@link BpeTokenizer}), a special token listed twice
 * in {@code added_tokens}, or a vocabulary entry for a special's content with another id. {@code post_processor}
 * is ignored: it only adds special tokens or adjusts offsets, and Seedling adds specials as ids itself. Checked
 * against the real library (npm {@code tokenizers} 0.23.2): it reads files written here and gives the same ids; see
 * {@code tools/reference/hf-crosscheck}.
 */
public final class TokenizerJson {
    /** Indented output; input with a key repeated in one object (two ids for one token) is not valid JSON here. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TokenizerJson() {
    }

    /**
     * Writes {@code tokenizer} to {@code file} (UTF-8), replacing it.
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(BpeTokenizer tokenizer, Path file) {
        try {
            Files.writeString(file, toJson(tokenizer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokenizer to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The {@code tokenizer.json} text of {@code tokenizer}. */
    public static String toJson(BpeTokenizer tokenizer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : tokenizer.specialTokens()) {
            ObjectNode t = added.addObject();
            t.put("id", tokenizer.specialId(s).orElseThrow());
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        byteLevel(root.putObject("pre_tokenizer"), false);
        root.putNull("post_processor");
        byteLevel(root.putObject("decoder"), true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        Map<String, Integer> all = new HashMap<>(tokenizer.vocabulary());
        all.putAll(tokenizer.specials());
        ObjectNode vocab = model.putObject("vocab");
        all.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .forEach(e -> vocab.put(e.getKey(), e.getValue()));
        ArrayNode merges = model.putArray("merges");
        tokenizer.merges().forEach(m -> merges.add(m.toString()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise tokenizer: " + e.getMessage(), e);
        }
    }

    private static void byteLevel(ObjectNode n, boolean prefixSpace) {
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", prefixSpace); // HF's decoder ignores this flag; its default is true
        n.put("trim_offsets", true);
        n.put("use_regex", true);
    }

    /**
     * Reads a {@code tokenizer.json}.
     *
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws TokenizerFormatException naming the file and field if it is malformed or unsupported
     */
    public static BpeTokenizer read(Path file, Utf8Policy policy) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), policy);
    }

    /** Parses {@code tokenizer.json} text; {@code source} names it in error messages. */
    public static BpeTokenizer parse(String json, String source, Utf8Policy policy) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText(null))) {
            throw new TokenizerFormatException(source + ": model.type must be \"BPE\", found "
                    + model.path("type"));
        }
        requireNull(root, "normalizer", source);
        for (String f : List.of("dropout", "continuing_subword_prefix", "end_of_word_suffix")) {
            requireNull(model, f, source);
        }
        checkByteLevel(root.path("pre_tokenizer"), "pre_tokenizer", source, true);
        checkByteLevel(root.path("decoder"), "decoder", source, false);
        Map<String, Integer> specials = new LinkedHashMap<>();
        JsonNode added = root.path("added_tokens");
        if (!added.isMissingNode() && !added.isNull() && !added.isArray()) {
            throw new TokenizerFormatException(source + ": added_tokens is not an array: " + added.getNodeType());
        }
        int k = 0;
        for (JsonNode t : added) {
            String field = "added_tokens[" + k++ + "]";
            JsonNode content = t.path("content");
            if (!content.isTextual()) {
                throw new TokenizerFormatException(source + ": " + field + ".content is missing or not a string");
            }
            int id = intId(t.path("id"), field + ".id", source);
            Integer earlier = specials.putIfAbsent(content.asText(), id);
            if (earlier != null) {
                throw new TokenizerFormatException(source + ": " + field + " lists special token " + content
                        + " again (ids " + earlier + " and " + id + ")");
            }
        }
        JsonNode ignoreMerges = model.path("ignore_merges");
        if (!ignoreMerges.isMissingNode() && !ignoreMerges.isNull()
                && !(ignoreMerges.isBoolean() && !ignoreMerges.booleanValue())) {
            throw new TokenizerFormatException(source + ": field model.ignore_merges = " + ignoreMerges
                    + " is not supported");
        }
        Map<String, Integer> vocab = new HashMap<>(); // specials listed here too are checked by BpeTokenizer
        for (var e : model.path("vocab").properties()) {
            vocab.put(e.getKey(), intId(e.getValue(), "model.vocab[\"" + e.getKey() + "\"]", source));
        }
        if (vocab.isEmpty()) {
            throw new TokenizerFormatException(source + ": model.vocab is missing or empty");
        }
        List<BpeTokenizer.Merge> merges = new ArrayList<>();
        int i = 0;
        for (JsonNode m : model.path("merges")) {
            if (m.isTextual()) {
                String[] parts = m.asText().split(" ");
                if (parts.length != 2) {
                    throw new TokenizerFormatException(source + ": model.merges[" + i + "] \"" + m.asText()
                            + "\" is not \"left right\"");
                }
                merges.add(new BpeTokenizer.Merge(parts[0], parts[1]));
            } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
                merges.add(new BpeTokenizer.Merge(m.get(0).asText(), m.get(1).asText()));
            } else {
                throw new TokenizerFormatException(source + ": model.merges[" + i + "] is neither a string nor a"
                        + " pair: " + m);
            }
            i++;
        }
        try {
            return new BpeTokenizer(vocab, merges, specials, policy);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException(source + ": " + e.getMessage(), e);
        }
    }

    /** The id in {@code n}, which must be an integer that fits in an {@code int}. */
    private static int intId(JsonNode n, String field, String source) {
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new TokenizerFormatException(source + ": " + field + " must be an integer id, found "
                    + (n.isMissingNode() ? "nothing" : n.toString()));
        }
        return n.intValue();
    }

    private static void requireNull(JsonNode parent, String field, String source) {
        JsonNode n = parent.path(field);
        if (!n.isMissingNode() && !n.isNull() && !(n.isTextual() && n.asText().isEmpty())) { // GPT-2's files have ""
            throw new TokenizerFormatException(source + ": field " + field + " = " + n + " is not supported");
        }
    }

    private static void checkByteLevel(JsonNode n, String field, String source, boolean isPreTokenizer) {
        if (!"ByteLevel".equals(n.path("type").asText(null))) {
            throw new TokenizerFormatException(source + ": " + field + ".type must be \"ByteLevel\", found "
                    + n.path("type"));
        }
        if (isPreTokenizer && n.path("add_prefix_space").asBoolean(false)) {
            throw new TokenizerFormatException(source + ": " + field + ".add_prefix_space = true is not supported");
        }
        if (isPreTokenizer && !n.path("use_regex").asBoolean(true)) {
            throw new TokenizerFormatException(source + ": " + field + ".use_regex = false is not supported");
        }
    }
}
