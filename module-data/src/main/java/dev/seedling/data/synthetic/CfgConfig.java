package dev.seedling.data.synthetic;

/**
 * The shape of a random layered context-free grammar ({@link CfgGrammar#random}).
 *
 * @param terminals number of terminal symbols (token ids {@code 0..terminals-1})
 * @param levelSizes non-terminals per level, root level first; the root level must have size 1
 * @param minRules fewest rules per non-terminal
 * @param maxRules most rules per non-terminal
 * @param minRhs shortest right-hand side
 * @param maxRhs longest right-hand side
 */
public record CfgConfig(int terminals, int[] levelSizes, int minRules, int maxRules, int minRhs, int maxRhs) {
    /** Validates the fields and copies the array. */
    public CfgConfig {
        levelSizes = levelSizes.clone();
        if (terminals < 1 || levelSizes.length < 1 || levelSizes[0] != 1) {
            throw new IllegalArgumentException("need at least one terminal and a root level of size 1");
        }
        if (minRules < 1 || maxRules < minRules || minRhs < 1 || maxRhs < minRhs) {
            throw new IllegalArgumentException("rule counts and lengths must be positive ranges: rules [" + minRules
                    + ", " + maxRules + "], rhs [" + minRhs + ", " + maxRhs + "]");
        }
    }

    /**
     * The shape of the "cfg3" family of Physics of Language Models (Allen-Zhu and Li), used by the Over-Tokenized
     * paper's synthetic experiment: 3 terminals, non-terminal levels of sizes 1, 3, 3, 3, 3, 3, 2-3 rules per
     * non-terminal, right-hand sides of length 2-3, so sentences have 64 to 729 tokens. The exact variant the paper
     * used (cfg3b..f differ in level sizes) is not stated in our spec; change {@code levelSizes} to match another.
     */
    public static CfgConfig cfg3() {
        return new CfgConfig(3, new int[] {1, 3, 3, 3, 3, 3}, 2, 3, 2, 3);
    }
}
