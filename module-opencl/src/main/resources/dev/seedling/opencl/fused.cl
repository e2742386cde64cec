// Seedling's optional fused kernels (FusedKernels): row backwards, cross-entropy, SwiGLU, RoPE, causal attention and
// AdamW, in OpenCL C 1.2 without extensions. Compiled after kernels.cl, whose jmax, group_sum and group_max they use.
// Row kernels run one work-group per row (a power-of-two local size) with reductions in local memory; elementwise
// kernels run one work-item per element. The formulas are those of FusedKernels' javadoc and the CPU backend.

// ---- row backwards ----------------------------------------------------------------------------------------------

// dx = y·(g - Σg·y), or for log-softmax dx = g - exp(y)·Σg. y, g and dx are [rows, cols] from 0.
__kernel void softmax_backward_rows(__global const float* y, __global const float* g, int cols, int logarithm,
                                    __global float* dx, __local float* part) {
    int lid = get_local_id(0), ls = get_local_size(0);
    long o = (long) get_group_id(0) * cols;
    float s = 0.0f;
    for (int j = lid; j < cols; j += ls) s += logarithm ? g[o + j] : g[o + j] * y[o + j];
    s = group_sum(s, part);
    for (int j = lid; j < cols; j += ls) {
        dx[o + j] = logarithm ? g[o + j] - exp(y[o + j]) * s : y[o + j] * (g[o + j] - s);
    }
}

// The backward of norm_rows (mode 0: RMSNorm, mode 1: LayerNorm) for one row: with x̂ = (x - mean)·r,
// gx = g·w and a = mean(gx) (LayerNorm only), b = mean(gx·x̂): dx = r·(gx - a - x̂·b). For RMSNorm (mean 0) this is
// r·gx - x·r³·mean(gx·x). Each row's (mean, r) goes to stats[2·row..] for norm_backward_params.
__kernel void norm_backward_rows(int mode, __global const float* x, int offset, int cols, __global const float* w,
                                 int wo, int hasW, float eps, __global const float* g, __global float* dx,
                                 __global float* stats, __local float* part) {
    int lid = get_local_id(0), ls = get_local_size(0);
    int row = get_group_id(0);
    __global const float* r = x + offset + (long) row * cols;
    long o = (long) row * cols;
    float2 mean_r = norm_stats(mode, r, cols, eps, part);
    float mean = mean_r.x, inv = mean_r.y;
    float sa = 0.0f, sb = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        float gx = hasW ? g[o + j] * w[wo + j] : g[o + j];
        sa += gx;
        sb += gx * (r[j] - mean) * inv;
    }
    float a = mode == 1 ? group_sum(sa, part) / cols : 0.0f;
    float b = group_sum(sb, part) / cols;
    for (int j = lid; j < cols; j += ls) {
        float gx = hasW ? g[o + j] * w[wo + j] : g[o + j];
        dx[o + j] = (gx - a - (r[j] - mean) * inv * b) * inv;
    }
    if (lid == 0) {
        stats[2 * row] = mean;
        stats[2 * row + 1] = inv;
    }
}

// The affine gradients of a norm, one work-item per column: dW = Σ_rows g·x̂, dB = Σ_rows g (each when asked).
__kernel void norm_backward_params(__global const float* x, int offset, int rows, int cols, __global const float* g,
                                   __global const float* stats, __global float* dw, int hasW, __global float* db,
                                   int hasB) {
    int c = get_global_id(0);
    if (c >= cols) return;
    float aw = 0.0f, ab = 0.0f;
    for (int r = 0; r < rows; r++) {
        float gv = g[(long) r * cols + c];
        aw += gv * (x[offset + (long) r * cols + c] - stats[2 * r]) * stats[2 * r + 1];
        ab += gv;
    }
    if (hasW) dw[c] = aw;
    if (hasB) db[c] = ab;
}

// ---- cross-entropy ----------------------------------------------------------------------------------------------

