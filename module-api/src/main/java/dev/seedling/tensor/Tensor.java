package dev.seedling.tensor;

import dev.seedling.Seedling;
import dev.seedling.backend.Backend;
import dev.seedling.backend.Storage;
import dev.seedling.backend.Strided;

import java.util.List;

/**
 * An n-dimensional array on one backend, with reverse-mode autograd.
 *
 * <p>A tensor is a view (offset, shape, strides) over a {@link Storage}; view ops ({@link #reshape}, {@link #permute},
 * {@link #narrow}, {@link #expand}, {@link #squeeze}, {@link #unsqueeze}) share the storage and copy nothing. Every
 * other op allocates a new contiguous result. Arithmetic is F32; I32/I64 tensors hold indices.
 *
 * <p>Autograd: a leaf marked {@link #requiresGrad(boolean) requiresGrad(true)} makes every op that consumes it record
 * a backward node; {@link #backward()} walks them in reverse and accumulates into the leaves' {@link #grad()}.
 * Recording is off inside {@link dev.seedling.autograd.GradMode#noGrad()}. The graph is freed after backward.
 *
 * <p>Errors: a shape mismatch throws {@link ShapeMismatchException} naming the op and the shapes; a wrong dtype throws
 * {@link DTypeMismatchException}; an out-of-range index throws {@link IndexOutOfBoundsException}; tensors on different
 * backends in one op throw {@link IllegalArgumentException} naming both.
 *
 * <p>Thread safety: tensors are immutable except for {@code grad}, {@code requiresGrad} and the explicit
 * {@code *InPlace} methods; share them between threads read-only. Ownership: storages are freed when unreachable, or
 * at once by {@link #close()} / a {@link TensorScope}.
 */
public final class Tensor implements AutoCloseable {
    private final Storage storage;
    private final int offset;
    private final Shape shape;
    private final int[] strides;

    private boolean requiresGrad;
    private boolean sparseGrad;
    private Tensor grad;
    private RowSparseGrad rowGrad;
    GradNode gradFn;

    Tensor(Storage storage, int offset, Shape shape, int[] strides) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A contiguous tensor over a freshly allocated storage; registers the storage with the current scope. */
    static Tensor fresh(Storage storage, Shape shape) {
        TensorScope.register(storage);
        return new Tensor(storage, 0, shape, shape.contiguousStrides());
    }

    // ---- creation ----------------------------------------------------------------------------------------------

    /** A tensor holding a copy of {@code data}, on the current backend. */
    public static Tensor of(float[] data, int... shape) {
        return Creation.of(Seedling.backend(), data, checkedShape("of", data.length, shape));
    }

    /** A 2-D F32 tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return Creation.of(rows);
    }

    /** An I32 tensor holding a copy of {@code data}. */
    public static Tensor ofInts(int[] data, int... shape) {
        return fresh(Seedling.backend().upload(data.clone()), checkedShape("ofInts", data.length, shape));
    }

    /** An I64 tensor holding a copy of {@code data}. */
    public static Tensor ofLongs(long[] data, int... shape) {
        return fresh(Seedling.backend().upload(data.clone()), checkedShape("ofLongs", data.length, shape));
    }

    /** A rank-0 F32 tensor. */
    public static Tensor scalar(float value) {
        return fresh(Seedling.backend().upload(new float[]{value}), Shape.scalar());
    }

    /** F32 zeros. */
    public static Tensor zeros(int... shape) {
        return zeros(DType.F32, shape);
    }

    /** Zeros of the given dtype. */
    public static Tensor zeros(DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        return fresh(Seedling.backend().allocate(dtype, s.numel()), s);
    }

    /** F32 ones. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** An F32 tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        return Creation.full(Seedling.backend(), DType.F32, value, Shape.of(shape));
    }

    /** {@code [0, 1, ..., end-1]} as I64, like {@code torch.arange(end)}. */
    public static Tensor arange(int end) {
        return Creation.arangeLong(Seedling.backend(), 0, end);
    }

    /** F32 values from {@code start} (inclusive) to {@code end} (exclusive) by {@code step}. */
    public static Tensor arange(double start, double end, double step) {
        return Creation.arange(Seedling.backend(), start, end, step);
    }

