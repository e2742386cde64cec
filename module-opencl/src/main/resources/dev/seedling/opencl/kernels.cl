// Seedling's OpenCL kernels: every primitive of the backend SPI, in OpenCL C 1.2 without extensions.
// Element counts are int (the SPI's sizes are int); strided operands arrive as a Geo struct whose dimensions the host
// has already merged where every operand is contiguous across them.

#define MAXR 8

// The geometry of an elementwise op: a shape of `rank` dims, `n` elements, and up to four operands, each with an
// offset and strides (0 = broadcast). Laid out as plain ints; the host writes the same layout.
typedef struct {
    int rank;
    int n;
    int shape[MAXR];
    int off[4];
    int st[4][MAXR];
} Geo;

// The storage offset of element `i` (row-major over shape) for operand `k`.
inline int geo_at(const Geo* g, int k, int i) {
    int o = g->off[k];
    for (int d = g->rank - 1; d >= 0; d--) {
        int s = g->shape[d];
        o += (i % s) * g->st[k][d];
        i /= s;
    }
    return o;
}

// ---- copies and fills -------------------------------------------------------------------------------------------

#define COPY_KERNEL(NAME, TS, TD) \
__kernel void NAME(Geo g, __global const TS* src, __global TD* dst) { \
    int i = get_global_id(0); \
    if (i < g.n) dst[geo_at(&g, 1, i)] = (TD) src[geo_at(&g, 0, i)]; \
}
COPY_KERNEL(copy_f32_f32, float, float)
COPY_KERNEL(copy_f32_i32, float, int)
COPY_KERNEL(copy_f32_i64, float, long)
COPY_KERNEL(copy_i32_f32, int, float)
COPY_KERNEL(copy_i32_i32, int, int)
COPY_KERNEL(copy_i32_i64, int, long)
COPY_KERNEL(copy_i64_f32, long, float)
COPY_KERNEL(copy_i64_i32, long, int)
COPY_KERNEL(copy_i64_i64, long, long)

__kernel void fill_f32(__global float* dst, int offset, int n, float v) {
    int i = get_global_id(0);
    if (i < n) dst[offset + i] = v;
}
__kernel void fill_i32(__global int* dst, int offset, int n, int v) {
    int i = get_global_id(0);
    if (i < n) dst[offset + i] = v;
}
__kernel void fill_i64(__global long* dst, int offset, int n, long v) {
    int i = get_global_id(0);
    if (i < n) dst[offset + i] = v;
}

// ---- elementwise ------------------------------------------------------------------------------------------------

// Java's Math.max/min: NaN wins, and +0 is above -0.
inline float jmax(float a, float b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == 0.0f && b == 0.0f) return signbit(a) ? b : a;
    return a > b ? a : b;
}
inline float jmin(float a, float b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == 0.0f && b == 0.0f) return signbit(a) ? a : b;
    return a < b ? a : b;
}

// The op codes are the ordinals of UnaryOp and BinaryOp.
inline float unary_op(int op, float x) {
    switch (op) {
        case 0: return -x;                                              // NEG
        case 1: return fabs(x);                                         // ABS
        case 2: return exp(x);                                          // EXP
        case 3: return log(x);                                          // LOG
        case 4: return sqrt(x);                                         // SQRT
        case 5: return 1.0f / sqrt(x);                                  // RSQRT
        case 6: return tanh(x);                                         // TANH
        case 7: return 1.0f / (1.0f + exp(-x));                         // SIGMOID
        case 8: return x > 0.0f ? x : (isnan(x) ? x : 0.0f);            // RELU
        case 9: return 0.5f * x * (1.0f + erf(x * M_SQRT1_2_F));        // GELU
        case 10: return 0.5f * (1.0f + erf(x * M_SQRT1_2_F))            // GELU_GRAD
                 + x * (0.5f * M_2_SQRTPI_F * M_SQRT1_2_F) * exp(-0.5f * x * x);
        case 11: return x / (1.0f + exp(-x));                           // SILU
        case 12: return sin(x);                                         // SIN
        case 13: return cos(x);                                         // COS
        default: return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x);       // SIGN
    }
}

inline float binary_op(int op, float a, float b) {
    switch (op) {
        case 0: return a + b;
        case 1: return a - b;
        case 2: return a * b;
        case 3: return a / b;
        case 4: return pow(a, b);
        case 5: return jmax(a, b);
        case 6: return jmin(a, b);
        case 7: return a == b ? 1.0f : 0.0f;
        case 8: return a != b ? 1.0f : 0.0f;
        case 9: return a < b ? 1.0f : 0.0f;
        case 10: return a <= b ? 1.0f : 0.0f;
        case 11: return a > b ? 1.0f : 0.0f;
        default: return a >= b ? 1.0f : 0.0f;
    }
}

__kernel void unary(int op, Geo g, __global const float* x, __global float* y) {
    int i = get_global_id(0);
    if (i < g.n) y[i] = unary_op(op, x[geo_at(&g, 0, i)]);
}