// Per row: lse = log Σ exp(x) and loss = lse - (1-ε)·x[t] - (ε/C)·Σx, or 0 where t == ignore. A target outside
// [0, classes) (other than ignore) records the lowest such row in err[0] and writes nothing for the row.
#define CROSS_ENTROPY_KERNELS(T, SUFFIX) \
__kernel void cross_entropy_rows_##SUFFIX(__global const float* x, int offset, int classes, \
                                          __global const T* target, int targetOffset, long ignore, float eps, \
                                          __global float* loss, __global float* lse, volatile __global int* err, \
                                          __local float* part) { \
    int lid = get_local_id(0), ls = get_local_size(0); \
    int row = get_group_id(0); \
    __global const float* r = x + offset + (long) row * classes; \
    long t = (long) target[targetOffset + row]; \
    if (t != ignore && (t < 0 || t >= classes)) { \
        if (lid == 0) atomic_min(err, row); \
        return; \
    } \
    float m = r[0]; \
    for (int j = lid; j < classes; j += ls) m = jmax(m, r[j]); \
    m = group_max(m, part); \
    float s = 0.0f, sx = 0.0f; \
    for (int j = lid; j < classes; j += ls) { \
        s += exp(r[j] - m); \
        sx += r[j]; \
    } \
    float l = m + log(group_sum(s, part)); \
    float sumx = eps > 0.0f ? group_sum(sx, part) : 0.0f; \
    if (lid == 0) { \
        lse[row] = l; \
        loss[row] = t == ignore ? 0.0f : l - (1.0f - eps) * r[t] - eps / classes * sumx; \
    } \
} \
__kernel void cross_entropy_backward_##SUFFIX(__global const float* x, int offset, int rows, int classes, \
                                              __global const T* target, int targetOffset, long ignore, float eps, \
                                              __global const float* lse, __global const float* gLoss, \
                                              __global float* dx) { \
    int i = get_global_id(0); \
    if (i >= rows * classes) return; \
    int row = i / classes, c = i % classes; \
    long t = (long) target[targetOffset + row]; \
    if (t == ignore || t < 0 || t >= classes) { \
        dx[i] = 0.0f; \
        return; \
    } \
    float g = gLoss[row]; \
    float d = (exp(x[offset + i] - lse[row]) - eps / classes) * g; \
    dx[i] = c == t ? d - (1.0f - eps) * g : d; \
}
CROSS_ENTROPY_KERNELS(int, i32)
CROSS_ENTROPY_KERNELS(long, i64)

// ---- SwiGLU and RoPE --------------------------------------------------------------------------------------------

inline float sigmoid(float v) {
    return 1.0f / (1.0f + exp(-v));
}

// y = silu(gate)·up = gate·σ(gate)·up
__kernel void swiglu(__global const float* gate, __global const float* up, int n, __global float* y) {
    int i = get_global_id(0);
    if (i < n) y[i] = gate[i] * sigmoid(gate[i]) * up[i];
}

// dGate = g·up·σ(a)·(1 + a·(1-σ(a))), dUp = g·silu(a)
__kernel void swiglu_backward(__global const float* gate, __global const float* up, __global const float* g, int n,
                              __global float* dGate, __global float* dUp) {
    int i = get_global_id(0);
    if (i >= n) return;
    float a = gate[i];
    float s = sigmoid(a);
    dUp[i] = g[i] * a * s;
    dGate[i] = g[i] * up[i] * s * (1.0f + a * (1.0f - s));
}

// Rotate-half RoPE over rows of dim (from offset) whose position advances every `groups` rows (1: x [outer,
// positions, dim]; G: heads interleaved, [batch, positions, G, dim]), one work-item per pair (i, i + dim/2):
// y1 = x1·cos - x2·sin, y2 = x2·cos + x1·sin with tables read at row tableRow + p; sign -1 rotates by -θ.
__kernel void rope(__global const float* x, int offset, int positions, int groups, int dim, int pairs,
                   __global const float* cs, __global const float* sn, int tableRow, float sign, __global float* y) {
    int e = get_global_id(0);
    if (e >= pairs) return;
    int hd = dim / 2;
    int r = e / hd, i = e % hd;
    int p = (r / groups) % positions;
    long xo = offset + (long) r * dim;
    long yo = (long) r * dim;
    long to = (long) (tableRow + p) * dim;
    float x1 = x[xo + i];
    float x2 = x[xo + hd + i];
    y[yo + i] = x1 * cs[to + i] - x2 * sign * sn[to + i];
    y[yo + hd + i] = x2 * cs[to + hd + i] + x1 * sign * sn[to + hd + i];
}

// ---- causal attention (FlashAttention-style: no t×s matrix, memory O(d) per work-group) --------------------------