    /** The {@code n×n} identity (F32). */
    public static Tensor eye(int n) {
        return Creation.eye(Seedling.backend(), n);
    }

    /** Uniform samples in {@code [0, 1)}. */
    public static Tensor rand(Generator gen, int... shape) {
        return Creation.rand(Seedling.backend(), gen, Shape.of(shape));
    }

    /** Standard normal samples. */
    public static Tensor randn(Generator gen, int... shape) {
        return normal(0, 1, gen, shape);
    }

    /** Normal samples with the given mean and standard deviation. */
    public static Tensor normal(double mean, double std, Generator gen, int... shape) {
        return Creation.normal(Seedling.backend(), mean, std, gen, Shape.of(shape));
    }

    /**
     * Normal samples redrawn until they fall in {@code [a, b]} (absolute bounds, as {@code torch.nn.init.trunc_normal_});
     * for ±3σ pass {@code a = mean - 3*std, b = mean + 3*std}.
     */
    public static Tensor truncatedNormal(double mean, double std, double a, double b, Generator gen, int... shape) {
        return Creation.truncatedNormal(Seedling.backend(), mean, std, a, b, gen, Shape.of(shape));
    }

    /** The lower-triangular 0/1 mask of shape {@code rows×cols} keeping entries with {@code j - i <= diagonal}. */
    public static Tensor trilMask(int rows, int cols, int diagonal) {
        return Creation.triangular(Seedling.backend(), rows, cols, diagonal, true);
    }

    /** The upper-triangular 0/1 mask keeping entries with {@code j - i >= diagonal}. */
    public static Tensor triuMask(int rows, int cols, int diagonal) {
        return Creation.triangular(Seedling.backend(), rows, cols, diagonal, false);
    }

    private static Shape checkedShape(String op, int length, int[] shape) {
        Shape s = shape.length == 0 && length != 1 ? Shape.of(length) : Shape.of(shape);
        if (s.numel() != length) {
            throw new ShapeMismatchException(op + ": " + length + " values do not fill shape " + s + " ("
                    + s.numel() + " elements)");
        }
        return s;
    }

    // ---- properties --------------------------------------------------------------------------------------------

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The sizes as a fresh array. */
    public int[] dims() {
        return shape.toArray();
    }

    /** Size of one dimension (negative counts from the end). */
    public int size(int dim) {
        return shape.size(dim);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** Element type. */
    public DType dtype() {
        return storage.dtype();
    }

    /** The backend that holds the data. */
    public Backend backend() {
        return storage.backend();
    }

    /** Whether the elements are laid out row-major without gaps (views may not be). */
    public boolean isContiguous() {
        return strided().isContiguous(shape.toArray());
    }

    Storage storage() {
        if (storage.isReleased()) {
            throw new IllegalStateException("tensor " + shape + " " + dtype() + " on " + backend().name()
                    + ": its storage was released (closed TensorScope or close())");
        }
        return storage;
    }

    /** Whether the storage was released; unlike {@link #storage()} this does not throw (for printing). */
    boolean isReleased() {
        return storage.isReleased();
    }

    int offset() {
        return offset;
    }

    int[] strides() {
        return strides;
    }

    Strided strided() {
        return new Strided(storage, offset, strides);
    }

    // ---- host transfer -----------------------------------------------------------------------------------------

    /** The elements in row-major order as floats (integers are converted). */
    public float[] toFloatArray() {
        Tensor c = contiguous();
        if (c.dtype() == DType.F32) {
            return c.backend().readFloats(c.storage(), c.offset, c.numel());
        }
        long[] l = c.backend().readLongs(c.storage(), c.offset, c.numel());
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }

    /** The elements in row-major order as longs; F32 values are truncated toward zero. */
    public long[] toLongArray() {
        Tensor c = contiguous();
        if (c.dtype() != DType.F32) {
            return c.backend().readLongs(c.storage(), c.offset, c.numel());
        }
        float[] f = c.backend().readFloats(c.storage(), c.offset, c.numel());
        long[] l = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            l[i] = (long) f[i];
        }
        return l;
    }

