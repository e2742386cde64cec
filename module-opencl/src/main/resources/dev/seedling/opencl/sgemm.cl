// Tiled SGEMM: C[b] = op(A[b]) · op(B[b]), C contiguous [batch, M, N]. OpenCL C 1.2.
// Each work-group computes a TM x TN tile of C, stepping through K in slabs of TK that it stages in local memory;
// each work-item holds an RM x RN block of C in registers as float4 runs: rows (ty + i*LY)*4 + r and columns
// (tx + j*LX)*4 + c, so one float4 read from local memory feeds four FMAs per operand and neighbouring work-items read
// neighbouring float4s. The next slab is fetched from global memory into registers while the current one is multiplied.
// Global reads are float4 along whichever index is contiguous (k for A and Bᵀ rows, m or n otherwise).
// TM, TN, TK, RM, RN come from the build options (chosen per device by the autotuner); RM, RN, TM, TN and TK are
// multiples of 4. These are the defaults.
#ifndef TM
#define TM 32
#endif
#ifndef TN
#define TN 32
#endif
#ifndef TK
#define TK 16
#endif
#ifndef RM
#define RM 4
#endif
#ifndef RN
#define RN 4
#endif
#define LX (TN / RN)
#define LY (TM / RM)
#define NT (LX * LY)
// local rows are padded by one float4, which keeps every float4 of them aligned
#define PAD 4
// SGEMM_GPU (the backend passes -DSGEMM_GPU for GPUs and accelerators) unrolls the slab loop and fetches the next
// slab into registers during the arithmetic. PoCL's CPU compiler takes minutes over that form (registers live across
// barriers become per-work-item context arrays), and a CPU gains nothing from it, so CPU devices stage each slab
// straight into local memory.
#define A_VECS (TM * TK / 4)
#define B_VECS (TN * TK / 4)
#define A_PER ((A_VECS + NT - 1) / NT)
#define B_PER ((B_VECS + NT - 1) / NT)

// Four consecutive elements p[0..3] of a contiguous row, where p[0] is the row's element `at` and the row has `len`
// elements: one vload4 when all four are in the row, else the ones in it and zeros.
inline float4 sgemm_load4(__global const float* p, int at, int len) {
    if (at + 3 < len) return vload4(0, p);
    float4 v = (float4) 0.0f;
    v.x = at < len ? p[0] : 0.0f;
    v.y = at + 1 < len ? p[1] : 0.0f;
    v.z = at + 2 < len ? p[2] : 0.0f;
    return v;
}

// sgemm_load4, as one aligned 16-byte read when `aligned` says p is 16-byte aligned whenever `at` is a multiple of 4
// (vload4 promises the compiler only 4-byte alignment, and a GPU then reads four words)
inline float4 sgemm_row4(__global const float* p, int at, int len, int aligned) {
    if (aligned && at + 3 < len) return *(__global const float4*) p;
    return sgemm_load4(p, at, len);
}

// The e-th float4 of a slab of `rows` rows (from r0, of R) by TK (from k0, of K). alongK: P is R x K row-major and
// the float4 runs along k; otherwise P is K x R row-major and it runs along r. aligned: P is 16-byte aligned and its
// rows hold a multiple of 4 elements.
inline float4 sgemm_tile_load(__global const float* P, int alongK, int aligned, int e, int rows, int r0, int R,
                              int k0, int K) {
    if (alongK) {
        int r = e / (TK / 4), k = (e % (TK / 4)) * 4;
        return r0 + r < R ? sgemm_row4(P + (long) (r0 + r) * K + k0 + k, k0 + k, K, aligned) : (float4) 0.0f;
    }
    int k = e / (rows / 4), r = (e % (rows / 4)) * 4;
    return k0 + k < K ? sgemm_row4(P + (long) (k0 + k) * R + r0 + r, r0 + r, R, aligned) : (float4) 0.0f;
}

// Stores that float4 into the k-major local slab S[TK][rows + PAD] (declared as float4s, so aligned).
inline void sgemm_tile_store(__local float4* S4, int alongK, int e, int rows, float4 v) {
    const int w = rows + PAD;
    if (alongK) {
        __local float* S = (__local float*) S4;
        int r = e / (TK / 4), k = (e % (TK / 4)) * 4;
        S[k * w + r] = v.x; S[(k + 1) * w + r] = v.y; S[(k + 2) * w + r] = v.z; S[(k + 3) * w + r] = v.w;
    } else {
        int k = e / (rows / 4), r = (e % (rows / 4)) * 4;
        S4[(k * w + r) / 4] = v;
    }
}

