package dev.seedling.tensor;

import java.util.ArrayList;
import java.util.List;

/** Concatenation, stacking and splitting. Splits are views; cat writes each input into a slice of the result. */
final class Joining {
    private Joining() {
    }

    static Tensor cat(int dim, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        int d = first.shape().normalize(dim);
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Checks.sameBackend("cat", first, t);
            if (t.dtype() != first.dtype()) {
                throw new DTypeMismatchException("cat", "tensor " + i, first.dtype().toString(), t.dtype());
            }
            if (t.rank() != first.rank() || !t.shape().with(d, first.size(d)).equals(first.shape())) {
                throw new ShapeMismatchException("cat: tensor " + i + " has shape " + t.shape()
                        + " but tensor 0 has " + first.shape() + " (they may differ only in dimension " + d + ")");
            }
            total += t.size(d);
        }
        Shape outShape = first.shape().with(d, total);
        Tensor y = Tensor.fresh(first.backend().allocate(first.dtype(), outShape.numel()), outShape);
        int at = 0;
        for (Tensor t : tensors) {
            int len = t.size(d);
            Tensor slot = new Tensor(y.storage(), at * y.strides()[d], t.shape(), y.strides());
            Views.copyInto(slot, t.detach());
            at += len;
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("cat", y, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            int start = 0;
            for (int i = 0; i < inputs.length; i++) {
                int len = inputs[i].size(d);
                grads[i] = g.narrow(d, start, len).contiguous();
                start += len;
            }
            return grads;
        }, inputs);
    }

    static Tensor stack(int dim, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int r = tensors.get(0).rank() + 1;
        int d = dim < 0 ? dim + r : dim;
        List<Tensor> expanded = new ArrayList<>(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!t.shape().equals(tensors.get(0).shape())) {
                throw new ShapeMismatchException("stack: tensor " + i + " has shape " + t.shape()
                        + " but tensor 0 has " + tensors.get(0).shape());
            }
            expanded.add(t.unsqueeze(d));
        }
        return cat(d, expanded);
    }

    static List<Tensor> split(Tensor x, int size, int dim) {
        if (size <= 0) {
            throw new IllegalArgumentException("split: size must be positive but is " + size);
        }
        int d = x.shape().normalize(dim);
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < x.size(d); start += size) {
            parts.add(x.narrow(d, start, Math.min(size, x.size(d) - start)));
        }
        return parts;
    }

    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: chunks must be positive but is " + chunks);
        }
        int n = x.size(dim);
        return split(x, Math.max(1, (n + chunks - 1) / chunks), dim);
    }
}
