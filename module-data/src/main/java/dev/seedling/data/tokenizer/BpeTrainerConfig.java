package dev.seedling.data.tokenizer;

import java.util.List;

/**
 * Settings of {@link BpeTrainer}.
 *
 * @param vocabSize the vocabulary size to stop at: 256 byte tokens + specials + merges; at least 256 + specials
 * @param specialTokens special token contents, distinct and none spelled like a single byte token (byte-level
 *                      alphabet); they get ids 256, 257, ... in this order
 * @param minFrequency a pair seen fewer times than this is never merged (training then stops early); at least 1
 * @param utf8Policy the policy of the trained tokenizer
 */
public record BpeTrainerConfig(int vocabSize, List<String> specialTokens, int minFrequency, Utf8Policy utf8Policy) {
    /** Validates the fields. */
    public BpeTrainerConfig {
        specialTokens = List.copyOf(specialTokens);
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is below 256 bytes + "
                    + specialTokens.size() + " special tokens");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
        }
        if (specialTokens.stream().distinct().count() != specialTokens.size()) {
            throw new IllegalArgumentException("special tokens must be distinct: " + specialTokens);
        }
        for (String s : specialTokens) {
            if (s.length() == 1 && ByteLevelAlphabet.byteOf(s.charAt(0)) >= 0) {
                throw new IllegalArgumentException("special token '" + s + "' is spelled like the token of byte 0x"
                        + java.util.HexFormat.of().toHexDigits((byte) ByteLevelAlphabet.byteOf(s.charAt(0))));
            }
        }
    }

    /** {@code vocabSize} with {@code <|endoftext|>} as the only special, min frequency 2, lenient UTF-8. */
    public static BpeTrainerConfig of(int vocabSize) {
        return new BpeTrainerConfig(vocabSize, List.of("<|endoftext|>"), 2, Utf8Policy.LENIENT);
    }
}
