#!/usr/bin/env python3
"""Usage: python3 numpy_gemm_shapes.py SHAPE ...  with SHAPE = [B*]MxNxK:{n,t}{n,t} (as seedling bench gemm --shape)."""
# numpy/OpenBLAS peer for the LM shapes, same forms as `seedling bench gemm --lm-shapes`: best of 7 after 2 warm-ups,
# GFLOP per CPU-second of the process (time.process_time).
import re, sys, time, numpy as np
for shape in sys.argv[1:]:
    m = re.fullmatch(r"(?:(\d+)\*)?(\d+)x(\d+)x(\d+):([nt])([nt])", shape)
    b, M, N, K = int(m[1] or 1), int(m[2]), int(m[3]), int(m[4])
    A = np.random.rand(b, K, M).astype(np.float32).swapaxes(1, 2) if m[5] == "t" else np.random.rand(b, M, K).astype(np.float32)
    B = np.random.rand(b, N, K).astype(np.float32).swapaxes(1, 2) if m[6] == "t" else np.random.rand(b, K, N).astype(np.float32)
    if b == 1:
        A, B = A[0], B[0]
    reps = max(1, int(4e9 / (2 * b * M * N * K)))
    for _ in range(2): A @ B
    best = float("inf")
    for _ in range(7):
        t = time.process_time()
        for _ in range(reps): A @ B
        best = min(best, (time.process_time() - t) / reps)
    print(f"openblas {shape} {2 * b * M * N * K / best / 1e9:.1f}")