// Where row r of head h starts, for heads of `rows` rows whose rows interleave in groups of G (FusedKernels' groups
// form: [batch, rows, G, d]; G = 1 is [heads, rows, d]). Consecutive rows of a head are G·d apart.
inline long head_row(int h, int r, int rows, int G, int d) {
    return ((long) (h / G) * rows * G + h % G) * d + (long) r * G * d;
}

// q, out [heads, t, d]; k, v [heads, s, d] (in groups of G, see head_row); query i sits at position s - t + i and
// sees keys j <= s - t + i.
// One work-group per (head, query row). Keys are taken a block of `ls` at a time: each work-item scores one key of
// the block, then the row's running max, sum and output (local acc[d], each work-item owning dims lid, lid+ls, ...)
// are rescaled and updated (online softmax). Writes out and lse = log Σ exp(scale·q·k) per row.
__kernel void attention_forward(__global const float* q, __global const float* k, __global const float* v, int t,
                                int s, int d, int G, float scale, __global float* out, __global float* lse,
                                __local float* qrow, __local float* acc, __local float* p) {
    int lid = get_local_id(0), ls = get_local_size(0);
    int row = get_group_id(0);            // h·t + i
    int h = row / t, i = row % t;
    int n = s - t + i + 1;                // visible keys
    int ld = G * d;                       // between consecutive rows of a head
    long qo = head_row(h, i, t, G, d);
    __global const float* qr = q + qo;
    __global const float* kh = k + head_row(h, 0, s, G, d);
    __global const float* vh = v + head_row(h, 0, s, G, d);
    for (int dd = lid; dd < d; dd += ls) {
        qrow[dd] = qr[dd];
        acc[dd] = 0.0f;
    }
    float m = -INFINITY, sum = 0.0f;
    for (int j0 = 0; j0 < n; j0 += ls) {
        int block = min(ls, n - j0);
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < block) {
            __global const float* kr = kh + (long) (j0 + lid) * ld;
            float dot = 0.0f;
            for (int dd = 0; dd < d; dd++) dot += qrow[dd] * kr[dd];
            p[lid] = scale * dot;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        float bm = m;
        for (int j = 0; j < block; j++) bm = fmax(bm, p[j]);
        float corr = exp(m - bm);         // 0 on the first block (m = -inf)
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < block) p[lid] = exp(p[lid] - bm);
        barrier(CLK_LOCAL_MEM_FENCE);
        float bs = 0.0f;
        for (int j = 0; j < block; j++) bs += p[j];
        sum = sum * corr + bs;
        m = bm;
        for (int dd = lid; dd < d; dd += ls) {
            float a = acc[dd] * corr;
            for (int j = 0; j < block; j++) a += p[j] * vh[(long) (j0 + j) * ld + dd];
            acc[dd] = a;
        }
    }
    float inv = 1.0f / sum;
    for (int dd = lid; dd < d; dd += ls) out[qo + dd] = acc[dd] * inv;
    if (lid == 0) lse[row] = m + log(sum);
}

// D = Σ_dd gOut·out per (head, query row): the Σ_j p_j·dp_j of the softmax backward. One work-item per row.
__kernel void attention_backward_delta(__global const float* out, __global const float* gOut, int rows, int t, int d,
                                       int G, __global float* delta) {
    int row = get_global_id(0);
    if (row >= rows) return;
    long o = head_row(row / t, row % t, t, G, d);
    float acc = 0.0f;
    for (int dd = 0; dd < d; dd++) acc += gOut[o + dd] * out[o + dd];
    delta[row] = acc;
}

