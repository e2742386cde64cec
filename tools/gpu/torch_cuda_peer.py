"""PyTorch CUDA peer figures for Seedling's OpenCL backend on a GPU host (tools/gpu/run-on-gpu.sh).

  python3 torch_cuda_peer.py gemm [N ...]   FP32 SGEMM GFLOP/s with TF32 off, best of 7 after 2 warm-ups
  python3 torch_cuda_peer.py lm-step        training-step time of the small LM preset, CUDA eager (no compile)

The LM is ../shared/bench/torch_lm_step.py's model (vocab 256, d 256, 4 layers, 4 heads, SwiGLU 688, seq 128,
batch 8, AdamW), moved to the GPU; the timer synchronises the device. Prints one line per figure; without CUDA it
says so and exits 0, so the run script goes on.
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

if not torch.cuda.is_available():
    print(f"torch {torch.__version__}: no CUDA device, peer figures skipped")
    sys.exit(0)
dev = torch.device("cuda")
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False


def gemm(sizes):
    for n in sizes:
        a = torch.rand(n, n, device=dev)
        b = torch.rand(n, n, device=dev)
        for _ in range(2):
            a @ b
        torch.cuda.synchronize()
        best = float("inf")
        for _ in range(7):
            t0 = time.perf_counter()
            a @ b
            torch.cuda.synchronize()
            best = min(best, time.perf_counter() - t0)
        print(f"torch gemm {n} {2 * n ** 3 / best / 1e9:.1f} GFLOP/s tf32=off device={torch.cuda.get_device_name()}")


def lm_step():
    torch.manual_seed(0)
    V, D, L, H, FF, T, B = 256, 256, 4, 4, 688, 128, 8

    class RMS(nn.Module):
        def __init__(s, d): super().__init__(); s.w = nn.Parameter(torch.ones(d))
        def forward(s, x): return s.w * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6)

    def rope(x):
        b, h, t, hd = x.shape
        inv = 1.0 / (10000 ** (torch.arange(0, hd, 2, device=x.device).float() / hd))
        ang = torch.outer(torch.arange(t, device=x.device).float(), inv)
        c, s = ang.cos(), ang.sin()
        x1, x2 = x[..., ::2], x[..., 1::2]
        return torch.stack([x1 * c - x2 * s, x1 * s + x2 * c], -1).flatten(-2)

    class Block(nn.Module):
        def __init__(s):
            super().__init__(); s.n1, s.n2 = RMS(D), RMS(D)
            s.qkv = nn.Linear(D, 3 * D, bias=False); s.o = nn.Linear(D, D, bias=False)
            s.up = nn.Linear(D, 2 * FF, bias=False); s.down = nn.Linear(FF, D, bias=False)
        def forward(s, x):
            b, t, _ = x.shape
            q, k, v = s.qkv(s.n1(x)).view(b, t, 3, H, D // H).permute(2, 0, 3, 1, 4)
            q, k = rope(q), rope(k)
            att = (q @ k.transpose(-1, -2)) / math.sqrt(D // H)
            mask = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
            att = att.masked_fill(mask, float('-inf')).softmax(-1)
            x = x + s.o((att @ v).transpose(1, 2).reshape(b, t, D))
            g, u = s.up(s.n2(x)).chunk(2, -1)
            return x + s.down(F.silu(g) * u)

    class LM(nn.Module):
        def __init__(s):
            super().__init__(); s.emb = nn.Embedding(V, D)
            s.blocks = nn.ModuleList(Block() for _ in range(L)); s.nf = RMS(D)
        def forward(s, ids):
            x = s.emb(ids)
            for blk in s.blocks: x = blk(x)
            return s.nf(x) @ s.emb.weight.t()

    m = LM().to(dev)
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3)
    ids = torch.randint(0, V, (B, T + 1), device=dev)

    def step():
        logits = m(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, V), ids[:, 1:].reshape(-1))
        opt.zero_grad(); loss.backward(); opt.step()
        return loss.item()   # item() synchronises, as Seedling's step reads the loss

    for _ in range(3): step()
    n = 10
    t0 = time.perf_counter()
    for _ in range(n): step()
    dt = (time.perf_counter() - t0) / n
    print(f"torch {torch.__version__} cuda eager lm-step params={sum(p.numel() for p in m.parameters())} "
          f"step_ms={dt * 1000:.1f} tokens_per_s={B * T / dt:.0f} device={torch.cuda.get_device_name()}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "gemm"
    if what == "gemm":
        gemm([int(a) for a in sys.argv[2:]] or [4096])
    elif what == "lm-step":
        lm_step()
    else:
        sys.exit(f"unknown figure {what}: gemm or lm-step")
