import dev.seedling.data.tokenizer.*;
import dev.seedling.data.text.BundledCorpus;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.*;
import java.util.*;

/**
 * Writes, into the folder given as first argument, a BPE tokenizer trained by Seedling on the bundled corpus
 * ({@code java-tokenizer.json}, 8,192 ids) and {@code cases.json}: seeded random Unicode texts and KJV passages with
 * the ids Seedling's {@code encodeWithSpecials} gives them under that tokenizer and under the tokenizer.json given as
 * second argument; 40 of the texts contain special tokens' contents.
 * Run with the source launcher; see README.md beside it.
 */
public class HfCase {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        String kjv;
        try (var in = BundledCorpus.open()) { kjv = new String(in.readAllBytes(), "UTF-8"); }
        BpeTokenizer trained = BpeTrainer.train(BpeTrainerConfig.of(8192), List.of(kjv));
        TokenizerJson.write(trained, out.resolve("java-tokenizer.json"));
        BpeTokenizer ref = TokenizerJson.read(Path.of(a[1]), Utf8Policy.LENIENT);
        List<String> texts = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(123);
        int[][] ranges = {{'a','z'},{'A','Z'},{'0','9'},{' ',' '},{' ',' '},{'!','/'},{'\'','\''},{'\t','\r'},{0xA0,0xFF},{0x370,0x3FF},{0x400,0x4FF},{0x2000,0x206F},{0x3000,0x30FF},{0x4E00,0x4FFF},{0x1F300,0x1F64F},{0x80,0x7FF}};
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rng.nextInt(80);
            for (int k = 0; k < n; k++) { int[] r = ranges[rng.nextInt(ranges.length)]; sb.appendCodePoint(r[0] + rng.nextInt(r[1] - r[0] + 1)); }
            texts.add(sb.toString());
        }
        for (int i = 0; i < 40; i++) { int s = rng.nextInt(kjv.length() - 5000); texts.add(kjv.substring(s, s + 4000)); }
        String[] specials = {"<|endoftext|>", "<|pad|>"};
        for (int i = 0; i < 40; i++) { // special tokens' contents inside text
            StringBuilder sb = new StringBuilder(texts.get(i));
            for (int k = 0; k < 3; k++) { // at a code point boundary, never inside a surrogate pair
                int at = sb.offsetByCodePoints(0, rng.nextInt(sb.codePointCount(0, sb.length()) + 1));
                sb.insert(at, specials[rng.nextInt(2)]);
            }
            texts.add(sb.toString());
        }
        List<Map<String, Object>> cases = new ArrayList<>();
        for (String t : texts) {
            cases.add(Map.of("text", t, "java", trained.encodeWithSpecials(t), "ref", ref.encodeWithSpecials(t)));
        }
        new ObjectMapper().writeValue(out.resolve("cases.json").toFile(), cases);
        System.out.println("wrote " + cases.size() + " cases");
    }
}
