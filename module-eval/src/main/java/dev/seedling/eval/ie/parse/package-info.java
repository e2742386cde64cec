/**
 * Model output to mentions, without executing anything: {@link dev.seedling.eval.ie.parse.PyLiteralParser} reads the
 * Python-literal subset of a {@code results = [...]} statement into {@link dev.seedling.eval.ie.parse.PyValue}s,
 * keeping the complete elements before a truncation or an error; {@link dev.seedling.eval.ie.parse.InstanceDecoder}
 * turns calls into typed mentions (positional or keyword arguments, {@code Entity("x")} or a bare string); and
 * {@link dev.seedling.eval.ie.parse.HallucinationFilter} drops spans not in the sentence, types not in the schema and
 * repeats beyond a span's occurrences. No scripting engine, no reflection: the input only ever becomes data.
 */
package dev.seedling.eval.ie.parse;
