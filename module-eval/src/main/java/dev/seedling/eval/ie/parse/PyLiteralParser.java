package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.parse.PyValue.PyArg;
import dev.seedling.eval.ie.parse.PyValue.PyCall;
import dev.seedling.eval.ie.parse.PyValue.PyList;
import dev.seedling.eval.ie.parse.PyValue.PyNone;
import dev.seedling.eval.ie.parse.PyValue.PyStr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the Python-literal subset that code-style IE models write:
 * <pre>
 * results|result = '[' value,* ']'
 * call  := Ident '(' arg,* ')'
 * arg   := (Ident '=')? value
 * value := str | call | '[' value,* ']' | None
 * </pre>
 * Strings may be single-, double- or triple-quoted, with an optional {@code r}, {@code u} or {@code b} prefix, Python
 * escapes ({@code \n}, {@code \x41}, {@code \u4eba}, {@code \N{...}}, octal, line continuation; an unknown escape
 * keeps its backslash) and implicit concatenation of adjacent literals. Line breaks are read as CPython reads source,
 * with universal newlines: CR LF and a lone CR count as LF, so after a backslash they are a line continuation (in a
 * raw string, a backslash and an LF), inside a triple-quoted string they read as LF, and they end a comment.
 * Identifiers may use letters of any script. Trailing commas and {@code #} comments are accepted. The statement is
 * the first {@code results =} or {@code result =} followed by {@code [}; without one, an output that starts with
 * {@code [} (after an optional code fence) is parsed as the list, so GoLLIE prompts ending in {@code result =}
 * work.
 *
 * <p>{@link #parse} never throws for any input (null excepted) and executes nothing: on a truncation or an error it
 * returns the top-level elements completed before it. Nesting is limited to {@value #MAX_DEPTH} levels so that
 * adversarial input cannot exhaust the stack. Stateless and thread-safe.
 */
public final class PyLiteralParser {
    /** The deepest nesting of lists and calls accepted; deeper input is {@link ParseResult.Status#MALFORMED}. */
    public static final int MAX_DEPTH = 64;

    private static final Pattern START = Pattern.compile("(?<![\\w.])results?\\s*=\\s*\\[",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** What may follow the brace of a {@code \N{...}} escape cut off by the end of the output: part of a name. */
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9 -]*");
    private static final Pattern FENCED_START = Pattern.compile("\\A\\s*(?:```[\\w-]*\\s*)?\\[",
            Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Parses the result list in a model's output.
     *
     * @return the complete elements and how the parse ended; never null, never throws for a non-null input
     */
    public ParseResult parse(String output) {
        Matcher m = START.matcher(output);
        int open;
        if (m.find()) {
            open = m.end();
        } else {
            Matcher f = FENCED_START.matcher(output);
            if (!f.find()) {
                return new ParseResult(List.of(), ParseResult.Status.NOT_FOUND, 0,
                        "no 'results = [' statement and no leading '['", 0);
            }
            open = f.end();
        }
        Cursor c = new Cursor(output, open);
        List<PyValue> items = new ArrayList<>();
        int resume = open;
        try {
            while (true) {
                c.skipBlank();
                if (c.peek() == ']') {
                    return new ParseResult(items, ParseResult.Status.COMPLETE, -1, "", c.pos);
                }
                items.add(c.value(1));
                resume = c.pos;
                c.skipBlank();
                if (c.peek() == ',') {
                    c.pos++;
                } else if (c.peek() != ']') {
                    throw c.fail("expected ',' or ']' after a list element");
                }
            }
        } catch (Failure f) {
            return new ParseResult(items, f.atEnd ? ParseResult.Status.TRUNCATED : ParseResult.Status.MALFORMED,
                    f.offset, f.getMessage(), resume);
        }
    }

    /** A parse problem; internal only, caught by {@link #parse}. */
    private static final class Failure extends RuntimeException {
        final int offset;
        final boolean atEnd;

        Failure(String message, int offset, boolean atEnd) {
            super(message, null, false, false);
            this.offset = offset;
            this.atEnd = atEnd;
        }
    }

    /** The mutable position over one input; one per parse. */
    private static final class Cursor {
        private static final int EOF = -1;
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        int peek() {
            return pos < s.length() ? s.charAt(pos) : EOF;
        }

        Failure fail(String message) {
            boolean atEnd = pos >= s.length();
            return new Failure((atEnd ? "input ends: " : "") + message + " at offset " + pos, pos, atEnd);
        }

        void skipBlank() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                        pos++;
                    }
                } else if (Character.isWhitespace(ch) || ch == '\u00a0' || ch == '\ufeff') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        PyValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new Failure("nesting deeper than " + MAX_DEPTH + " at offset " + pos, pos, false);
            }
            skipBlank();
            int ch = peek();
            if (ch == EOF) {
                throw fail("expected a value");
            }
            if (ch == '[') {
                pos++;
                return new PyList(sequence(']', depth, false).stream().map(PyArg::value).toList());
            }
            if (ch == '"' || ch == '\'') {
                return strings();
            }
            if (isIdentStart(s.codePointAt(pos))) {
                int start = pos;
                String ident = identifier();
                if (isStringPrefix(ident) && (peek() == '"' || peek() == '\'')) {
                    pos = start;
                    return strings();
                }
                int afterIdent = pos;
                skipBlank();
                if (peek() == '(') {
                    pos++;
                    return new PyCall(ident, sequence(')', depth, true));
                }
                if (ident.equals("None")) {
                    pos = afterIdent;
                    return new PyNone();
                }
                throw fail("expected '(' after '" + ident + "' (only calls, strings, lists and None are values)");
            }
            throw fail("unexpected character '" + Character.toString(s.codePointAt(pos)) + "'");
        }

        /** Elements up to {@code close}; {@code keywords} allows {@code name=value} (call arguments). */
        List<PyArg> sequence(char close, int depth, boolean keywords) {
            List<PyArg> out = new ArrayList<>();
            while (true) {
                skipBlank();
                if (peek() == close) {
                    pos++;
                    return out;
                }
                String keyword = keywords ? keyword() : null;
                out.add(new PyArg(keyword, value(depth + 1)));
                skipBlank();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw fail("expected ',' or '" + close + "'");
                }
            }
        }

        /** Consumes {@code name =} when present (not {@code ==}) and returns the name, else consumes nothing. */
        String keyword() {
            if (pos >= s.length() || !isIdentStart(s.codePointAt(pos))) {
                return null;
            }
            int start = pos;
            String ident = identifier();
            skipBlank();
            if (peek() == '=' && !(pos + 1 < s.length() && s.charAt(pos + 1) == '=')) {
                pos++;
                return ident;
            }
            pos = start;
            return null;
        }

        String identifier() {
            int start = pos;
            pos += Character.charCount(s.codePointAt(pos));
            while (pos < s.length() && isIdentPart(s.codePointAt(pos))) {
                pos += Character.charCount(s.codePointAt(pos));
            }
            return s.substring(start, pos);
        }

        /** One or more adjacent string literals, concatenated as Python does. */
        PyStr strings() {
            StringBuilder sb = new StringBuilder();
            do {
                string(sb);
                int save = pos;
                skipBlank();
                if (!startsString()) {
                    pos = save;
                    break;
                }
            } while (true);
            return new PyStr(sb.toString());
        }

        private boolean startsString() {
            int p = pos;
            while (p < s.length() && p - pos < 2 && "rRuUbB".indexOf(s.charAt(p)) >= 0) {
                p++;
            }
            return p < s.length() && (s.charAt(p) == '"' || s.charAt(p) == '\'');
        }

        private void string(StringBuilder sb) {
            boolean raw = false;
            while (peek() != '"' && peek() != '\'') {
                if (peek() == EOF) {
                    throw fail("expected a string");
                }
                raw |= peek() == 'r' || peek() == 'R';
                pos++;
            }
            char q = s.charAt(pos);
            int start = pos;
            boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
            pos += triple ? 3 : 1;
            while (true) {
                if (pos >= s.length()) {
                    throw new Failure("input ends inside the string starting at offset " + start, pos, true);
                }
                char ch = s.charAt(pos);
                if (ch == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw new Failure("input ends after a backslash at offset " + pos, pos, true);
                    }
                    int lineBreak = lineBreakAt(pos + 1);
                    if (raw && lineBreak > 0) {
                        sb.append('\\').append('\n'); // CPython reads CR LF and CR as LF
                        pos += 1 + lineBreak;
                    } else if (raw) {
                        sb.append(ch).append(s.charAt(pos + 1));
                        pos += 2;
                    } else {
                        escape(sb);
                    }
                } else if (triple ? s.startsWith(String.valueOf(q).repeat(3), pos) : ch == q) {
                    pos += triple ? 3 : 1;
                    return;
                } else if (!triple && (ch == '\n' || ch == '\r')) {
                    throw new Failure("line break inside the single-quoted string starting at offset " + start
                            + " (offset " + pos + ")", pos, false);
                } else if (ch == '\r') { // CR LF or a lone CR in a triple-quoted string: LF, as CPython reads it
                    sb.append('\n');
                    pos += lineBreakAt(pos);
                } else {
                    sb.append(ch);
                    pos++;
                }
            }
        }

        /** The length of the line break at {@code p}: 2 for CR LF, 1 for LF or a lone CR, 0 for none. */
        private int lineBreakAt(int p) {
            if (p >= s.length()) {
                return 0;
            }
            char ch = s.charAt(p);
            if (ch == '\r') {
                return p + 1 < s.length() && s.charAt(p + 1) == '\n' ? 2 : 1;
            }
            return ch == '\n' ? 1 : 0;
        }

        /** Resolves the escape at {@code pos} (a backslash), appending its value. */
        private void escape(StringBuilder sb) {
            int at = pos;
            int lineBreak = lineBreakAt(pos + 1);
            if (lineBreak > 0) { // line continuation: the backslash and the line break vanish
                pos += 1 + lineBreak;
                return;
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> sb.appendCodePoint(hex(2, at));
                case 'u' -> sb.appendCodePoint(hex(4, at));
                case 'U' -> sb.appendCodePoint(hex(8, at));
                case 'N' -> sb.appendCodePoint(named(at));
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int i = 0; i < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
                            v = v * 8 + (s.charAt(pos++) - '0');
                        }
                        sb.append((char) v);
                    } else {
                        sb.append('\\').append(e); // Python keeps unknown escapes verbatim
                    }
                }
            }
        }

        /** {@code digits} ASCII hex digits at {@code pos} as a code point; 8 digits are read in a long. */
        private int hex(int digits, int at) {
            if (pos + digits > s.length()) {
                throw new Failure("input ends inside the escape at offset " + at, s.length(), true);
            }
            long v = 0;
            for (int i = 0; i < digits; i++) {
                char ch = s.charAt(pos + i);
                int d = ch < 128 ? Character.digit(ch, 16) : -1;
                if (d < 0) {
                    throw new Failure("bad hex digit in the escape at offset " + at, pos + i, false);
                }
                v = v * 16 + d;
            }
            if (v > Character.MAX_CODE_POINT) {
                throw new Failure("escape at offset " + at + " is beyond U+10FFFF", at, false);
            }
            pos += digits;
            return (int) v;
        }

        /**
         * {@code \N{name}}. Truncated only when the input ends after {@code \N} or inside the braces (the rest could
         * still be a name); otherwise a missing brace is malformed.
         */
        private int named(int at) {
            if (peek() == EOF) {
                throw new Failure("input ends inside the escape at offset " + at, pos, true);
            }
            if (peek() != '{') {
                throw new Failure("malformed \\N{...} escape at offset " + at + ": expected '{'", pos, false);
            }
            int close = s.indexOf('}', pos);
            if (close < 0) {
                boolean atEnd = NAME_PREFIX.matcher(s).region(pos + 1, s.length()).matches();
                throw atEnd ? new Failure("input ends inside the escape at offset " + at, s.length(), true)
                        : new Failure("malformed \\N{...} escape at offset " + at + ": no closing '}'", pos, false);
            }
            try {
                int cp = Character.codePointOf(s.substring(pos + 1, close));
                pos = close + 1;
                return cp;
            } catch (IllegalArgumentException e) {
                throw new Failure("unknown character name in the escape at offset " + at, at, false);
            }
        }

        private static boolean isStringPrefix(String ident) {
            return ident.length() <= 2 && ident.chars().allMatch(ch -> "rRuUbB".indexOf(ch) >= 0);
        }

        private static boolean isIdentStart(int cp) {
            return cp == '_' || Character.isLetter(cp);
        }

        /** Python's XID_Continue, approximately: letters, digits, combining marks (Devanagari vowel signs), '_'. */
        private static boolean isIdentPart(int cp) {
            int type = Character.getType(cp);
            return cp == '_' || Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.CONNECTOR_PUNCTUATION;
        }
    }
}
