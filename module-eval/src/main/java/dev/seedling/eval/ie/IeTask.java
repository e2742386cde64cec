package dev.seedling.eval.ie;

import java.util.Locale;

/** The four extraction tasks of KnowCoder and AlignXIE. */
public enum IeTask {
    /** Named entity recognition: typed entity spans. */
    NER,
    /** Relation extraction: typed relations between two entity spans. */
    RE,
    /** Event detection: typed trigger spans. */
    ED,
    /** Event argument extraction: the role-labelled arguments of events whose type and trigger are given. */
    EAE;

    /**
     * Parses a task name case-insensitively ({@code ner}, {@code RE}, ...).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static IeTask parse(String name) {
        for (IeTask t : values()) {
            if (t.name().equalsIgnoreCase(name.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown IE task '" + name + "'; expected one of ner, re, ed, eae");
    }

    /** The lower-case name used in file names and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
