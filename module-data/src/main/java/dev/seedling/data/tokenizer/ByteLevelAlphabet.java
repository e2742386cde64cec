package dev.seedling.data.tokenizer;

/**
 * GPT-2's byte-to-unicode table, as used by the Hugging Face ByteLevel pre-tokenizer and decoder: each byte maps to a
 * printable character so that a token is a plain string (the space byte becomes {@code Ġ}, newline {@code Ċ}).
 * Bytes {@code !..~}, {@code ¡..¬}, {@code ®..ÿ} map to themselves; the other 68 map to U+0100 upwards in byte order.
 */
public final class ByteLevelAlphabet {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + n++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character standing for byte {@code b} (0..255, or a signed byte). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a character stands for, or -1 if {@code c} is not in the alphabet. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The alphabet string of {@code bytes}. */
    public static String toVisible(byte[] bytes) {
        char[] cs = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            cs[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(cs);
    }

    /**
     * The bytes an alphabet string stands for.
     *
     * @throws IllegalArgumentException naming the character and its index if one is outside the alphabet
     */
    public static byte[] fromVisible(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            int b = byteOf(s.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(s.charAt(i)).toUpperCase()
                        + " at index " + i + " of token '" + s + "' is not in the byte-level alphabet");
            }
            out[i] = (byte) b;
        }
        return out;
    }
}