    /**
     * The single value of a one-element tensor.
     *
     * @throws IllegalStateException if the tensor has more or fewer than one element
     */
    public float item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + numel()
                    + " elements; item() needs exactly one");
        }
        return toFloatArray()[0];
    }

    /** A copy on {@code target} (this tensor itself if already there); gradients flow back across the move. */
    public Tensor to(Backend target) {
        return Creation.to(this, target);
    }

    /** A copy with another element type (F32 to integer truncates toward zero); not differentiable. */
    public Tensor toType(DType dtype) {
        return Creation.toType(this, dtype);
    }

    // ---- autograd ----------------------------------------------------------------------------------------------

    /** Marks a leaf tensor as needing a gradient; returns this. */
    public Tensor requiresGrad(boolean requires) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can be marked; this one is the output of '"
                    + gradFn.op + "' (use detach() for a new leaf)");
        }
        if (requires && dtype() != DType.F32) {
            throw new DTypeMismatchException("requiresGrad", "a tensor that needs a gradient", "F32", dtype());
        }
        this.requiresGrad = requires;
        return this;
    }

    /**
     * Marks a 2-D leaf table whose gradient should arrive as rows ({@link #sparseGrad()}) instead of a dense tensor:
     * lookups into it ({@link #embedding}, {@link #indexSelect} along dim 0) then deposit only the rows they touched.
     * Any other op that consumes the table still produces a dense {@link #grad()}. Returns this.
     */
    public Tensor requiresSparseGrad(boolean sparse) {
        if (sparse && rank() != 2) {
            throw new ShapeMismatchException("requiresSparseGrad: only a 2-D table can take row-sparse gradients, "
                    + "not " + shape);
        }
        requiresGrad(requiresGrad || sparse);
        this.sparseGrad = sparse;
        return this;
    }

    /** Whether lookups into this leaf produce row-sparse gradients. */
    public boolean wantsSparseGrad() {
        return sparseGrad && gradFn == null;
    }

    /** The accumulated row-sparse gradient of a table marked {@link #requiresSparseGrad}, or {@code null}. */
    public RowSparseGrad sparseGrad() {
        return rowGrad;
    }

    /** Replaces the row-sparse gradient (gradient clipping); {@code null} clears it. */
    public void setSparseGrad(RowSparseGrad g) {
        rowGrad = g;
    }

    void accumulateSparseGrad(Tensor index, Tensor rows) {
        RowSparseGrad g = new RowSparseGrad(index.toType(DType.I64).detach(), Views.copy(rows.detach()), size(0));
        rowGrad = rowGrad == null ? g : rowGrad.plus(g);
    }

    /**
     * In place, without recording: {@code this[index[j], :] += alpha · rows[j, :]} for a contiguous 2-D tensor (repeats
     * accumulate). Costs O(k·dim), whatever the table size; for optimisers of large tables.
     */
    public Tensor addRowsInPlace(Tensor index, Tensor rows, float alpha) {
        return Indexing.addRowsInPlace(this, index, rows, alpha);
    }

    /** Whether a gradient flows to this tensor (a marked leaf, or the output of an op on one). */
    public boolean requiresGrad() {
        return requiresGrad || gradFn != null;
    }

    /** The accumulated gradient of a leaf, or {@code null} before any backward. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient (dense and row-sparse). */
    public void zeroGrad() {
        grad = null;
        rowGrad = null;
    }

    /** Replaces the gradient (optimisers, gradient clipping); {@code null} clears it. */
    public void setGrad(Tensor g) {
        if (g != null && !g.shape.equals(shape)) {
            throw new ShapeMismatchException("setGrad: gradient shape " + g.shape + " does not match " + shape);
        }
        grad = g;
    }

    /** The name of the op that produced this tensor ({@code null} for leaves). */
    public String gradFnName() {
        return gradFn == null ? null : gradFn.op;
    }

    /**
     * Adds {@code g} to this leaf's gradient. {@code exclusive}: no other tensor shares {@code g}'s storage (the
     * engine knows when a rule computed it afresh), so a contiguous {@code g} becomes the gradient as it is; otherwise
     * the gradient is a copy, since rules may hand one gradient tensor to several inputs.
     */
    void accumulateGrad(Tensor g, boolean exclusive) {
        if (grad != null) {
            grad = grad.add(g);
        } else if (exclusive && g.coversStorage()) {
            grad = g.detach();
        } else {
            grad = Views.copy(g.detach());
        }
    }

    /** Whether this tensor is its whole storage, contiguous from offset 0. */
    boolean coversStorage() {
        return offset == 0 && storage.size() == numel() && isContiguous();
    }

    /**
     * Bytes of the op results in the autograd graph ending at this tensor: the storage bytes of every recorded op
     * reachable from here that allocated its result (views of an input's storage count 0), this tensor included.
     * Leaves (parameters, inputs, constants such as masks) are not counted. A deterministic, backend independent
     * measure of the activations a training step produces before backward. It is an upper bound of what stays
     * alive: the graph itself keeps only edges, and a result no backward rule reads can be collected before backward
     * runs. Zero when there is no graph.
     */
    public long graphActivationBytes() {
        return Autograd.activationBytes(this);
    }

    /** Back-propagates from a scalar: d(this)/d(leaf) accumulates into each leaf's {@link #grad()}. */
    public void backward() {
        if (numel() != 1) {
            throw new IllegalStateException("backward: implicit gradient needs a scalar, but the tensor has shape "
                    + shape + "; pass a gradient with backward(grad)");
        }
        backward(Creation.full(backend(), DType.F32, 1f, shape), false);
    }

    /** Back-propagates a given gradient of this tensor. */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /** Back-propagates; with {@code retainGraph} the graph can be walked again. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Autograd.backward(this, gradient, retainGraph);
    }

    /** The same data as a new leaf that does not require grad. */
    public Tensor detach() {
        return new Tensor(storage, offset, shape, strides);
    }

    /** A contiguous copy (differentiable). */
    @Override
    public Tensor clone() {
        return Views.copy(this);
    }

    /** Releases the storage now (all views of it become unusable). */
    @Override
    public void close() {
        storage.close();
    }

    // ---- elementwise -------------------------------------------------------------------------------------------

    public Tensor add(Tensor other) { return Elementwise.add(this, other); }
    public Tensor add(float v) { return Elementwise.add(this, scalarLike(v)); }
    public Tensor sub(Tensor other) { return Elementwise.sub(this, other); }
    public Tensor sub(float v) { return Elementwise.sub(this, scalarLike(v)); }
    public Tensor mul(Tensor other) { return Elementwise.mul(this, other); }
    public Tensor mul(float v) { return Elementwise.mul(this, scalarLike(v)); }
    public Tensor div(Tensor other) { return Elementwise.div(this, other); }
    public Tensor div(float v) { return Elementwise.div(this, scalarLike(v)); }
    public Tensor pow(Tensor exponent) { return Elementwise.pow(this, exponent); }
    public Tensor pow(float exponent) { return Elementwise.pow(this, scalarLike(exponent)); }
    /** Elementwise maximum (gradient split evenly at ties, as in PyTorch). */
    public Tensor maximum(Tensor other) { return Elementwise.maximum(this, other); }
    /** Elementwise minimum (gradient split evenly at ties). */
    public Tensor minimum(Tensor other) { return Elementwise.minimum(this, other); }
    public Tensor neg() { return Elementwise.neg(this); }
    public Tensor abs() { return Elementwise.abs(this); }
    public Tensor exp() { return Elementwise.exp(this); }
    public Tensor log() { return Elementwise.log(this); }
    public Tensor sqrt() { return Elementwise.sqrt(this); }
    public Tensor rsqrt() { return Elementwise.rsqrt(this); }
    public Tensor tanh() { return Elementwise.tanh(this); }
    public Tensor sigmoid() { return Elementwise.sigmoid(this); }
    public Tensor relu() { return Elementwise.relu(this); }
    /** Exact (erf) GELU, as {@code torch.nn.functional.gelu}. */
    public Tensor gelu() { return Elementwise.gelu(this); }
    public Tensor silu() { return Elementwise.silu(this); }
    public Tensor sin() { return Elementwise.sin(this); }
    public Tensor cos() { return Elementwise.cos(this); }
    public Tensor square() { return mul(this); }
    /** Clamps into {@code [min, max]}; the gradient passes where {@code min <= x <= max}. */
    public Tensor clamp(float min, float max) { return Elementwise.clamp(this, min, max); }
    public Tensor eq(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.EQ, this, other); }
    public Tensor ne(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.NE, this, other); }
    public Tensor lt(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.LT, this, other); }
    public Tensor le(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.LE, this, other); }
    public Tensor gt(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.GT, this, other); }
    public Tensor ge(Tensor other) { return Elementwise.compare(dev.seedling.backend.BinaryOp.GE, this, other); }
    public Tensor gt(float v) { return gt(scalarLike(v)); }
    public Tensor lt(float v) { return lt(scalarLike(v)); }
    public Tensor eq(float v) { return eq(scalarLike(v)); }

    /** {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    /** {@code value} where {@code mask != 0}, else this. */
    public Tensor maskedFill(Tensor mask, float value) {
        Checks.requireFloat("maskedFill", "input", this);
        Checks.requireFloat("maskedFill", "mask", mask);
        if (!Shape.broadcast("maskedFill", mask.shape(), shape).equals(shape)) {
            throw new ShapeMismatchException("maskedFill: mask " + mask.shape() + " does not broadcast to input "
                    + shape);
        }
        return Elementwise.where(mask, scalarLike(value), this);
    }

    /** In place, without recording: {@code this += alpha * other}. For optimisers; the tensor must not need grad. */
    public Tensor addInPlace(Tensor other, float alpha) { return Elementwise.addInPlace(this, other, alpha); }

    /** In place, without recording: copies {@code src} (broadcast) into this view. */
    public Tensor copyFrom(Tensor src) { return Views.copyInto(this, src); }

    Tensor scalarLike(float v) {
        return fresh(backend().upload(new float[]{v}), Shape.scalar());
    }

    // ---- reductions --------------------------------------------------------------------------------------------

    /** Sum of all elements (rank 0). */
    public Tensor sum() { return Reductions.sum(this, allDims(), false); }
    /** Sum over {@code dims}. */
    public Tensor sum(int[] dims, boolean keepDim) { return Reductions.sum(this, dims, keepDim); }
    public Tensor sum(int dim, boolean keepDim) { return Reductions.sum(this, new int[]{dim}, keepDim); }
    public Tensor mean() { return Reductions.mean(this, allDims(), false); }
    public Tensor mean(int[] dims, boolean keepDim) { return Reductions.mean(this, dims, keepDim); }
    public Tensor mean(int dim, boolean keepDim) { return Reductions.mean(this, new int[]{dim}, keepDim); }
    /** Variance with Bessel's correction {@code correction} (1 = unbiased, 0 = population), as {@code torch.var}. */
    public Tensor var(int dim, int correction, boolean keepDim) { return Reductions.var(this, dim, correction, keepDim); }
    /** Maximum of all elements; at ties the gradient is shared evenly, as {@code torch.max()} without a dim. */
    public Tensor max() { return Reductions.maxAll(this); }
    /** Maximum along {@code dim}; the gradient goes to the first maximal element. */
    public Tensor max(int dim, boolean keepDim) { return Reductions.extreme(this, dim, keepDim, true); }
    public Tensor min(int dim, boolean keepDim) { return Reductions.extreme(this, dim, keepDim, false); }
    /** Index (I64) of the first maximum along {@code dim}. */
    public Tensor argmax(int dim, boolean keepDim) { return Reductions.arg(this, dim, keepDim, true); }
    public Tensor argmin(int dim, boolean keepDim) { return Reductions.arg(this, dim, keepDim, false); }
    /** Inclusive cumulative sum along {@code dim}. */
    public Tensor cumsum(int dim) { return Reductions.cumsum(this, dim); }

    private int[] allDims() {
        int[] d = new int[rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return d;
    }

    // ---- shape and views ---------------------------------------------------------------------------------------

    /** Same data in a new shape; one size may be -1. A view when possible, else a copy. */
    public Tensor reshape(int... newShape) { return Views.reshape(this, newShape); }
    /** {@link #reshape} that fails instead of copying. */
    public Tensor view(int... newShape) { return Views.view(this, newShape); }
    public Tensor flatten() { return reshape(-1); }
    /** Dimensions reordered: result dim {@code i} is this tensor's dim {@code order[i]}. */
    public Tensor permute(int... order) { return Views.permute(this, order); }
    public Tensor transpose(int dim0, int dim1) { return Views.transpose(this, dim0, dim1); }
    /** Transpose of the last two dimensions. */
    public Tensor mT() { return transpose(-2, -1); }
    /** {@code length} entries of {@code dim} from {@code start} (a view). */
    public Tensor narrow(int dim, int start, int length) { return Views.narrow(this, dim, start, length); }
    /** Index {@code index} of {@code dim}, removing that dimension (a view). */
    public Tensor select(int dim, int index) { return narrow(dim, index, 1).squeeze(dim); }
    /** Broadcast to {@code newShape} without copying (size-1 dims repeat; -1 keeps a size). */
    public Tensor expand(int... newShape) { return Views.expand(this, newShape); }
    public Tensor squeeze(int dim) { return Views.squeeze(this, dim); }
    public Tensor unsqueeze(int dim) { return Views.unsqueeze(this, dim); }
    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() { return isContiguous() ? this : Views.copy(this); }

    /** Concatenation along {@code dim}. */
    public static Tensor cat(int dim, Tensor... tensors) { return Joining.cat(dim, List.of(tensors)); }
    public static Tensor cat(int dim, List<Tensor> tensors) { return Joining.cat(dim, tensors); }
    /** Stacks equal-shaped tensors along a new dimension {@code dim}. */
    public static Tensor stack(int dim, Tensor... tensors) { return Joining.stack(dim, List.of(tensors)); }
    /** Pieces of {@code size} along {@code dim} (the last may be smaller); views. */
    public List<Tensor> split(int size, int dim) { return Joining.split(this, size, dim); }
    /** {@code chunks} nearly equal pieces along {@code dim}, as {@code torch.chunk}; views. */
    public List<Tensor> chunk(int chunks, int dim) { return Joining.chunk(this, chunks, dim); }

    // ---- linear algebra ----------------------------------------------------------------------------------------

    /** Matrix product with NumPy semantics: 1-D operands are promoted, batch dims broadcast. */
    public Tensor matmul(Tensor other) { return LinearAlgebra.matmul(this, other); }

    // ---- indexing ----------------------------------------------------------------------------------------------

    /** Entries of {@code dim} at the positions of a 1-D I32/I64 {@code index}. */
    public Tensor indexSelect(int dim, Tensor index) { return Indexing.indexSelect(this, dim, index); }
    /** Rows of this table for every id in {@code ids} (any shape): result {@code ids.shape + [dim]}. */
    public Tensor embedding(Tensor ids) { return Indexing.embedding(this, ids); }
    /** {@code torch.gather}: {@code out[.., j, ..] = this[.., index[.., j, ..], ..]} along {@code dim}. */
    public Tensor gather(int dim, Tensor index) { return Indexing.gather(this, dim, index); }
    /** {@code torch.scatter_add}: a copy of this with {@code src} added at {@code index} along {@code dim}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) { return Indexing.scatterAdd(this, dim, index, src); }
    /** {@code torch.index_add}: a copy of this with slices of {@code src} added at a 1-D {@code index}. */
    public Tensor indexAdd(int dim, Tensor index, Tensor src) { return Indexing.indexAdd(this, dim, index, src); }
    /** The {@code k} largest (or smallest) entries along {@code dim}, sorted, with their I64 indices. */
    public TopK topk(int k, int dim, boolean largest) { return Indexing.topk(this, k, dim, largest); }
    /** One-hot F32 encoding of an integer tensor: result {@code shape + [numClasses]}. */
    public Tensor oneHot(int numClasses) { return Indexing.oneHot(this, numClasses); }
    /** Zeros above diagonal {@code k} of the last two dims ({@code torch.tril}). */
    public Tensor tril(int k) { return Indexing.triangular(this, k, true); }
    /** Zeros below diagonal {@code k} of the last two dims ({@code torch.triu}). */
    public Tensor triu(int k) { return Indexing.triangular(this, k, false); }

    // ---- neural-network composites -----------------------------------------------------------------------------

    public Tensor softmax(int dim) { return Functional.softmax(this, dim); }
    public Tensor logSoftmax(int dim) { return Functional.logSoftmax(this, dim); }

    // ---- printing ----------------------------------------------------------------------------------------------

    /** NumPy/PyTorch-style text, elided past 1000 elements. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
