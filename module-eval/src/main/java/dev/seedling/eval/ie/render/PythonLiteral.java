package dev.seedling.eval.ie.render;

/**
 * Writes Python string literals and docstring bodies. The inverse of the string rule of
 * {@link dev.seedling.eval.ie.parse.PyLiteralParser}: parsing {@code quote(s)} gives back {@code s} for every string.
 */
public final class PythonLiteral {
    private PythonLiteral() {
    }

    /**
     * A double-quoted Python literal for {@code s}: backslash, double quote and control characters are escaped,
     * every other character (CJK included) is written as itself.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Text made safe inside a triple-double-quoted docstring whose closing delimiter is on a line of its own:
     * backslashes are doubled and every {@code """} is escaped, so a guideline quoting {@code """} cannot end the
     * docstring.
     */
    public static String docstringBody(String s) {
        return s.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    }

    /**
     * As {@link #docstringBody}, for a one-line docstring {@code """text"""}: a final {@code "} is escaped too, since
     * it would merge with the closing delimiter.
     */
    public static String inlineDocstringBody(String s) {
        String t = docstringBody(s);
        return t.endsWith("\"") ? t.substring(0, t.length() - 1) + "\\\"" : t;
    }
}
