#!/usr/bin/env python3
"""PyTorch references for Seedling's norm layouts and residual schemes (issue 7: Hyper-Connections, Frac-Connections,
HybridNorm, HybridNorm*, QK-norm, Pre-Post, Mix-LN, OLMo Post-Norm, classic Post-Norm, SDD).

For each variant it draws random weights (perturbed away from the initialisation, so that connection matrices,
dynamic projections, scales and norm gains are all non-trivial), writes them as a Seedling model directory
(config.json + model.safetensors, F32, Seedling's parameter names) and writes reference.safetensors holding the token
ids, targets, the logits, the loss and the gradient of the loss with respect to every parameter (`grad.<name>`).
module-tests' ResidualNormParityTest loads each directory with ModelDirectory.load and compares.

The model here is written independently from the papers' equations (see ../shared/specs/residual-and-norm.md and
docs/checkpoint-format.md for the layouts), not translated from Seedling's Java.

Run from the repository root with Debian's PyTorch:  /usr/bin/python3 tools/reference/generate_residual_norm_parity.py
"""
import json
import math
import os
import struct

import torch
import torch.nn.functional as F

import transformer_reference as reference

V, D, L, H, KV, FF, T, B = 24, 16, 2, 4, 2, 24, 6, 2
HD = D // H
EPS = 1e-5
THETA = 10000.0
OUT = os.path.join("module-tests", "src", "test", "resources", "fixtures", "residual-norm")

# name: (norm_layout, residual, rate, dynamic)
VARIANTS = {
    "post": ("post", "plain", 2, False),
    "post_normed": ("post_normed", "plain", 2, False),
    "qk_norm": ("qk_norm", "plain", 2, False),
    "pre_post": ("pre_post", "plain", 2, False),
    "mix_ln": ("mix_ln", "plain", 2, False),
    "hybrid": ("hybrid", "plain", 2, False),
    "hybrid_star": ("hybrid_star", "plain", 2, False),
    "sdd_post": ("sdd_post", "plain", 2, False),
    "sdd_pre": ("sdd_pre", "plain", 2, False),
    "hyper_static_2": ("pre", "hyper", 2, False),
    "hyper_dynamic_3": ("pre", "hyper", 3, True),
    "frac_static_2": ("pre", "frac", 2, False),
    "frac_dynamic_4": ("pre", "frac", 4, True),
    "hybrid_hyper_dynamic_2": ("hybrid", "hyper", 2, True),
    "sdd_post_frac_dynamic_2": ("sdd_post", "frac", 2, True),
    "post_frac_static_4": ("post", "frac", 4, False),
}


