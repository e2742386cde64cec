package dev.seedling.conformance.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Functional.CrossEntropyOptions;
import dev.seedling.tensor.Tensor;
import dev.seedling.tensor.TopK;

/**
 * The Seedling call for each op name used in the fixtures, so that a fixture case and its PyTorch function compute the
 * same thing. Adding an op to the generator means adding its line here.
 */
final class FixtureOps {
    private FixtureOps() {
    }

    /** Runs fixture op {@code op} with {@code args} on {@code in}; returns its outputs in the generator's order. */
    static Tensor[] apply(String op, JsonNode args, Tensor[] in) {
        Tensor x = in[0];
        return switch (op) {
            case "neg" -> one(x.neg());
            case "abs" -> one(x.abs());
            case "exp" -> one(x.exp());
            case "log" -> one(x.log());
            case "sqrt" -> one(x.sqrt());
            case "rsqrt" -> one(x.rsqrt());
            case "tanh" -> one(x.tanh());
            case "sigmoid" -> one(x.sigmoid());
            case "relu" -> one(x.relu());
            case "gelu" -> one(x.gelu());
            case "silu" -> one(x.silu());
            case "sin" -> one(x.sin());
            case "cos" -> one(x.cos());
            case "square" -> one(x.square());
            case "clamp" -> one(x.clamp(f(args, "min"), f(args, "max")));
            case "powScalar" -> one(x.pow(f(args, "exponent")));
            case "addScalar" -> one(x.add(f(args, "value")));
            case "subScalar" -> one(x.sub(f(args, "value")));
            case "mulScalar" -> one(x.mul(f(args, "value")));
            case "divScalar" -> one(x.div(f(args, "value")));
            case "add" -> one(x.add(in[1]));
            case "sub" -> one(x.sub(in[1]));
            case "mul" -> one(x.mul(in[1]));
            case "div" -> one(x.div(in[1]));
            case "pow" -> one(x.pow(in[1]));
            case "maximum" -> one(x.maximum(in[1]));
            case "minimum" -> one(x.minimum(in[1]));
            case "eq" -> one(x.eq(in[1]));
            case "ne" -> one(x.ne(in[1]));
            case "lt" -> one(x.lt(in[1]));
            case "le" -> one(x.le(in[1]));
            case "gt" -> one(x.gt(in[1]));
            case "ge" -> one(x.ge(in[1]));
            case "where" -> one(Tensor.where(x, in[1], in[2]));
            case "maskedFill" -> one(x.maskedFill(in[1], f(args, "value")));

            case "sum" -> one(x.sum(ints(args, "dims"), bool(args, "keepDim")));
            case "mean" -> one(x.mean(ints(args, "dims"), bool(args, "keepDim")));
            case "sumAll" -> one(x.sum());
            case "meanAll" -> one(x.mean());
            case "max" -> one(x.max(i(args, "dim"), bool(args, "keepDim")));
            case "min" -> one(x.min(i(args, "dim"), bool(args, "keepDim")));
            case "argmax" -> one(x.argmax(i(args, "dim"), bool(args, "keepDim")));
            case "argmin" -> one(x.argmin(i(args, "dim"), bool(args, "keepDim")));
            case "maxAll" -> one(x.max());
            case "var" -> one(x.var(i(args, "dim"), i(args, "correction"), bool(args, "keepDim")));
            case "cumsum" -> one(x.cumsum(i(args, "dim")));

            case "matmul" -> one(x.matmul(in[1]));
            case "matmulRhsTransposed" -> one(x.matmul(in[1].mT()));
            case "matmulLhsTransposed" -> one(x.mT().matmul(in[1]));
            case "matmulBothTransposed" -> one(x.mT().matmul(in[1].mT()));

            case "softmax" -> one(x.softmax(i(args, "dim")));
            case "logSoftmax" -> one(x.logSoftmax(i(args, "dim")));
            case "crossEntropy" -> one(Functional.crossEntropy(x, in[1], new CrossEntropyOptions(
                    args.get("ignoreIndex").asLong(), f(args, "labelSmoothing"),
                    Functional.Reduction.valueOf(args.get("reduction").asText()))));
            case "swiglu" -> one(Functional.swiglu(x, in[1]));
            case "rope" -> one(Functional.rope(x, in[1], in[2], i(args, "offset")));
            case "causalAttention" -> one(Functional.causalAttention(x, in[1], in[2], f(args, "scale")));
            case "rmsNorm" -> one(Functional.rmsNorm(x, in.length > 1 ? in[1] : null, f(args, "eps")));
            case "layerNorm" -> one(Functional.layerNorm(x, in.length > 1 ? in[1] : null, in.length > 2 ? in[2] : null,
                    f(args, "eps")));

            case "embedding" -> one(x.embedding(in[1]));
            case "indexSelect" -> one(x.indexSelect(i(args, "dim"), in[1]));
            case "gather" -> one(x.gather(i(args, "dim"), in[1]));
            case "scatterAdd" -> one(x.scatterAdd(i(args, "dim"), in[1], in[2]));
            case "indexAdd" -> one(x.indexAdd(i(args, "dim"), in[1], in[2]));
            case "topk" -> {
                TopK t = x.topk(i(args, "k"), i(args, "dim"), bool(args, "largest"));
                yield new Tensor[]{t.values(), t.indices()};
            }
            case "oneHot" -> one(x.oneHot(i(args, "numClasses")));
            case "tril" -> one(x.tril(i(args, "k")));
            case "triu" -> one(x.triu(i(args, "k")));

            case "cat" -> one(Tensor.cat(i(args, "dim"), in));
            case "stack" -> one(Tensor.stack(i(args, "dim"), in));
            case "split" -> x.split(i(args, "size"), i(args, "dim")).toArray(new Tensor[0]);
            case "chunk" -> x.chunk(i(args, "chunks"), i(args, "dim")).toArray(new Tensor[0]);

            case "reshape" -> one(x.reshape(ints(args, "shape")));
            case "permute" -> one(x.permute(ints(args, "order")));
            case "transpose" -> one(x.transpose(i(args, "dim0"), i(args, "dim1")));
            case "narrow" -> one(x.narrow(i(args, "dim"), i(args, "start"), i(args, "length")));
            case "select" -> one(x.select(i(args, "dim"), i(args, "index")));
            case "expand" -> one(x.expand(ints(args, "shape")));
            case "squeeze" -> one(x.squeeze(i(args, "dim")));
            case "unsqueeze" -> one(x.unsqueeze(i(args, "dim")));
            case "transposeReshape" -> one(x.transpose(0, 1).reshape(3, 8));
            default -> throw new IllegalArgumentException("fixture op '" + op + "' has no Seedling call in FixtureOps");
        };
    }

    private static Tensor[] one(Tensor t) {
        return new Tensor[]{t};
    }

    private static float f(JsonNode args, String key) {
        return (float) args.get(key).asDouble();
    }

    private static int i(JsonNode args, String key) {
        return args.get(key).asInt();
    }

    private static boolean bool(JsonNode args, String key) {
        return args.get(key).asBoolean();
    }

    private static int[] ints(JsonNode args, String key) {
        JsonNode a = args.get(key);
        int[] v = new int[a.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.get(k).asInt();
        }
        return v;
    }
}
