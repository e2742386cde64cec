package dev.seedling.eval.ie.score;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeTask;

import java.util.ArrayList;
import java.util.List;

/**
 * The tuples each metric compares (KnowCoder {@code metric.py}, GoLLIE {@code utils_scorer.py}). The classification
 * metric of each task ({@link #classification}) is the one papers report.
 */
public enum IeMetric {
    /** NER identification (EI): the span. */
    NER_SPAN(IeTask.NER, false),
    /** NER classification (EC): type and span. */
    NER_TYPED(IeTask.NER, true),
    /** RE identification (RI): head and tail spans. */
    RE_PAIR(IeTask.RE, false),
    /** RE classification as KnowCoder's code scores it (RC): relation type, head and tail spans. */
    RE_BOUNDARY(IeTask.RE, true),
    /** RE classification as the UIE and KnowCoder-X papers define "strict": also the head and tail entity types. */
    RE_STRICT(IeTask.RE, true),
    /** ED identification (TI): the trigger. */
    ED_TRIGGER(IeTask.ED, false),
    /** ED classification (TC): event type and trigger. */
    ED_TYPED(IeTask.ED, true),
    /** EAE identification (AI): event type and argument span. */
    EAE_ARGUMENT(IeTask.EAE, true),
    /** EAE classification (AC): event type, argument span and role. */
    EAE_ROLE(IeTask.EAE, true),
    /**
     * EAE classification as GoLLIE scores it: events match on type and trigger, and arguments count within a matched
     * event (event type, trigger, role and argument span).
     */
    EAE_ROLE_IN_EVENT(IeTask.EAE, true);

    private final IeTask task;
    private final boolean typed;

    IeMetric(IeTask task, boolean typed) {
        this.task = task;
        this.typed = typed;
    }

    /** The task whose mentions this metric reads. */
    public IeTask task() {
        return task;
    }

    /** Whether tuples carry a type, so that a per-type table is meaningful. */
    public boolean typed() {
        return typed;
    }

    /** The metrics of a task, identification first. */
    public static List<IeMetric> of(IeTask task) {
        List<IeMetric> out = new ArrayList<>();
        for (IeMetric m : values()) {
            if (m.task == task) {
                out.add(m);
            }
        }
        return out;
    }

    /** The metric papers report for a task: EC, RC (strict), TC, AC. */
    public static IeMetric classification(IeTask task) {
        return switch (task) {
            case NER -> NER_TYPED;
            case RE -> RE_STRICT;
            case ED -> ED_TYPED;
            case EAE -> EAE_ROLE;
        };
    }

    /** The tuples of one sentence's mentions, in mention order. */
    public List<MatchTuple> tuples(Annotations a) {
        List<MatchTuple> out = new ArrayList<>();
        switch (this) {
            case NER_SPAN -> a.entities().forEach(e -> out.add(new MatchTuple(e.type(), List.of(), List.of(e.span()))));
            case NER_TYPED -> a.entities().forEach(e ->
                    out.add(new MatchTuple(e.type(), List.of(e.type()), List.of(e.span()))));
            case RE_PAIR -> a.relations().forEach(r -> out.add(new MatchTuple(r.type(), List.of(),
                    List.of(r.head().span(), r.tail().span()))));
            case RE_BOUNDARY -> a.relations().forEach(r -> out.add(new MatchTuple(r.type(), List.of(r.type()),
                    List.of(r.head().span(), r.tail().span()))));
            case RE_STRICT -> a.relations().forEach(r -> out.add(new MatchTuple(r.type(),
                    List.of(r.type(), r.head().type(), r.tail().type()), List.of(r.head().span(), r.tail().span()))));
            case ED_TRIGGER -> a.events().forEach(e ->
                    out.add(new MatchTuple(e.type(), List.of(), List.of(e.trigger()))));
            case ED_TYPED -> a.events().forEach(e ->
                    out.add(new MatchTuple(e.type(), List.of(e.type()), List.of(e.trigger()))));
            case EAE_ARGUMENT, EAE_ROLE -> {
                for (EventMention e : a.events()) {
                    for (EventArgument arg : e.arguments()) {
                        out.add(this == EAE_ARGUMENT
                                ? new MatchTuple(e.type(), List.of(e.type()), List.of(arg.span()))
                                : new MatchTuple(e.type() + "." + arg.role(), List.of(e.type(), arg.role()),
                                List.of(arg.span())));
                    }
                }
            }
            case EAE_ROLE_IN_EVENT -> {
                for (EventMention e : a.events()) {
                    for (EventArgument arg : e.arguments()) {
                        out.add(new MatchTuple(e.type() + "." + arg.role(), List.of(e.type(), arg.role()),
                                List.of(e.trigger(), arg.span())));
                    }
                }
            }
        }
        return out;
    }
}
