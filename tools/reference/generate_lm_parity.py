#!/usr/bin/env python3
"""PyTorch reference for Seedling's TransformerLM (Pre-Norm, RMSNorm, GQA attention with rotate-half RoPE, SwiGLU,
tied embeddings). Writes random weights under Seedling's parameter names, token ids, targets, the logits, the loss
and two gradients to module-tests/src/test/resources/fixtures/lm/parity.json.

Run from the repository root with Debian's PyTorch:  /usr/bin/python3 tools/reference/generate_lm_parity.py
"""
import json
import os

import torch

import transformer_reference as reference

torch.manual_seed(1234)
V, D, L, H, KV, F, T, B = 32, 16, 2, 4, 2, 32, 7, 2
HD = D // H
EPS = 1e-5
THETA = 10000.0

def rand(*shape, std=0.2):
    return (torch.randn(*shape) * std).float()

params = {"embed.weight": rand(V, D, std=0.5)}
for i in range(L):
    p = f"blocks.{i}."
    params[p + "attn_residual.norm.weight"] = 1 + rand(D, std=0.1)
    params[p + "attn.q_proj.weight"] = rand(D, D)
    params[p + "attn.k_proj.weight"] = rand(KV * HD, D)
    params[p + "attn.v_proj.weight"] = rand(KV * HD, D)
    params[p + "attn.o_proj.weight"] = rand(D, D)
    params[p + "ffn_residual.norm.weight"] = 1 + rand(D, std=0.1)
    params[p + "ffn.gate_proj.weight"] = rand(F, D)
    params[p + "ffn.up_proj.weight"] = rand(F, D)
    params[p + "ffn.down_proj.weight"] = rand(D, F)
params["final_norm.weight"] = 1 + rand(D, std=0.1)
for t in params.values():
    t.requires_grad_(True)

def rms(x, w):
    return reference.rms(x, w, EPS)

cos, sin = reference.rope_tables(T, HD, THETA)

def forward(ids):
    h = params["embed.weight"][ids]
    for i in range(L):
        p = f"blocks.{i}."
        x = rms(h, params[p + "attn_residual.norm.weight"])
        h = h + reference.causal_attention(x, *[params[p + f"attn.{n}_proj.weight"] for n in "qkvo"], H, KV, cos,
                                           sin)
        x = rms(h, params[p + "ffn_residual.norm.weight"])
        g = torch.nn.functional.silu(x @ params[p + "ffn.gate_proj.weight"].T)
        u = x @ params[p + "ffn.up_proj.weight"].T
        h = h + (g * u) @ params[p + "ffn.down_proj.weight"].T
    h = rms(h, params["final_norm.weight"])
    return h @ params["embed.weight"].T

ids = torch.randint(0, V, (B, T))
targets = torch.randint(0, V, (B, T))
logits = forward(ids)
loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
loss.backward()

out = {
    "config": {"vocab_size": V, "d_model": D, "layers": L, "heads": H, "kv_heads": KV, "ffn_hidden": F,
               "max_seq_len": T, "rope_theta": THETA, "norm": "rms", "norm_eps": EPS, "norm_layout": "pre",
               "residual": "plain", "ffn": "swiglu", "tie_embeddings": True, "dropout": 0.0, "init": "small",
               "init_std": 0.02, "seed": 0},
    "params": {k: {"shape": list(t.shape), "data": t.detach().flatten().tolist()} for k, t in params.items()},
    "ids": ids.flatten().tolist(), "targets": targets.flatten().tolist(), "batch": B, "time": T,
    "logits": logits.detach().flatten().tolist(),
    "loss": loss.item(),
    "grads": {k: params[k].grad.flatten().tolist()
              for k in ["embed.weight", "blocks.1.attn.k_proj.weight", "blocks.0.ffn_residual.norm.weight"]},
    "torch_version": torch.__version__,
}
path = os.path.join("module-tests", "src", "test", "resources", "fixtures", "lm", "parity.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, "loss", loss.item())
