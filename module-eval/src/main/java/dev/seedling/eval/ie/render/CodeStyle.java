package dev.seedling.eval.ie.render;

/** The two code dialects: how classes are declared, how instances are written and how the prompt reads. */
public enum CodeStyle {
    /**
     * KnowCoder: plain classes with {@code Description:}/{@code Examples:} docstrings, positional instances
     * ({@code Person("Obama")}, {@code LocatedIn(Person("x"), Location("y"))}), {@code results = [...]}.
     */
    KNOWCODER,
    /**
     * GoLLIE: {@code @dataclass} classes with guideline docstrings and commented fields, keyword instances
     * ({@code Person(span="Obama")}, {@code LocatedIn(arg1="x", arg2="y")}), {@code result = [...]}.
     */
    GOLLIE
}