// Both operands contiguous from their offsets: no index arithmetic.
__kernel void unary_flat(int op, int n, __global const float* x, int xo, __global float* y) {
    int i = get_global_id(0);
    if (i < n) y[i] = unary_op(op, x[xo + i]);
}

__kernel void binary(int op, Geo g, __global const float* a, __global const float* b, __global float* y) {
    int i = get_global_id(0);
    if (i < g.n) y[i] = binary_op(op, a[geo_at(&g, 0, i)], b[geo_at(&g, 1, i)]);
}

__kernel void binary_flat(int op, int n, __global const float* a, int ao, __global const float* b, int bo,
                          __global float* y) {
    int i = get_global_id(0);
    if (i < n) y[i] = binary_op(op, a[ao + i], b[bo + i]);
}

__kernel void where_select(Geo g, __global const float* c, __global const float* a, __global const float* b,
                           __global float* y) {
    int i = get_global_id(0);
    if (i < g.n) y[i] = c[geo_at(&g, 0, i)] != 0.0f ? a[geo_at(&g, 1, i)] : b[geo_at(&g, 2, i)];
}

// ---- reductions, scans, top-k -----------------------------------------------------------------------------------

inline float reduce_step(int op, float acc, float v) {
    return op == 0 ? acc + v : (op == 1 ? jmax(acc, v) : jmin(acc, v));
}

// reduce_step over every work-item's v in one work-group: a tree in local memory (part: one float per work-item).
// Every work-item gets the result.
inline float group_reduce(int op, float v, __local float* part) {
    int lid = get_local_id(0);
    int ls = get_local_size(0);
    barrier(CLK_LOCAL_MEM_FENCE);
    part[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = ls >> 1; s > 0; s >>= 1) {
        if (lid < s) part[lid] = reduce_step(op, part[lid], part[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    return part[0];
}

// SUM/MAX/MIN (op 0/1/2) of rows (inner == 1): one work-group per row, a tree in local memory.
__kernel void reduce_rows(int op, __global const float* x, int offset, int n, __global float* y,
                          __local float* part) {
    int row = get_group_id(0);
    int lid = get_local_id(0);
    int ls = get_local_size(0);
    __global const float* r = x + offset + (long) row * n;
    float acc = op == 0 ? 0.0f : r[0];
    for (int j = lid; j < n; j += ls) acc = reduce_step(op, acc, r[j]);
    acc = group_reduce(op, acc, part);
    if (lid == 0) y[row] = acc;
}

// SUM/MAX/MIN over the middle axis of [outer, n, inner]: one work-item per output, walking n in order.
__kernel void reduce_cols(int op, __global const float* x, int offset, int outer, int n, int inner,
                          __global float* y) {
    int p = get_global_id(0);
    if (p >= outer * inner) return;
    int o = p / inner, i = p % inner;
    __global const float* c = x + offset + (long) o * n * inner + i;
    float acc = c[0];
    for (int j = 1; j < n; j++) acc = reduce_step(op, acc, c[(long) j * inner]);
    y[p] = acc;
}

// ARGMAX (max = 1) / ARGMIN (max = 0): the first extreme; a NaN counts as the extreme and ends the search.
__kernel void arg_reduce(int max, __global const float* x, int offset, int outer, int n, int inner,
                         __global long* y) {
    int p = get_global_id(0);
    if (p >= outer * inner) return;
    int o = p / inner, i = p % inner;
    __global const float* c = x + offset + (long) o * n * inner + i;
    int best = 0;
    float bv = c[0];
    for (int j = 1; j < n && !isnan(bv); j++) {
        float v = c[(long) j * inner];
        if (isnan(v) || (max ? v > bv : v < bv)) {
            best = j;
            bv = v;
        }
    }
    y[p] = best;
}

__kernel void cumsum(__global const float* x, int offset, int outer, int n, int inner, __global float* y) {
    int p = get_global_id(0);
    if (p >= outer * inner) return;
    int o = p / inner, i = p % inner;
    long base = (long) o * n * inner + i;
    float acc = 0.0f;
    for (int j = 0; j < n; j++) {
        acc += x[offset + base + (long) j * inner];
        y[base + (long) j * inner] = acc;
    }
}

// The CPU backend's sort key: float bits whose signed order is the float order, NaN beyond +inf; then the index.
inline long topk_key(float v, int j) {
    int bits = isnan(v) ? 0x7fffffff : as_int(v);
    bits ^= (bits >> 31) & 0x7fffffff;
    return ((long) bits << 32) | (long) j;
}

// The k smallest keys in order (values negated for largest): k selection passes over the column.
__kernel void topk(__global const float* x, int offset, int outer, int n, int inner, int k, int largest,
                   __global float* values, __global long* indices) {
    int p = get_global_id(0);
    if (p >= outer * inner) return;
    int o = p / inner, i = p % inner;
    __global const float* c = x + offset + (long) o * n * inner + i;
    long out = (long) o * k * inner + i;
    long prev = LONG_MIN;
    for (int t = 0; t < k; t++) {
        long best = LONG_MAX;
        for (int j = 0; j < n; j++) {
            float v = c[(long) j * inner];
            long key = topk_key(largest ? -v : v, j);
            if (key > prev && key < best) best = key;
        }
        prev = best;
        int idx = (int) (best & 0xffffffffL);
        values[out + (long) t * inner] = c[(long) idx * inner];
        indices[out + (long) t * inner] = idx;
    }
}

// ---- indexing ---------------------------------------------------------------------------------------------------

// A bad index records the lowest position of the index tensor that held one in err[0] and is skipped.
#define INDEX_KERNELS(T, SUFFIX) \
__kernel void gather_##SUFFIX(__global const float* src, int srcOffset, int outer, int n, int inner, \
                              __global const T* index, int indexOffset, int k, int perPosition, \
                              __global float* dst, volatile __global int* err) { \
    int p = get_global_id(0); \
    if (p >= outer * k * inner) return; \
    int i = p % inner; \
    int j = (p / inner) % k; \
    int o = p / (inner * k); \
    int at = indexOffset + (perPosition ? p : j); \
    T row = index[at]; \
    if (row < 0 || row >= n) { atomic_min(err, at); return; } \
    dst[p] = src[srcOffset + ((long) o * n + (long) row) * inner + i]; \
} \
__kernel void scatter_add_##SUFFIX(__global float* dst, int outer, int n, int inner, \
                                   __global const T* index, int indexOffset, int k, int perPosition, \
                                   __global const float* src, int srcOffset, volatile __global int* err) { \
    int p = get_global_id(0); \
    if (p >= outer * inner) return; \
    int o = p / inner, i = p % inner; \
    for (int j = 0; j < k; j++) { \
        long pos = ((long) o * k + j) * inner + i; \
        int at = indexOffset + (perPosition ? (int) pos : j); \
        T row = index[at]; \
        if (row < 0 || row >= n) { atomic_min(err, at); continue; } \
        dst[((long) o * n + (long) row) * inner + i] += src[srcOffset + pos]; \
    } \
}
INDEX_KERNELS(int, i32)
INDEX_KERNELS(long, i64)

// ---- fused row kernels: one work-group per row ------------------------------------------------------------------

inline float group_sum(float v, __local float* part) {
    return group_reduce(0, v, part);
}

inline float group_max(float v, __local float* part) {
    return group_reduce(1, v, part);
}

// norm_rows' statistics of row r, computed by the whole work-group: (mean, r) with r = 1/sqrt(mean((x - mean)²) +
// eps); mode 0 (RMSNorm) takes the mean as 0, mode 1 (LayerNorm) computes it.
inline float2 norm_stats(int mode, __global const float* r, int cols, float eps, __local float* part) {
    int lid = get_local_id(0), ls = get_local_size(0);
    float mean = 0.0f;
    if (mode == 1) {
        float s = 0.0f;
        for (int j = lid; j < cols; j += ls) s += r[j];
        mean = group_sum(s, part) / cols;
    }
    float ss = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        float d = r[j] - mean;
        ss += d * d;
    }
    return (float2) (mean, 1.0f / sqrt(group_sum(ss, part) / cols + eps));
}