def placements(layout, block):
    """(attention site, FFN site) placement of a block: pre, post, normed or bare."""
    mix_post = block < max(1, L // 4)
    return {
        "pre": ("pre", "pre"), "qk_norm": ("pre", "pre"), "sdd_pre": ("pre", "pre"),
        "post": ("post", "post"), "post_normed": ("normed", "normed"), "sdd_post": ("normed", "normed"),
        "pre_post": ("pre", "normed"), "mix_ln": ("post", "post") if mix_post else ("pre", "pre"),
        "hybrid": ("bare", "normed"), "hybrid_star": ("pre", "pre") if block == 0 else ("bare", "normed"),
    }[layout]


def build_params(layout, residual, rate, dynamic, g):
    def rand(*shape, std=0.2):
        return torch.randn(*shape, generator=g) * std

    def gain(n):
        return 1 + rand(n, std=0.1)

    sdd = layout.startswith("sdd")
    qk = layout in ("qk_norm", "hybrid", "hybrid_star", "sdd_post", "sdd_pre")
    vn = layout in ("hybrid", "hybrid_star")
    p = {"embed.weight": rand(V, D, std=0.5)}
    for i in range(L):
        b = f"blocks.{i}."
        for site, place in zip(("attn_residual", "ffn_residual"), placements(layout, i)):
            if place != "bare":
                p[b + site + ".norm.weight"] = gain(D)
            c = b + site + ".connection."
            if residual == "hyper":
                k = 2 * i + (site == "ffn_residual")
                a = torch.zeros(rate, rate + 1)
                a[k % rate, 0] = 1
                a[:, 1:] = torch.eye(rate)
                p[c + "static_alpha"] = a + rand(rate, rate + 1, std=0.3)
                p[c + "static_beta"] = 1 + rand(rate, std=0.3)
                if dynamic:
                    p[c + "dynamic_alpha_fn"] = rand(D, rate + 1, std=0.3)
                    p[c + "dynamic_beta_fn"] = rand(D, std=0.3)
                    p[c + "dynamic_alpha_scale"] = torch.tensor([0.5])
                    p[c + "dynamic_beta_scale"] = torch.tensor([0.7])
            elif residual == "frac":
                p[c + "static_alpha"] = torch.cat([torch.eye(rate), torch.eye(rate)], 1) + rand(rate, 2 * rate, std=0.3)
                p[c + "static_beta"] = 1 + rand(rate, std=0.3)
                if dynamic:
                    p[c + "norm.weight"] = gain(D // rate)
                    p[c + "dynamic_alpha_fn"] = rand(D // rate, 2 * rate, std=0.3)
                    p[c + "dynamic_beta_fn"] = rand(D // rate, std=0.3)
                    p[c + "dynamic_alpha_scale"] = torch.tensor([0.5])
                    p[c + "dynamic_beta_scale"] = torch.tensor([0.7])
        p[b + "attn.q_proj.weight"] = rand(D, D)
        p[b + "attn.k_proj.weight"] = rand(KV * HD, D)
        p[b + "attn.v_proj.weight"] = rand(KV * HD, D)
        p[b + "attn.o_proj.weight"] = rand(D, D)
        if sdd:
            p[b + "attn.o_proj.alpha"] = gain(D) / math.sqrt(2 * L)
            p[b + "attn.context_norm.weight"] = gain(D)
        if qk:
            p[b + "attn.q_norm.weight"] = gain(HD)
            p[b + "attn.k_norm.weight"] = gain(HD)
        if vn:
            p[b + "attn.v_norm.weight"] = gain(HD)
        p[b + "ffn.gate_proj.weight"] = rand(FF, D)
        p[b + "ffn.up_proj.weight"] = rand(FF, D)
        p[b + "ffn.down_proj.weight"] = rand(D, FF)
        if sdd:
            p[b + "ffn.gate_up_alpha"] = gain(2 * FF)
            p[b + "ffn.down_proj.alpha"] = gain(D) / math.sqrt(2 * L)
    if layout != "post":
        p["final_norm.weight"] = gain(D)
    return p


def rms(x, w):
    return reference.rms(x, w, EPS)


COS, SIN = reference.rope_tables(T, HD, THETA)


def rope(x):
    return reference.rope(x, COS, SIN)


def attention(p, b, x):
    n = x.shape[:-1]
    q = (x @ p[b + "q_proj.weight"].T).view(*n, H, HD).transpose(-3, -2)
    k = (x @ p[b + "k_proj.weight"].T).view(*n, KV, HD).transpose(-3, -2)
    v = (x @ p[b + "v_proj.weight"].T).view(*n, KV, HD).transpose(-3, -2)
    if b + "q_norm.weight" in p:   # per head, one weight for all heads, before RoPE
        q, k = rms(q, p[b + "q_norm.weight"]), rms(k, p[b + "k_norm.weight"])
    if b + "v_norm.weight" in p:
        v = rms(v, p[b + "v_norm.weight"])
    q, k = rope(q), rope(k)
    k = k.repeat_interleave(H // KV, dim=-3)
    v = v.repeat_interleave(H // KV, dim=-3)
    s = (q @ k.transpose(-1, -2)) / math.sqrt(HD)
    mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
    a = torch.softmax(s.masked_fill(mask, float("-inf")), -1)
    o = (a @ v).transpose(-3, -2).reshape(*n, D)
    if b + "context_norm.weight" in p:
        o = rms(o, p[b + "context_norm.weight"])
    o = o @ p[b + "o_proj.weight"].T
    if b + "o_proj.alpha" in p:    # SDD: α ⊙ norm(W x)
        o = rms(o, p[b + "o_proj.alpha"])
    return o


def ffn(p, b, x):
    gate, up = x @ p[b + "gate_proj.weight"].T, x @ p[b + "up_proj.weight"].T
    if b + "gate_up_alpha" in p:   # SDD: one RMS over the fused [gate | up]
        fused = rms(torch.cat([gate, up], -1), p[b + "gate_up_alpha"])
        gate, up = fused[..., :FF], fused[..., FF:]
    f = (F.silu(gate) * up) @ p[b + "down_proj.weight"].T
    if b + "down_proj.alpha" in p:
        f = rms(f, p[b + "down_proj.alpha"])
    return f


def connect(p, c, residual, rate, h, t):
    """The residual connection at one site: h + T(h), Hyper- or Frac-Connections (stream h)."""
    if residual == "plain":
        return h + t(h)
    if residual == "hyper":
        alpha, beta = p[c + "static_alpha"], p[c + "static_beta"]
        if c + "dynamic_alpha_fn" in p:
            hn = F.layer_norm(h, (D,), eps=EPS)
            alpha = p[c + "dynamic_alpha_scale"] * torch.tanh(hn @ p[c + "dynamic_alpha_fn"]) + alpha
            beta = p[c + "dynamic_beta_scale"] * torch.tanh(hn @ p[c + "dynamic_beta_fn"]) + beta
        mix = torch.einsum("...in,...id->...nd", alpha.expand(*h.shape[:-1], rate + 1), h)
        o = t(mix[..., 0, :])
        return beta[..., None] * o[..., None, :] + mix[..., 1:, :]
    w = D // rate
    hf = h.reshape(*h.shape[:-1], rate, w)
    alpha, beta = p[c + "static_alpha"], p[c + "static_beta"]
    if c + "dynamic_alpha_fn" in p:
        hn = rms(hf, p[c + "norm.weight"])
        alpha = p[c + "dynamic_alpha_scale"] * torch.tanh(hn @ p[c + "dynamic_alpha_fn"]) + alpha
        beta = p[c + "dynamic_beta_scale"] * torch.tanh(hn @ p[c + "dynamic_beta_fn"]) + beta
    mix = torch.einsum("...in,...id->...nd", alpha.expand(*hf.shape[:-1], 2 * rate), hf)
    o = t(mix[..., :rate, :].reshape(*h.shape))
    return (beta[..., None] * o.reshape(*hf.shape) + mix[..., rate:, :]).reshape(*h.shape)


def site(p, prefix, place, residual, rate, h, t):
    norm = (lambda x: rms(x, p[prefix + ".norm.weight"])) if place != "bare" else None
    c = prefix + ".connection."
    if place == "pre":
        return connect(p, c, residual, rate, h, lambda x: t(norm(x)))
    if place == "post":
        return norm(connect(p, c, residual, rate, h, t))
    if place == "normed":
        return connect(p, c, residual, rate, norm(h), t)
    return connect(p, c, residual, rate, h, t)


def forward(p, layout, residual, rate, ids):
    h = p["embed.weight"][ids]
    if residual == "hyper":
        h = h[..., None, :].expand(*h.shape[:-1], rate, D)
    for i in range(L):
        b = f"blocks.{i}."
        pa, pf = placements(layout, i)
        h = site(p, b + "attn_residual", pa, residual, rate, h, lambda x: attention(p, b + "attn.", x))
        h = site(p, b + "ffn_residual", pf, residual, rate, h, lambda x: ffn(p, b + "ffn.", x))
    if residual == "hyper":
        h = h.sum(-2)
    if "final_norm.weight" in p:
        h = rms(h, p["final_norm.weight"])
    return h @ p["embed.weight"].T


def write_safetensors(path, tensors):
    """The published format: 8-byte little-endian header length, JSON header, raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().tobytes()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    g = torch.Generator().manual_seed(777)
    ids = torch.randint(0, V, (B, T), generator=g)
    targets = torch.randint(0, V, (B, T), generator=g)
    for name, (layout, residual, rate, dynamic) in VARIANTS.items():
        p = {k: v.float().requires_grad_(True) for k, v in build_params(layout, residual, rate, dynamic, g).items()}
        logits = forward(p, layout, residual, rate, ids)
        loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
        loss.backward()
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        config = {"vocab_size": V, "d_model": D, "layers": L, "heads": H, "kv_heads": KV, "ffn_hidden": FF,
                  "max_seq_len": T, "rope_theta": THETA, "norm": "rms", "norm_eps": EPS, "norm_layout": layout,
                  "residual": residual, "ffn": "swiglu", "tie_embeddings": True, "dropout": 0.0, "seed": 0,
                  "block_options": {"rate": rate, "dynamic": dynamic}}
        with open(os.path.join(d, "config.json"), "w") as f:
            json.dump(config, f, indent=1)
        write_safetensors(os.path.join(d, "model.safetensors"), p)
        ref = {"ids": ids, "targets": targets, "logits": logits, "loss": loss.reshape(1)}
        ref.update({"grad." + k: v.grad for k, v in p.items()})
        write_safetensors(os.path.join(d, "reference.safetensors"), ref)
        print(f"{name}: loss {loss.item():.6f}")
    with open(os.path.join(OUT, "variants.txt"), "w") as f:
        f.write("\n".join(VARIANTS) + "\n")


if __name__ == "__main__":
    main()
