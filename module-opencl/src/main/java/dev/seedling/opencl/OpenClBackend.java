package dev.seedling.opencl;

import dev.seedling.backend.Backend;
import dev.seedling.backend.BinaryOp;
import dev.seedling.backend.FusedKernels;
import dev.seedling.backend.MatmulSpec;
import dev.seedling.backend.ReduceOp;
import dev.seedling.backend.Storage;
import dev.seedling.backend.StorageChecks;
import dev.seedling.backend.Strided;
import dev.seedling.backend.UnaryOp;
import dev.seedling.tensor.DType;
import lombok.extern.slf4j.Slf4j;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.jocl.CL.*;

/**
 * The OpenCL backend on one device: one context, one in-order command queue, the kernels of kernels.cl, fused.cl and
 * sgemm.cl built once (binaries cached on disk by {@link ProgramCache}), storages in pooled device buffers. Data stays
 * on the device: only {@code upload*} and {@code read*} move it, and index kernels and the fused cross-entropy read
 * back a 4-byte error flag to throw {@link IndexOutOfBoundsException}. Calls are serialised on the backend (kernel
 * objects hold their arguments), which makes it thread-safe.
 */
@Slf4j
final class OpenClBackend implements Backend {
    private static final int NO_ERROR = Integer.MAX_VALUE;

    private final ClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final BufferPool pool;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Map<String, Long> launches = new HashMap<>();
    private final cl_mem errorFlag;
    private final int group;
    private final FusedKernels fused = new Fused();
    private final SgemmTuner tuner;

    OpenClBackend(ClDevice device) {
        this.device = device;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        int[] err = new int[1];
        context = clCreateContext(props, 1, new org.jocl.cl_device_id[]{device.id()}, null, null, err);
        Cl.check(err[0], "clCreateContext", device.name());
        queue = clCreateCommandQueue(context, device.id(), 0, err);
        Cl.check(err[0], "clCreateCommandQueue", device.name());
        long t0 = System.nanoTime();
        program = ProgramCache.build(context, device, source(SgemmConfig.DEFAULT), buildOptions(device));
        log.info("opencl: kernels ready on {} in {} ms", device.name(), (System.nanoTime() - t0) / 1_000_000);
        pool = new BufferPool(context, device);
        errorFlag = clCreateBuffer(context, CL_MEM_READ_WRITE, Sizeof.cl_int, null, err);
        Cl.check(err[0], "clCreateBuffer", device.name());
        group = (int) Math.min(64, device.maxWorkGroupSize());
        tuner = new SgemmTuner(this);
    }

    /** kernels.cl, fused.cl (which uses kernels.cl's helpers) and sgemm.cl with {@code config}'s tile sizes. */
    static String source(SgemmConfig config) {
        return ProgramCache.resource("kernels.cl") + "\n" + ProgramCache.resource("fused.cl") + "\n"
                + sgemmSource(config);
    }

    /**
     * Build options for every program on {@code device}: {@code -DSGEMM_GPU} on GPUs and accelerators selects
     * sgemm.cl's unrolled, register-prefetching form (CPU devices compile the plain form: PoCL takes minutes over the
     * other).
     */
    static String buildOptions(ClDevice device) {
        return device.kind() == ClDevice.Kind.CPU ? "" : "-DSGEMM_GPU";
    }

    static String sgemmSource(SgemmConfig config) {
        return "#define TM " + config.tm() + "\n#define TN " + config.tn() + "\n#define TK " + config.tk()
                + "\n#define RM " + config.rm() + "\n#define RN " + config.rn() + "\n" + ProgramCache.resource("sgemm.cl");
    }

    ClDevice device() {
        return device;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return device.describe();
    }

