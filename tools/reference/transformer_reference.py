"""The Transformer pieces the reference generators share, written from the equations (not from Seedling's code):
RMSNorm, rotate-half RoPE and causal grouped-query attention. Imported by generate_lm_parity.py,
generate_polyot_parity.py, generate_memory_parity.py and generate_residual_norm_parity.py (run from the repository
root, which puts this folder on Python's path).
"""
import math

import torch


def rms(x, w, eps):
    """RMSNorm over the last axis: x / sqrt(mean(x²) + eps) · w."""
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rope_tables(t, hd, theta):
    """cos and sin of positions 0..t-1 at the hd/2 RoPE frequencies theta^(-2i/hd), each repeated for both halves
    ([t, hd], computed in float64 and rounded to float32)."""
    inv = torch.tensor([theta ** (-2.0 * i / hd) for i in range(hd // 2)], dtype=torch.float64)
    ang = torch.arange(t, dtype=torch.float64)[:, None] * inv[None, :]
    return torch.cat([ang.cos(), ang.cos()], -1).float(), torch.cat([ang.sin(), ang.sin()], -1).float()


def rope(x, cos, sin):
    """Rotate-half RoPE of the last axis (head width hd) with tables from rope_tables."""
    hd = x.shape[-1]
    x1, x2 = x[..., : hd // 2], x[..., hd // 2:]
    return x * cos + torch.cat([-x2, x1], -1) * sin


def causal_attention(x, wq, wk, wv, wo, heads, kv_heads, cos, sin):
    """Causal grouped-query self-attention of x [b, t, d] with RoPE on queries and keys: softmax(q·kᵀ/√hd + mask)·v,
    kv_heads key/value heads each shared by heads/kv_heads query heads, then the output projection wo."""
    b, t, d = x.shape
    hd = d // heads
    q = (x @ wq.T).view(b, t, heads, hd).transpose(1, 2)
    k = (x @ wk.T).view(b, t, kv_heads, hd).transpose(1, 2)
    v = (x @ wv.T).view(b, t, kv_heads, hd).transpose(1, 2)
    q, k = rope(q, cos, sin), rope(k, cos, sin)
    k = k.repeat_interleave(heads // kv_heads, dim=1)
    v = v.repeat_interleave(heads // kv_heads, dim=1)
    s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
    mask = torch.triu(torch.ones(t, t, dtype=torch.bool), 1)
    a = torch.softmax(s.masked_fill(mask, float("-inf")), -1)
    return (a @ v).transpose(1, 2).reshape(b, t, d) @ wo.T
