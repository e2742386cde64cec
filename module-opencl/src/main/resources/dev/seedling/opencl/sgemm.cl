// Tiled SGEMM: C[b] = op(A[b]) · op(B[b]), C contiguous [batch, M, N]. OpenCL C 1.2.
// Each work-group computes a TM x TN tile of C, stepping through K in slabs of TK that it stages in local memory;
// each work-item holds an RM x RN block of C in registers (rows ty + i*LY, columns tx + j*LX, so neighbouring
// work-items read neighbouring local-memory words). Rows of A (no transpose) and of B (transposed or not) that are
// contiguous in global memory are read with vload4 when four elements are in bounds.
// TM, TN, TK, RM, RN come from the build options (chosen per device by the autotuner); these are the defaults.
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
#define RM 2
#endif
#ifndef RN
#define RN 2
#endif
#define LX (TN / RN)
#define LY (TM / RM)
#define NT (LX * LY)

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

// Local tiles are stored k-major (As[kk][m], Bs[kk][n]) whatever the global layout, padded by one column.
__kernel __attribute__((reqd_work_group_size(LX, LY, 1)))
void sgemm(int M, int N, int K, int transA, int transB,
           __global const float* A, int aOff, int aBatch,
           __global const float* B, int bOff, int bBatch,
           __global float* C) {
    __local float As[TK][TM + 1];
    __local float Bs[TK][TN + 1];
    const int tx = get_local_id(0), ty = get_local_id(1);
    const int tid = ty * LX + tx;
    const int n0 = get_group_id(0) * TN, m0 = get_group_id(1) * TM;
    const int bidx = get_global_id(2);
    A += aOff + (long) bidx * aBatch;
    B += bOff + (long) bidx * bBatch;
    C += (long) bidx * M * N;

    float acc[RM][RN];
    for (int i = 0; i < RM; i++)
        for (int j = 0; j < RN; j++) acc[i][j] = 0.0f;

    for (int k0 = 0; k0 < K; k0 += TK) {
        if (!transA) {
            // A is M x K row-major: a row of TK along k is contiguous
            for (int e = tid; e < TM * (TK / 4); e += NT) {
                int mm = e / (TK / 4), kk = (e % (TK / 4)) * 4;
                int gm = m0 + mm, gk = k0 + kk;
                float4 v = gm < M ? sgemm_load4(A + (long) gm * K + gk, gk, K) : (float4) 0.0f;
                As[kk][mm] = v.x; As[kk + 1][mm] = v.y; As[kk + 2][mm] = v.z; As[kk + 3][mm] = v.w;
            }
        } else {
            // A is K x M row-major: a row along m is contiguous
            for (int e = tid; e < TM * TK; e += NT) {
                int kk = e / TM, mm = e % TM;
                int gm = m0 + mm, gk = k0 + kk;
                As[kk][mm] = (gm < M && gk < K) ? A[(long) gk * M + gm] : 0.0f;
            }
        }
        if (!transB) {
            // B is K x N row-major: a row along n is contiguous
            for (int e = tid; e < TK * (TN / 4); e += NT) {
                int kk = e / (TN / 4), nn = (e % (TN / 4)) * 4;
                int gk = k0 + kk, gn = n0 + nn;
                float4 v = gk < K ? sgemm_load4(B + (long) gk * N + gn, gn, N) : (float4) 0.0f;
                Bs[kk][nn] = v.x; Bs[kk][nn + 1] = v.y; Bs[kk][nn + 2] = v.z; Bs[kk][nn + 3] = v.w;
            }
        } else {
            // B is N x K row-major: a row along k is contiguous
            for (int e = tid; e < TN * (TK / 4); e += NT) {
                int nn = e / (TK / 4), kk = (e % (TK / 4)) * 4;
                int gn = n0 + nn, gk = k0 + kk;
                float4 v = gn < N ? sgemm_load4(B + (long) gn * K + gk, gk, K) : (float4) 0.0f;
                Bs[kk][nn] = v.x; Bs[kk + 1][nn] = v.y; Bs[kk + 2][nn] = v.z; Bs[kk + 3][nn] = v.w;
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TK; kk++) {
            float a[RM], b[RN];
            for (int i = 0; i < RM; i++) a[i] = As[kk][ty + i * LY];
            for (int j = 0; j < RN; j++) b[j] = Bs[kk][tx + j * LX];
            for (int i = 0; i < RM; i++)
                for (int j = 0; j < RN; j++) acc[i][j] = fma(a[i], b[j], acc[i][j]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int i = 0; i < RM; i++) {
        int gm = m0 + ty + i * LY;
        if (gm >= M) continue;
        for (int j = 0; j < RN; j++) {
            int gn = n0 + tx + j * LX;
            if (gn < N) C[(long) gm * N + gn] = acc[i][j];
        }
    }
}
