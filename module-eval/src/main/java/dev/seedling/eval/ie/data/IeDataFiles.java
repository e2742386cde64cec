package dev.seedling.eval.ie.data;

import dev.seedling.eval.ie.AnnotatedSentence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads an evaluation data file of any supported format, chosen by the file: {@code .conll}, {@code .bio} and
 * {@code .txt} are CoNLL BIO; JSON or JSONL whose first record has {@code src_sentence} is parallel NER, evaluated on
 * both sides (ids {@code <id>/src} and {@code <id>/tgt}, so per-language scores compare the two); any other JSON is
 * KnowCoder gold. Stateless and thread-safe.
 */
public final class IeDataFiles {
    private IeDataFiles() {
    }

    /**
     * Reads the sentences of a data file.
     *
     * @param lang the language of records that do not name one, and of CoNLL files
     * @throws IeDataException naming file and line of a malformed record, or of a parallel record whose target span
     *                         is not a substring of its target sentence
     */
    public static List<AnnotatedSentence> load(Path file, String lang) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".conll") || name.endsWith(".bio") || name.endsWith(".txt")) {
            return ConllBioLoader.load(file, lang);
        }
        List<JsonRecords.Located> records = JsonRecords.read(file);
        if (!records.isEmpty() && records.get(0).node().has("src_sentence")) {
            List<AnnotatedSentence> out = new ArrayList<>();
            for (ParallelRecord r : ParallelNerLoader.load(file, true)) {
                out.add(r.sourceSide());
                out.add(r.targetSide());
            }
            return out;
        }
        return KnowCoderGoldLoader.load(file, lang);
    }
}
