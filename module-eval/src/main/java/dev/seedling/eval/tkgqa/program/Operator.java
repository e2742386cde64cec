package dev.seedling.eval.tkgqa.program;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.seedling.eval.tkgqa.program.Signature.ENTITY_LIKE;
import static dev.seedling.eval.tkgqa.program.Signature.FACTS;
import static dev.seedling.eval.tkgqa.program.Signature.TIME_LIKE;

/**
 * The functions a program may call: the KoPL base set Prog-TQA uses plus its temporal operators (the First/Last
 * operators in their Time and Event forms). Each lists its accepted {@link Signature}s and its result type; a null
 * result type means "the type of the first dependency". Semantics live in {@code dev.seedling.eval.tkgqa.exec}.
 */
public enum Operator {
    FIND("Find", ValueType.ENTITIES, "the entity named by the text", sig(1, 1)),
    RELATE("Relate", ValueType.FACTS, "facts of relation <i>1 from the entities, <i>2 forward (entity is subject) or"
            + " backward (entity is object); focus moves to the other end", sig(1, 2, ENTITY_LIKE)),
    FILTER_ENTITY("FilterEntity", null, "keeps the entities, or facts whose focus, is the named entity",
            sig(1, 1, ENTITY_LIKE)),
    AND("And", ValueType.ENTITIES, "entities in both", sig(0, 0, ENTITY_LIKE, ENTITY_LIKE)),
    OR("Or", ValueType.ENTITIES, "entities in either", sig(0, 0, ENTITY_LIKE, ENTITY_LIKE)),
    WHAT("What", ValueType.ENTITIES, "the focus entities of the facts", sig(0, 0, ENTITY_LIKE)),
    QUERY_RELATION_QUALIFIER("QueryRelationQualifier", ValueType.TIMES, "the time of each fact; <i> may ask for"
            + " 'start time' or 'end time' of an interval", sig(0, 1, FACTS)),
    QUERY_EVENT_QUALIFIER("QueryEventQualifier", ValueType.TIMES, "the span of each fact", sig(0, 0, FACTS)),
    FILTER_BEFORE("FilterBefore", ValueType.FACTS, "facts before the time (<i> or <d>)",
            sig(1, 1, FACTS), sig(0, 0, FACTS, TIME_LIKE)),
    FILTER_AFTER("FilterAfter", ValueType.FACTS, "facts after the time (<i> or <d>)",
            sig(1, 1, FACTS), sig(0, 0, FACTS, TIME_LIKE)),
    FILTER_FIRST_TIME("FilterFirstTime", ValueType.TIMES, "the earliest time", sig(0, 0, TIME_LIKE)),
    FILTER_LAST_TIME("FilterLastTime", ValueType.TIMES, "the latest time", sig(0, 0, TIME_LIKE)),
    FILTER_FIRST_EVENT("FilterFirstEvent", ValueType.FACTS, "the earliest facts", sig(0, 0, FACTS)),
    FILTER_LAST_EVENT("FilterLastEvent", ValueType.FACTS, "the latest facts", sig(0, 0, FACTS)),
    GET_YEAR("GetYear", ValueType.TIMES, "the times as years", sig(0, 0, TIME_LIKE)),
    GET_MONTH("GetMonth", ValueType.TIMES, "the times as months", sig(0, 0, TIME_LIKE)),
    GET_DATE("GetDate", ValueType.TIMES, "the times as days", sig(0, 0, TIME_LIKE)),
    FILTER_RANGE("FilterRange", ValueType.FACTS, "facts within the range <i>from [<i>to], or a <d> time",
            sig(1, 2, FACTS), sig(0, 0, FACTS, TIME_LIKE)),
    FILTER_BY_TIME_POINT("FilterByTimePoint", ValueType.FACTS, "point facts at the time (<i> or <d>)",
            sig(1, 1, FACTS), sig(0, 0, FACTS, TIME_LIKE)),
    FILTER_BY_DURATION("FilterByDuration", ValueType.FACTS, "interval facts holding during the time (<i> or <d>)",
            sig(1, 1, FACTS), sig(0, 0, FACTS, TIME_LIKE)),
    GET_DURATION("GetDuration", ValueType.NUMBERS, "the length of each time", sig(0, 0, TIME_LIKE));

    private static final Map<String, Operator> BY_NAME = new HashMap<>();

    static {
        for (Operator o : values()) {
            BY_NAME.put(o.koplName.toLowerCase(Locale.ROOT), o);
        }
    }

    private final String koplName;
    private final ValueType result;
    private final String summary;
    private final List<Signature> signatures;

    Operator(String koplName, ValueType result, String summary, Signature... signatures) {
        this.koplName = koplName;
        this.result = result;
        this.summary = summary;
        this.signatures = List.of(signatures);
    }

    @SafeVarargs
    private static Signature sig(int minTexts, int maxTexts, Set<ValueType>... deps) {
        List<Set<ValueType>> list = new java.util.ArrayList<>();
        for (Set<ValueType> d : deps) {
            list.add(d);
        }
        return new Signature(minTexts, maxTexts, list);
    }

    /** The operator called {@code name} in a program (case-insensitive), if there is one. */
    public static Optional<Operator> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The name programs use, e.g. {@code FilterFirstEvent}. */
    public String koplName() {
        return koplName;
    }

    /** A one-line description for the draft prompt. */
    public String summary() {
        return summary;
    }

    /** The accepted argument forms. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** The result type given the first dependency's type (ignored unless the result follows the input). */
    public ValueType resultType(ValueType firstDependency) {
        return result != null ? result : firstDependency;
    }
}
