package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.Annotations;
import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.EventArgument;
import dev.seedling.eval.ie.EventMention;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.RelationMention;
import dev.seedling.eval.ie.parse.PyValue.PyArg;
import dev.seedling.eval.ie.parse.PyValue.PyCall;
import dev.seedling.eval.ie.parse.PyValue.PyList;
import dev.seedling.eval.ie.parse.PyValue.PyStr;
import dev.seedling.eval.ie.schema.ClassKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns parsed calls into typed mentions for one task, accepting both code styles:
 * <ul>
 *   <li>NER: {@code Person("Obama")}, {@code Person(name="Obama")}, {@code Person(span="Obama")}.</li>
 *   <li>RE: {@code LocatedIn(Person("x"), Location("y"))}, {@code LocatedIn(Entity("x"), Entity("y"))},
 *       {@code LocatedIn(head_entity=..., tail_entity=...)}, {@code LocatedIn(arg1="x", arg2="y")}; an argument may be
 *       a call (its name is the entity type) or a bare string (type {@code Entity}).</li>
 *   <li>ED: {@code Marriage("wife")}, {@code Marriage(trigger="wife")}, {@code Marriage(mention="wife")}; arguments
 *       are ignored.</li>
 *   <li>EAE: as ED, every other keyword is a role whose value is a list, a single value or {@code None}; elements are
 *       calls or bare strings.</li>
 * </ul>
 * Types are kept as written; {@link HallucinationFilter} resolves them. Stateless and thread-safe.
 */
public final class InstanceDecoder {
    private static final List<String> SPAN_KEYS = List.of("name", "span", "text", "mention");
    private static final List<String> HEAD_KEYS = List.of("head_entity", "head", "arg1", "subject");
    private static final List<String> TAIL_KEYS = List.of("tail_entity", "tail", "arg2", "object");
    private static final List<String> TRIGGER_KEYS = List.of("trigger", "mention");

    /** Decodes the top-level elements of a parse for {@code task}. */
    public DecodeResult decode(IeTask task, List<PyValue> items) {
        List<EntityMention> entities = new ArrayList<>();
        List<RelationMention> relations = new ArrayList<>();
        List<EventMention> events = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            int i = index;
            if (!(items.get(i) instanceof PyCall call)) {
                skipped.add("element " + i + " is not a call");
                continue;
            }
            switch (task) {
                case NER -> span(call, SPAN_KEYS, 0).ifPresentOrElse(
                        s -> entities.add(new EntityMention(call.name(), s)),
                        () -> skipped.add("element " + i + " (" + call.name() + ") has no span"));
                case RE -> {
                    Optional<EntityMention> head = argument(call, HEAD_KEYS, 0);
                    Optional<EntityMention> tail = argument(call, TAIL_KEYS, 1);
                    if (head.isPresent() && tail.isPresent()) {
                        relations.add(new RelationMention(call.name(), head.get(), tail.get()));
                    } else {
                        skipped.add("element " + i + " (" + call.name() + ") lacks a head or a tail entity");
                    }
                }
                case ED, EAE -> span(call, TRIGGER_KEYS, 0).ifPresentOrElse(
                        t -> events.add(new EventMention(call.name(), t,
                                task == IeTask.EAE ? arguments(call) : List.of())),
                        () -> skipped.add("element " + i + " (" + call.name() + ") has no trigger"));
            }
        }
        return new DecodeResult(new Annotations(entities, relations, events), skipped);
    }

    /** The span of a call: the first of the keywords present, else its positional argument at {@code index}. */
    private static Optional<String> span(PyCall call, List<String> keys, int index) {
        return pick(call, keys, index).flatMap(InstanceDecoder::text);
    }

    private static Optional<EntityMention> argument(PyCall call, List<String> keys, int index) {
        return pick(call, keys, index).flatMap(InstanceDecoder::entity);
    }

    private static Optional<PyValue> pick(PyCall call, List<String> keys, int index) {
        for (String k : keys) {
            Optional<PyValue> v = call.keyword(k);
            if (v.isPresent()) {
                return v;
            }
        }
        List<PyValue> pos = call.positional();
        return index < pos.size() ? Optional.of(pos.get(index)) : Optional.empty();
    }

    /** A bare string, or the span of a call such as {@code Entity("x")}; a one-element list is unwrapped. */
    private static Optional<String> text(PyValue v) {
        return entity(v).map(EntityMention::span);
    }

    private static Optional<EntityMention> entity(PyValue v) {
        return switch (v) {
            case PyStr s -> Optional.of(new EntityMention(ClassKind.ENTITY.baseClass(), s.value()));
            case PyCall c -> span(c, SPAN_KEYS, 0).map(s -> new EntityMention(c.name(), s));
            case PyList l when l.items().size() == 1 -> entity(l.items().get(0));
            default -> Optional.empty();
        };
    }

    private static List<EventArgument> arguments(PyCall call) {
        List<EventArgument> out = new ArrayList<>();
        Set<String> reserved = Set.copyOf(TRIGGER_KEYS);
        for (PyArg a : call.args()) {
            if (a.keyword() == null || reserved.contains(a.keyword())) {
                continue;
            }
            List<PyValue> values = a.value() instanceof PyList l ? l.items() : List.of(a.value());
            for (PyValue v : values) {
                text(v).ifPresent(s -> out.add(new EventArgument(a.keyword(), s)));
            }
        }
        return out;
    }
}