// dq_i = Σ_j dS_ij·k_j with p_ij = exp(scale·q_i·k_j - lse_i) and dS_ij = p_ij·(gOut_i·v_j - D_i)·scale.
// One work-group per (head, query row), keys a block of `ls` at a time as in attention_forward.
__kernel void attention_backward_dq(__global const float* q, __global const float* k, __global const float* v,
                                    __global const float* lse, __global const float* delta,
                                    __global const float* gOut, int t, int s, int d, int G, float scale,
                                    __global float* dq, __local float* qrow, __local float* grow, __local float* acc,
                                    __local float* ds) {
    int lid = get_local_id(0), ls = get_local_size(0);
    int row = get_group_id(0);
    int h = row / t, i = row % t;
    int n = s - t + i + 1;
    int ld = G * d;
    long qo = head_row(h, i, t, G, d);
    __global const float* kh = k + head_row(h, 0, s, G, d);
    __global const float* vh = v + head_row(h, 0, s, G, d);
    for (int dd = lid; dd < d; dd += ls) {
        qrow[dd] = q[qo + dd];
        grow[dd] = gOut[qo + dd];
        acc[dd] = 0.0f;
    }
    float l = lse[row], big = delta[row];
    for (int j0 = 0; j0 < n; j0 += ls) {
        int block = min(ls, n - j0);
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < block) {
            long jo = (long) (j0 + lid) * ld;
            float sc = 0.0f, dp = 0.0f;
            for (int dd = 0; dd < d; dd++) {
                sc += qrow[dd] * kh[jo + dd];
                dp += grow[dd] * vh[jo + dd];
            }
            float pj = exp(scale * sc - l);
            ds[lid] = pj * (dp - big) * scale;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int dd = lid; dd < d; dd += ls) {
            float a = acc[dd];
            for (int j = 0; j < block; j++) a += ds[j] * kh[(long) (j0 + j) * ld + dd];
            acc[dd] = a;
        }
    }
    for (int dd = lid; dd < d; dd += ls) dq[qo + dd] = acc[dd];
}

// dk_j = Σ_i dS_ij·q_i and dv_j = Σ_i p_ij·gOut_i over the queries that see key j (i >= j - (s - t)).
// One work-group per (head, key row), queries a block of `ls` at a time; no atomics.
__kernel void attention_backward_dkv(__global const float* q, __global const float* k, __global const float* v,
                                     __global const float* lse, __global const float* delta,
                                     __global const float* gOut, int t, int s, int d, int G, float scale,
                                     __global float* dk, __global float* dv, __local float* krow,
                                     __local float* vrow, __local float* acck, __local float* accv,
                                     __local float* pb, __local float* ds) {
    int lid = get_local_id(0), ls = get_local_size(0);
    int key = get_group_id(0);            // h·s + j
    int h = key / s, j = key % s;
    int first = max(0, j - (s - t));      // the first query that sees key j
    int ld = G * d;
    long ko = head_row(h, j, s, G, d);
    __global const float* qh = q + head_row(h, 0, t, G, d);
    __global const float* gh = gOut + head_row(h, 0, t, G, d);
    for (int dd = lid; dd < d; dd += ls) {
        krow[dd] = k[ko + dd];
        vrow[dd] = v[ko + dd];
        acck[dd] = 0.0f;
        accv[dd] = 0.0f;
    }
    for (int i0 = first; i0 < t; i0 += ls) {
        int block = min(ls, t - i0);
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < block) {
            int i = i0 + lid;
            long io = (long) i * ld;
            float sc = 0.0f, dp = 0.0f;
            for (int dd = 0; dd < d; dd++) {
                sc += qh[io + dd] * krow[dd];
                dp += gh[io + dd] * vrow[dd];
            }
            float pi = exp(scale * sc - lse[h * t + i]);
            pb[lid] = pi;
            ds[lid] = pi * (dp - delta[h * t + i]) * scale;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int dd = lid; dd < d; dd += ls) {
            float ak = acck[dd], av = accv[dd];
            for (int b = 0; b < block; b++) {
                long io = (long) (i0 + b) * ld + dd;
                ak += ds[b] * qh[io];
                av += pb[b] * gh[io];
            }
            acck[dd] = ak;
            accv[dd] = av;
        }
    }
    for (int dd = lid; dd < d; dd += ls) {
        dk[ko + dd] = acck[dd];
        dv[ko + dd] = accv[dd];
    }
}

// ---- AdamW ------------------------------------------------------------------------------------------------------

// One parameter, in place: m ← β1·m + (1-β1)·g, v ← β2·v + (1-β2)·g², p ← p·keep + step·m/(√(v/c2) + ε) with
// keep = 1 - lr·decay and step = -lr/c1 (m and v from 0; p and g from their offsets).
__kernel void adamw(__global float* p, int po, __global const float* g, int go, __global float* m, __global float* v,
                    int n, float beta1, float beta2, float eps, float keep, float step, float invC2) {
    int i = get_global_id(0);
    if (i >= n) return;
    float gi = g[go + i];
    float mi = m[i] * beta1 + gi * (1.0f - beta1);
    float vi = v[i] * beta2 + gi * gi * (1.0f - beta2);
    m[i] = mi;
    v[i] = vi;
    p[po + i] = p[po + i] * keep + step * (mi / (sqrt(vi * invC2) + eps));
}