__kernel __attribute__((reqd_work_group_size(LX, LY, 1)))
void sgemm(int M, int N, int K, int transA, int transB,
           __global const float* A, int aOff, int aBatch,
           __global const float* B, int bOff, int bBatch,
           __global float* C) {
    __local float4 As[TK * (TM + PAD) / 4];
    __local float4 Bs[TK * (TN + PAD) / 4];
    const int tx = get_local_id(0), ty = get_local_id(1);
    const int tid = ty * LX + tx;
    const int n0 = get_group_id(0) * TN, m0 = get_group_id(1) * TM;
    const int bidx = get_global_id(2);
    const int aAlongK = !transA, bAlongK = transB;
    const int aAligned = aOff % 4 == 0 && aBatch % 4 == 0 && (aAlongK ? K : M) % 4 == 0;
    const int bAligned = bOff % 4 == 0 && bBatch % 4 == 0 && (bAlongK ? K : N) % 4 == 0;
    A += aOff + (long) bidx * aBatch;
    B += bOff + (long) bidx * bBatch;
    C += (long) bidx * M * N;

    float4 acc[RM][RN / 4];
    for (int i = 0; i < RM; i++)
        for (int j = 0; j < RN / 4; j++) acc[i][j] = (float4) 0.0f;

#ifdef SGEMM_GPU
    float4 pa[A_PER], pb[B_PER];
    for (int p = 0; p < A_PER; p++) {
        int e = tid + p * NT;
        pa[p] = e < A_VECS ? sgemm_tile_load(A, aAlongK, aAligned, e, TM, m0, M, 0, K) : (float4) 0.0f;
    }
    for (int p = 0; p < B_PER; p++) {
        int e = tid + p * NT;
        pb[p] = e < B_VECS ? sgemm_tile_load(B, bAlongK, bAligned, e, TN, n0, N, 0, K) : (float4) 0.0f;
    }
#endif
    for (int k0 = 0; k0 < K; k0 += TK) {
#ifdef SGEMM_GPU
        for (int p = 0; p < A_PER; p++) {
            int e = tid + p * NT;
            if (e < A_VECS) sgemm_tile_store(As, aAlongK, e, TM, pa[p]);
        }
        for (int p = 0; p < B_PER; p++) {
            int e = tid + p * NT;
            if (e < B_VECS) sgemm_tile_store(Bs, bAlongK, e, TN, pb[p]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (k0 + TK < K) {   // the next slab's global reads overlap this slab's arithmetic
            for (int p = 0; p < A_PER; p++) {
                int e = tid + p * NT;
                if (e < A_VECS) pa[p] = sgemm_tile_load(A, aAlongK, aAligned, e, TM, m0, M, k0 + TK, K);
            }
            for (int p = 0; p < B_PER; p++) {
                int e = tid + p * NT;
                if (e < B_VECS) pb[p] = sgemm_tile_load(B, bAlongK, bAligned, e, TN, n0, N, k0 + TK, K);
            }
        }
#else
        for (int e = tid; e < A_VECS; e += NT)
            sgemm_tile_store(As, aAlongK, e, TM, sgemm_tile_load(A, aAlongK, aAligned, e, TM, m0, M, k0, K));
        for (int e = tid; e < B_VECS; e += NT)
            sgemm_tile_store(Bs, bAlongK, e, TN, sgemm_tile_load(B, bAlongK, bAligned, e, TN, n0, N, k0, K));
        barrier(CLK_LOCAL_MEM_FENCE);
#endif
#ifdef SGEMM_GPU
#pragma unroll
#endif
        for (int kk = 0; kk < TK; kk++) {
            float4 a[RM / 4], b[RN / 4];
            for (int i = 0; i < RM / 4; i++) a[i] = As[kk * ((TM + PAD) / 4) + ty + i * LY];
            for (int j = 0; j < RN / 4; j++) b[j] = Bs[kk * ((TN + PAD) / 4) + tx + j * LX];
            for (int i = 0; i < RM / 4; i++)
                for (int j = 0; j < RN / 4; j++) {
                    acc[4 * i][j] = fma((float4) a[i].x, b[j], acc[4 * i][j]);
                    acc[4 * i + 1][j] = fma((float4) a[i].y, b[j], acc[4 * i + 1][j]);
                    acc[4 * i + 2][j] = fma((float4) a[i].z, b[j], acc[4 * i + 2][j]);
                    acc[4 * i + 3][j] = fma((float4) a[i].w, b[j], acc[4 * i + 3][j]);
                }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int i = 0; i < RM; i++) {
        int gm = m0 + (ty + (i / 4) * LY) * 4 + i % 4;
        if (gm >= M) continue;
        for (int j = 0; j < RN / 4; j++) {
            int gn = n0 + (tx + j * LX) * 4;
            __global float* c = C + (long) gm * N + gn;
            float4 v = acc[i][j];
            if (gn + 3 < N) {
                if (N % 4 == 0) *(__global float4*) c = v;   // C's rows, like its buffer, start 16-byte aligned
                else vstore4(v, 0, c);
            } else {
                if (gn < N) c[0] = v.x;
                if (gn + 1 < N) c[1] = v.y;
                if (gn + 2 < N) c[2] = v.z;
            }
        }
    }
}
