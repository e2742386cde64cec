package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;
import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads CoNLL-style tagged files: one token per line, columns separated by whitespace, the token first and its tag
 * last; a blank line ends a sentence; {@code -DOCSTART-} lines are skipped. Tags are BIO (IOB2), with IOB1's
 * {@code I-} after {@code O} or after another type read as a beginning, and BIOES's {@code S-}/{@code E-} accepted.
 * A sentence is its tokens joined with the joiner (a space, or nothing for character-tagged Chinese and Japanese),
 * and a span is its tokens joined the same way, so every span is a substring of its sentence. Ids are the sentence
 * index. Stateless and thread-safe.
 */
public final class ConllBioLoader {
    private static final Set<String> NO_SPACE_LANGS = Set.of("zh", "ja", "th");

    private ConllBioLoader() {
    }

    /** The joiner for a language: empty for zh, ja and th, else a space. */
    public static String joinerFor(String lang) {
        return NO_SPACE_LANGS.contains(lang.split("[-_]")[0]) ? "" : " ";
    }

    /**
     * Reads a tagged file with the language's joiner.
     *
     * @throws IeDataException naming file and line for a line without a tag or a tag outside O/B-/I-/E-/S-
     */
    public static List<AnnotatedSentence> load(Path file, String lang) {
        return load(file, lang, joinerFor(lang));
    }

    /** Reads a tagged file, joining tokens with {@code joiner}. */
    public static List<AnnotatedSentence> load(Path file, String lang, String joiner) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<AnnotatedSentence> out = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        int firstLine = 1;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i).strip() : "";
            if (line.startsWith("-DOCSTART-")) {
                continue;
            }
            if (line.isEmpty()) {
                if (!tokens.isEmpty()) {
                    out.add(sentence(String.valueOf(out.size()), lang, joiner, tokens, tags, file, firstLine));
                    tokens.clear();
                    tags.clear();
                }
                firstLine = i + 2;
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 2) {
                throw new IeDataException(file + ":" + (i + 1) + ": expected a token and a tag but found '" + line
                        + "'");
            }
            tokens.add(cols[0]);
            tags.add(cols[cols.length - 1]);
        }
        return out;
    }

    private static AnnotatedSentence sentence(String id, String lang, String joiner, List<String> tokens,
                                              List<String> tags, Path file, int firstLine) {
        List<EntityMention> entities = new ArrayList<>();
        int start = -1;
        String type = null;
        for (int t = 0; t <= tokens.size(); t++) {
            String tag = t < tags.size() ? tags.get(t) : "O";
            if (!tag.equals("O") && (tag.length() < 3 || tag.charAt(1) != '-' || "BIES".indexOf(tag.charAt(0)) < 0)) {
                throw new IeDataException(file + ":" + (firstLine + t) + ": tag '" + tag
                        + "' is not O, B-X, I-X, E-X or S-X");
            }
            char prefix = tag.charAt(0);
            String tagType = tag.equals("O") ? null : tag.substring(2);
            boolean continues = type != null && tagType != null && tagType.equals(type)
                    && (prefix == 'I' || prefix == 'E');
            if (!continues && type != null) {
                entities.add(new EntityMention(type, String.join(joiner, tokens.subList(start, t))));
                type = null;
            }
            if (tagType != null && !continues) {
                start = t;
                type = tagType;
            }
            if (type != null && (prefix == 'E' || prefix == 'S')) {
                entities.add(new EntityMention(type, String.join(joiner, tokens.subList(start, t + 1))));
                type = null;
            }
        }
        return new AnnotatedSentence(id, lang, String.join(joiner, tokens), Annotations.ofEntities(entities));
    }
}