__kernel void softmax_rows(__global const float* x, int offset, int cols, int logarithm, __global float* y,
                           __local float* part) {
    int lid = get_local_id(0), ls = get_local_size(0);
    __global const float* r = x + offset + (long) get_group_id(0) * cols;
    __global float* out = y + (long) get_group_id(0) * cols;
    float m = r[0];
    for (int j = lid; j < cols; j += ls) m = jmax(m, r[j]);
    m = group_max(m, part);
    float s = 0.0f;
    for (int j = lid; j < cols; j += ls) s += exp(r[j] - m);
    s = group_sum(s, part);
    if (logarithm) {
        float shift = m + log(s);
        for (int j = lid; j < cols; j += ls) out[j] = r[j] - shift;
    } else {
        float inv = 1.0f / s;
        for (int j = lid; j < cols; j += ls) out[j] = exp(r[j] - m) * inv;
    }
}

// mode 0: RMSNorm; mode 1: LayerNorm. w and b are used when hasW / hasB.
__kernel void norm_rows(int mode, __global const float* x, int offset, int cols, __global const float* w, int wo,
                        int hasW, __global const float* b, int bo, int hasB, float eps, __global float* y,
                        __local float* part) {
    int lid = get_local_id(0), ls = get_local_size(0);
    __global const float* r = x + offset + (long) get_group_id(0) * cols;
    __global float* out = y + (long) get_group_id(0) * cols;
    float2 mean_r = norm_stats(mode, r, cols, eps, part);
    float mean = mean_r.x, inv = mean_r.y;
    for (int j = lid; j < cols; j += ls) {
        float v = (r[j] - mean) * inv;
        if (hasW) v *= w[wo + j];
        if (hasB) v += b[bo + j];
        out[j] = v;
    }
}