    @Override
    public String toString() {
        return "opencl backend (" + device.name() + ")";
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private cl_kernel kernel(String name) {
        return kernels.computeIfAbsent(name, n -> {
            int[] err = new int[1];
            cl_kernel k = clCreateKernel(program, n, err);
            Cl.check(err[0], "clCreateKernel(" + n + ")", device.name());
            return k;
        });
    }

    private ClStorage cl(Storage s) {
        return ClStorage.of(s, this);
    }

    /** Sets arguments of a kernel in order: Storage, cl_mem, Integer, Long, Float, Geometry, or Local(bytes). */
    private cl_kernel args(String name, Object... args) {
        cl_kernel k = kernel(name);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int code = switch (a) {
                case Storage s -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(cl(s).mem()));
                case cl_mem m -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[]{v}));
                case Long v -> clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[]{v}));
                case Float v -> clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[]{v}));
                case Geometry g -> clSetKernelArg(k, i, (long) Geometry.INTS * Sizeof.cl_int, Pointer.to(g.pack()));
                case Local l -> clSetKernelArg(k, i, l.bytes(), null);
                default -> throw new IllegalArgumentException("opencl: unsupported kernel argument " + a);
            };
            Cl.check(code, "clSetKernelArg(" + name + ", " + i + ")", device.name());
        }
        return k;
    }

    /** A {@code __local} buffer argument. */
    private record Local(long bytes) {
    }

    /** Runs a 1-D kernel over {@code n} work-items (rounded up to the group size; kernels check bounds). */
    private void launch1d(String name, long n, Object... args) {
        if (n <= 0) {
            return;
        }
        cl_kernel k = args(name, args);
        launches.merge(name, 1L, Long::sum);
        long global = (n + group - 1) / group * group;
        Cl.check(clEnqueueNDRangeKernel(queue, k, 1, null, new long[]{global}, new long[]{group}, 0, null, null),
                "clEnqueueNDRangeKernel(" + name + ", " + n + " work-items)", device.name());
    }

    /** Runs {@code rows} work-groups of {@code local} work-items (a power of two), one per row. */
    private void launchRows(String name, int rows, int local, Object... args) {
        if (rows <= 0) {
            return;
        }
        cl_kernel k = args(name, args);
        launches.merge(name, 1L, Long::sum);
        Cl.check(clEnqueueNDRangeKernel(queue, k, 1, null, new long[]{(long) rows * local}, new long[]{local}, 0,
                null, null), "clEnqueueNDRangeKernel(" + name + ", " + rows + " groups)", device.name());
    }

    /**
     * How many times each kernel of kernels.cl and fused.cl was enqueued since the backend opened (a copy): shows
     * which path an op took, e.g. that training ran the fused kernels rather than their composites.
     */
    synchronized Map<String, Long> launchCounts() {
        return Map.copyOf(launches);
    }

    /** A power-of-two work-group size for row kernels over {@code n} columns. */
    private int rowGroup(int n) {
        int cap = (int) Math.min(256, device.maxWorkGroupSize());
        int g = 1;
        while (g < n && g * 2 <= cap) {
            g *= 2;
        }
        return g;
    }

    private void resetErrorFlag() {
        Cl.check(clEnqueueFillBuffer(queue, errorFlag, Pointer.to(new int[]{NO_ERROR}), Sizeof.cl_int, 0,
                Sizeof.cl_int, 0, null, null), "clEnqueueFillBuffer(error flag)", device.name());
    }

    /** The error flag after the queued kernels ran: {@link #NO_ERROR} or the lowest position a kernel recorded. */
    private int readErrorFlag(String op) {
        int[] at = new int[1];
        Cl.check(clEnqueueReadBuffer(queue, errorFlag, CL_TRUE, 0, Sizeof.cl_int, Pointer.to(at), 0, null, null),
                "clEnqueueReadBuffer(error flag of " + op + ")", device.name());
        return at[0];
    }

    /** Reads the error flag; throws naming the first bad index position and its value. */
    private void checkIndices(String op, Storage index, int n) {
        int at = readErrorFlag(op);
        if (at != NO_ERROR) {
            long v = readLongs(index, at, 1)[0];
            throw StorageChecks.indexOutOfRange(op, v, at, n);
        }
    }

    private static void checkRange(Storage s, int offset, int n, String op) {
        StorageChecks.checkRange("opencl", s, offset, n, op);
    }

    private static String suffix(DType t) {
        return switch (t) {
            case F32 -> "f32";
            case I32 -> "i32";
            case I64 -> "i64";
        };
    }

    // ---- memory ------------------------------------------------------------------------------------------------

    private ClStorage fresh(DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("opencl allocate: negative size " + size);
        }
        long bytes = (long) size * dtype.byteSize();
        return new ClStorage(this, dtype, size, pool.acquire(bytes), pool);
    }

    @Override
    public synchronized Storage allocate(DType dtype, int size) {
        ClStorage s = fresh(dtype, size);
        if (size > 0) {
            long bytes = (long) size * dtype.byteSize();
            int code = clEnqueueFillBuffer(queue, s.mem(), Pointer.to(new long[]{0}), 1, 0, bytes, 0, null, null);
            if (code != CL_SUCCESS) {
                s.close();
                throw pool.allocationFailure(bytes, code, "zero-filling the new buffer failed with "
                        + stringFor_errorCode(code));
            }
        }
        return s;
    }

    private Storage upload(DType dtype, int n, Pointer data) {
        ClStorage s = fresh(dtype, n);
        if (n > 0) {
            long bytes = (long) n * dtype.byteSize();
            int code = clEnqueueWriteBuffer(queue, s.mem(), CL_TRUE, 0, bytes, data, 0, null, null);
            if (code != CL_SUCCESS) {
                s.close();
                throw pool.allocationFailure(bytes, code, "clEnqueueWriteBuffer failed with "
                        + stringFor_errorCode(code));
            }
        }
        return s;
    }

    @Override
    public synchronized Storage upload(float[] data) {
        return upload(DType.F32, data.length, Pointer.to(data));
    }

    @Override
    public synchronized Storage upload(int[] data) {
        return upload(DType.I32, data.length, Pointer.to(data));
    }

    @Override
    public synchronized Storage upload(long[] data) {
        return upload(DType.I64, data.length, Pointer.to(data));
    }

    @Override
    public synchronized float[] readFloats(Storage src, int offset, int n) {
        ClStorage s = cl(src);
        checkRange(s, offset, n, "readFloats");
        if (s.dtype() != DType.F32) {
            throw new IllegalArgumentException("opencl readFloats: expected an F32 storage but got " + s.dtype());
        }
        float[] out = new float[n];
        if (n > 0) {
            Cl.check(clEnqueueReadBuffer(queue, s.mem(), CL_TRUE, 4L * offset, 4L * n, Pointer.to(out), 0, null,
                    null), "clEnqueueReadBuffer(" + n + " floats)", device.name());
        }
        return out;
    }

    @Override
    public synchronized long[] readLongs(Storage src, int offset, int n) {
        ClStorage s = cl(src);
        checkRange(s, offset, n, "readLongs");
        long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        switch (s.dtype()) {
            case I64 -> Cl.check(clEnqueueReadBuffer(queue, s.mem(), CL_TRUE, 8L * offset, 8L * n, Pointer.to(out),
                    0, null, null), "clEnqueueReadBuffer(" + n + " longs)", device.name());
            case I32 -> {
                int[] in = new int[n];
                Cl.check(clEnqueueReadBuffer(queue, s.mem(), CL_TRUE, 4L * offset, 4L * n, Pointer.to(in), 0, null,
                        null), "clEnqueueReadBuffer(" + n + " ints)", device.name());
                for (int i = 0; i < n; i++) {
                    out[i] = in[i];
                }
            }
            default -> throw new IllegalArgumentException("opencl readLongs: expected an I32 or I64 storage but got "
                    + s.dtype());
        }
        return out;
    }

    /** Waits for every queued command (benchmarks time with it). */
    synchronized void finish() {
        Cl.check(clFinish(queue), "clFinish", device.name());
    }

    // ---- movement ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void copy(int[] shape, Strided src, Strided dst) {
        Geometry g = new Geometry(shape, new int[]{src.offset(), dst.offset()}, new int[][]{src.strides(),
                dst.strides()});
        if (g.numel == 0) {
            return;
        }
        DType s = src.storage().dtype();
        DType d = dst.storage().dtype();
        if (s == d && g.contiguous(0) && g.contiguous(1)) {
            long e = s.byteSize();
            Cl.check(clEnqueueCopyBuffer(queue, cl(src.storage()).mem(), cl(dst.storage()).mem(), e * src.offset(),
                    e * dst.offset(), e * g.numel, 0, null, null), "clEnqueueCopyBuffer", device.name());
            return;
        }
        launch1d("copy_" + suffix(s) + "_" + suffix(d), g.numel, g, src.storage(), dst.storage());
    }

    @Override
    public synchronized void fill(Storage dst, int offset, int n, double value) {
        checkRange(dst, offset, n, "fill");
        switch (dst.dtype()) {
            case F32 -> launch1d("fill_f32", n, dst, offset, n, (float) value);
            case I32 -> launch1d("fill_i32", n, dst, offset, n, (int) value);
            case I64 -> launch1d("fill_i64", n, dst, offset, n, (long) value);
        }
    }

    // ---- elementwise -------------------------------------------------------------------------------------------

    @Override
    public synchronized void unary(UnaryOp op, int[] shape, Strided src, Storage dst) {
        Geometry g = new Geometry(shape, new int[]{src.offset()}, new int[][]{src.strides()});
        if (g.contiguous(0)) {
            launch1d("unary_flat", g.numel, op.ordinal(), g.numel, src.storage(), src.offset(), dst);
        } else {
            launch1d("unary", g.numel, op.ordinal(), g, src.storage(), dst);
        }
    }

    @Override
    public synchronized void binary(BinaryOp op, int[] shape, Strided a, Strided b, Storage dst) {
        Geometry g = new Geometry(shape, new int[]{a.offset(), b.offset()}, new int[][]{a.strides(), b.strides()});
        if (g.contiguous(0) && g.contiguous(1)) {
            launch1d("binary_flat", g.numel, op.ordinal(), g.numel, a.storage(), a.offset(), b.storage(),
                    b.offset(), dst);
        } else {
            launch1d("binary", g.numel, op.ordinal(), g, a.storage(), b.storage(), dst);
        }
    }

    @Override
    public synchronized void where(int[] shape, Strided cond, Strided a, Strided b, Storage dst) {
        Geometry g = new Geometry(shape, new int[]{cond.offset(), a.offset(), b.offset()},
                new int[][]{cond.strides(), a.strides(), b.strides()});
        launch1d("where_select", g.numel, g, cond.storage(), a.storage(), b.storage(), dst);
    }

    // ---- reductions and scans ----------------------------------------------------------------------------------

    @Override
    public synchronized void reduce(ReduceOp op, Storage src, int offset, int outer, int n, int inner, Storage dst) {
        switch (op) {
            case SUM, MAX, MIN -> {
                int code = op.ordinal();   // SUM 0, MAX 1, MIN 2, as reduce_step reads them
                if (inner == 1) {
                    int local = rowGroup(n);
                    launchRows("reduce_rows", outer, local, code, src, offset, n, dst, new Local(4L * local));
                } else {
                    launch1d("reduce_cols", (long) outer * inner, code, src, offset, outer, n, inner, dst);
                }
            }
            case ARGMAX, ARGMIN -> launch1d("arg_reduce", (long) outer * inner, op == ReduceOp.ARGMAX ? 1 : 0, src,
                    offset, outer, n, inner, dst);
        }
    }

    @Override
    public synchronized void cumsum(Storage src, int offset, int outer, int n, int inner, Storage dst) {
        launch1d("cumsum", (long) outer * inner, src, offset, outer, n, inner, dst);
    }

    @Override
    public synchronized void topk(Storage src, int offset, int outer, int n, int inner, int k, boolean largest,
                                  Storage values, Storage indices) {
        if (k > 0) {
            launch1d("topk", (long) outer * inner, src, offset, outer, n, inner, k, largest ? 1 : 0, values,
                    indices);
        }
    }

    // ---- linear algebra ----------------------------------------------------------------------------------------

    @Override
    public synchronized void matmul(MatmulSpec spec, Storage a, int aOffset, Storage b, int bOffset, Storage c) {
        if (spec.batch() == 0 || spec.m() == 0 || spec.n() == 0) {
            return;
        }
        if (spec.k() == 0) {
            fill(c, 0, spec.batch() * spec.m() * spec.n(), 0);
            return;
        }
        SgemmTuner.Compiled g = tuner.kernelFor(spec);
        runSgemm(g, spec, cl(a).mem(), aOffset, cl(b).mem(), bOffset, cl(c).mem());
    }

    /** Enqueues one SGEMM with a compiled configuration (used by matmul and by the autotuner). */
    void runSgemm(SgemmTuner.Compiled g, MatmulSpec spec, cl_mem a, int aOffset, cl_mem b, int bOffset, cl_mem c) {
        cl_kernel k = g.kernel();
        Object[] args = {spec.m(), spec.n(), spec.k(), spec.transA() ? 1 : 0, spec.transB() ? 1 : 0, a, aOffset,
                spec.aBatchStride(), b, bOffset, spec.bBatchStride(), c};
        for (int i = 0; i < args.length; i++) {
            int code = switch (args[i]) {
                case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[]{v}));
                case cl_mem m -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                default -> throw new AssertionError();
            };
            Cl.check(code, "clSetKernelArg(sgemm, " + i + ")", device.name());
        }
        SgemmConfig t = g.config();
        long gx = (long) (spec.n() + t.tn() - 1) / t.tn() * t.localX();
        long gy = (long) (spec.m() + t.tm() - 1) / t.tm() * t.localY();
        Cl.check(clEnqueueNDRangeKernel(queue, k, 3, null, new long[]{gx, gy, spec.batch()},
                new long[]{t.localX(), t.localY(), 1}, 0, null, null), "clEnqueueNDRangeKernel(sgemm " + t + ", "
                + spec + ")", device.name());
    }

    cl_program program() {
        return program;
    }

    BufferPool pool() {
        return pool;
    }

    // ---- indexing ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void gather(Storage src, int srcOffset, int outer, int n, int inner, Storage index,
                                    int indexOffset, int k, boolean perPosition, Storage dst) {
        long total = (long) outer * k * inner;
        if (total == 0) {
            return;
        }
        resetErrorFlag();
        launch1d("gather_" + suffix(index.dtype()), total, src, srcOffset, outer, n, inner, index, indexOffset, k,
                perPosition ? 1 : 0, dst, errorFlag);
        checkIndices("gather", index, n);
    }

    @Override
    public synchronized void scatterAdd(Storage dst, int outer, int n, int inner, Storage index, int indexOffset,
                                        int k, boolean perPosition, Storage src, int srcOffset) {
        if ((long) outer * k * inner == 0) {
            return;
        }
        resetErrorFlag();
        launch1d("scatter_add_" + suffix(index.dtype()), (long) outer * inner, dst, outer, n, inner, index,
                indexOffset, k, perPosition ? 1 : 0, src, srcOffset, errorFlag);
        checkIndices("scatterAdd", index, n);
    }

    // ---- fused -------------------------------------------------------------------------------------------------

    @Override
    public Optional<FusedKernels> fused() {
        return Optional.of(fused);
    }

    /**
     * Every kernel of {@link FusedKernels} in OpenCL C: softmax, RMSNorm and LayerNorm forward (kernels.cl) and the
     * optional ones of fused.cl. Row kernels run one work-group per row; attention runs one work-group per (head,
     * query row) forward and for dq, and one per (head, key row) for dk and dv, streaming over blocks of keys or
     * queries with O(d) local memory (never the {@code t × s} matrix); it falls back to the composite (returns
     * {@code false}) only when {@code d} does not fit the device's local memory.
     */
    private final class Fused implements FusedKernels {
        /** The most work-items of an attention work-group: the keys (or queries) scored per block. */
        private static final int ATTENTION_BLOCK = 64;

        @Override
        public void softmax(Storage src, int offset, int rows, int cols, boolean log, Storage dst) {
            synchronized (OpenClBackend.this) {
                int local = rowGroup(cols);
                launchRows("softmax_rows", rows, local, src, offset, cols, log ? 1 : 0, dst, new Local(4L * local));
            }
        }

        @Override
        public void rmsNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset, float eps,
                            Storage dst) {
            norm(0, x, offset, rows, cols, weight, weightOffset, null, 0, eps, dst);
        }

        @Override
        public void layerNorm(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                              Storage bias, int biasOffset, float eps, Storage dst) {
            norm(1, x, offset, rows, cols, weight, weightOffset, bias, biasOffset, eps, dst);
        }

        private void norm(int mode, Storage x, int offset, int rows, int cols, Storage w, int wo, Storage b, int bo,
                          float eps, Storage dst) {
            synchronized (OpenClBackend.this) {
                int local = rowGroup(cols);
                // an absent weight or bias is never read; x stands in so the argument is a valid buffer
                launchRows("norm_rows", rows, local, mode, x, offset, cols, w != null ? w : x, wo, w != null ? 1 : 0,
                        b != null ? b : x, bo, b != null ? 1 : 0, eps, dst, new Local(4L * local));
            }
        }

        @Override
        public boolean softmaxBackward(Storage y, Storage g, int rows, int cols, boolean log, Storage dx) {
            synchronized (OpenClBackend.this) {
                int local = rowGroup(cols);
                launchRows("softmax_backward_rows", rows, local, y, g, cols, log ? 1 : 0, dx, new Local(4L * local));
                return true;
            }
        }

        @Override
        public boolean rmsNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                       float eps, Storage g, Storage dx, Storage dWeight) {
            normBackward(0, x, offset, rows, cols, weight, weightOffset, eps, g, dx, dWeight, null);
            return true;
        }

        @Override
        public boolean layerNormBackward(Storage x, int offset, int rows, int cols, Storage weight, int weightOffset,
                                         float eps, Storage g, Storage dx, Storage dWeight, Storage dBias) {
            normBackward(1, x, offset, rows, cols, weight, weightOffset, eps, g, dx, dWeight, dBias);
            return true;
        }

        /** dx per row (norm_backward_rows, which keeps each row's mean and 1/σ), then dW and dB per column. */
        private void normBackward(int mode, Storage x, int offset, int rows, int cols, Storage w, int wo, float eps,
                                  Storage g, Storage dx, Storage dw, Storage db) {
            synchronized (OpenClBackend.this) {
                if (rows <= 0 || cols <= 0) {
                    zero(dw, cols);
                    zero(db, cols);
                    return;
                }
                try (ClStorage stats = fresh(DType.F32, 2 * rows)) {
                    int local = rowGroup(cols);
                    launchRows("norm_backward_rows", rows, local, mode, x, offset, cols, w != null ? w : x, wo,
                            w != null ? 1 : 0, eps, g, dx, stats, new Local(4L * local));
                    if (dw != null || db != null) {
                        launch1d("norm_backward_params", cols, x, offset, rows, cols, g, stats, dw != null ? dw : dx,
                                dw != null ? 1 : 0, db != null ? db : dx, db != null ? 1 : 0);
                    }
                }
            }
        }

        private void zero(Storage s, int n) {
            if (s != null && n > 0) {
                fill(s, 0, n, 0);
            }
        }

        @Override
        public boolean crossEntropy(Storage logits, int offset, int rows, int classes, Storage target,
                                    int targetOffset, long ignoreIndex, float labelSmoothing, Storage loss,
                                    Storage lse) {
            synchronized (OpenClBackend.this) {
                if (rows <= 0) {
                    return true;
                }
                if (classes <= 0) {
                    throw new IllegalArgumentException("crossEntropy: logits need at least one class but have "
                            + classes);
                }
                checkRange(target, targetOffset, rows, "crossEntropy target");
                int local = rowGroup(classes);
                resetErrorFlag();
                launchRows("cross_entropy_rows_" + suffix(target.dtype()), rows, local, logits, offset, classes,
                        target, targetOffset, ignoreIndex, labelSmoothing, loss, lse, errorFlag,
                        new Local(4L * local));
                int row = readErrorFlag("crossEntropy");
                if (row != NO_ERROR) {
                    long t = readLongs(target, targetOffset + row, 1)[0];
                    throw StorageChecks.targetOutOfRange(t, row, classes, ignoreIndex);
                }
                return true;
            }
        }

        @Override
        public boolean crossEntropyBackward(Storage logits, int offset, int rows, int classes, Storage target,
                                            int targetOffset, long ignoreIndex, float labelSmoothing, Storage lse,
                                            Storage gLoss, Storage dx) {
            synchronized (OpenClBackend.this) {
                // the forward validated the targets; a bad one here gives a zero row rather than a stray read
                launch1d("cross_entropy_backward_" + suffix(target.dtype()), (long) rows * classes, logits, offset,
                        rows, classes, target, targetOffset, ignoreIndex, labelSmoothing, lse, gLoss, dx);
                return true;
            }
        }

        @Override
        public boolean swiglu(Storage gate, Storage up, int n, Storage dst) {
            synchronized (OpenClBackend.this) {
                launch1d("swiglu", n, gate, up, n, dst);
                return true;
            }
        }

        @Override
        public boolean swigluBackward(Storage gate, Storage up, Storage g, int n, Storage dGate, Storage dUp) {
            synchronized (OpenClBackend.this) {
                launch1d("swiglu_backward", n, gate, up, g, n, dGate, dUp);
                return true;
            }
        }

        @Override
        public boolean rope(Storage x, int offset, int outer, int positions, int groups, int dim, Storage cos,
                            Storage sin, int tableRow, boolean inverse, Storage dst) {
            synchronized (OpenClBackend.this) {
                long pairs = (long) outer * positions * (dim / 2);
                launch1d("rope", pairs, x, offset, positions, groups, dim, (int) pairs, cos, sin, tableRow,
                        inverse ? -1f : 1f, dst);
                return true;
            }
        }

        @Override
        public boolean interleavedHeads() {
            return true;
        }

        /** The work-items of an attention work-group over blocks of up to {@code n} keys or queries. */
        private int attentionGroup(int n) {
            int cap = (int) Math.min(ATTENTION_BLOCK, device.maxWorkGroupSize());
            int g = 1;
            while (g < n && g * 2 <= cap) {
                g *= 2;
            }
            return g;
        }

        /** Whether {@code rowsOfD} rows of d floats and {@code blocks} blocks of scores fit local memory. */
        private boolean fitsLocal(int rowsOfD, int d, int blocks, int local) {
            return 4L * ((long) rowsOfD * d + (long) blocks * local) <= device.localMemBytes();
        }

        @Override
        public boolean attention(Storage q, Storage k, Storage v, int heads, int groups, int t, int s, int d,
                                 float scale, Storage out, Storage lse) {
            synchronized (OpenClBackend.this) {
                int local = attentionGroup(s);
                if (!fitsLocal(2, d, 1, local)) {
                    return false;
                }
                launchRows("attention_forward", heads * t, local, q, k, v, t, s, d, groups, scale, out, lse,
                        new Local(4L * d), new Local(4L * d), new Local(4L * local));
                return true;
            }
        }

        @Override
        public boolean attentionBackward(Storage q, Storage k, Storage v, Storage out, Storage lse, Storage gOut,
                                         int heads, int groups, int t, int s, int d, float scale, Storage dq,
                                         Storage dk, Storage dv) {
            synchronized (OpenClBackend.this) {
                int kLocal = attentionGroup(s);
                int qLocal = attentionGroup(t);
                if (!fitsLocal(3, d, 1, kLocal) || !fitsLocal(4, d, 2, qLocal)) {
                    return false;
                }
                int rows = heads * t;
                try (ClStorage delta = fresh(DType.F32, rows)) {
                    launch1d("attention_backward_delta", rows, out, gOut, rows, t, d, groups, delta);
                    launchRows("attention_backward_dq", rows, kLocal, q, k, v, lse, delta, gOut, t, s, d, groups,
                            scale, dq, new Local(4L * d), new Local(4L * d), new Local(4L * d),
                            new Local(4L * kLocal));
                    launchRows("attention_backward_dkv", heads * s, qLocal, q, k, v, lse, delta, gOut, t, s, d,
                            groups, scale, dk, dv, new Local(4L * d), new Local(4L * d), new Local(4L * d),
                            new Local(4L * d), new Local(4L * qLocal), new Local(4L * qLocal));
                }
                return true;
            }
        }

        @Override
        public boolean adamw(Storage[] params, int[] paramOffsets, Storage[] grads, int[] gradOffsets, Storage[] m,
                             Storage[] v, int[] sizes, float[] lr, float[] decay, float beta1, float beta2,
                             float eps, float c1, float c2) {
            synchronized (OpenClBackend.this) {
                for (int i = 0; i < params.length; i++) {
                    launch1d("adamw", sizes[i], params[i], paramOffsets[i], grads[i], gradOffsets[i], m[i], v[i],
                            sizes[i], beta1, beta2, eps, 1 - lr[i] * decay[i], -lr[i] / c1, 1 / c2);
                }
                return true;
            }
        }
    }
}
