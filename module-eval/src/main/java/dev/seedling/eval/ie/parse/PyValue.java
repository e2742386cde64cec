package dev.seedling.eval.ie.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A value of the Python-literal subset: a string, {@code None}, a list, or a call with arguments. */
public sealed interface PyValue {
    /** A string literal, escapes resolved. */
    record PyStr(String value) implements PyValue {
        public PyStr {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code None}. */
    record PyNone() implements PyValue {
    }

    /** A list literal. */
    record PyList(List<PyValue> items) implements PyValue {
        public PyList {
            items = List.copyOf(items);
        }
    }

    /**
     * One argument of a call.
     *
     * @param keyword the keyword of {@code k=v}, or null for a positional argument
     * @param value   the argument value
     */
    record PyArg(String keyword, PyValue value) {
        public PyArg {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A call {@code Name(arg, k=v, ...)}, arguments in the order written; nothing is ever invoked. */
    record PyCall(String name, List<PyArg> args) implements PyValue {
        public PyCall {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        /** The positional arguments in order. */
        public List<PyValue> positional() {
            return args.stream().filter(a -> a.keyword() == null).map(PyArg::value).toList();
        }

        /** The value of the first keyword argument with this name. */
        public Optional<PyValue> keyword(String keyword) {
            return args.stream().filter(a -> keyword.equals(a.keyword())).map(PyArg::value).findFirst();
        }
    }
}
