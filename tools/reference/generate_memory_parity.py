#!/usr/bin/env python3
"""PyTorch reference for Seedling's memory layers (models.memory): a product-key memory and an UltraMem layer on small
shapes (forward output, gradients of a fixed random projection of it with respect to the input and every parameter,
and UltraMem's auxiliary loss with its core gradient through torch.linalg.svdvals), plus a 2-block Transformer LM with
a PKM placed 0:1 (read at block 0's normed FFN input, added after block 1). Writes
module-tests/src/test/resources/fixtures/memory/parity.json.

Run from the repository root with Debian's PyTorch:  /usr/bin/python3 tools/reference/generate_memory_parity.py
"""
import json
import math
import os

import torch

import transformer_reference as reference
import torch.nn.functional as F

torch.manual_seed(4321)


def flat(t):
    return t.detach().flatten().tolist()


def leaf(t):
    return t.float().requires_grad_(True)


# ---------------------------------------------------------------- PKM: Lample et al. 2019, exact two-stage top-k
def pkm(x, P, heads, half, k):
    T = x.shape[0]
    n = P["keys"].shape[2]
    q = (x @ P["query_proj.weight"].T).view(T, heads, 2, half)
    out = 0
    for h in range(heads):
        s1 = q[:, h, 0] @ P["keys"][h, 0].T
        s2 = q[:, h, 1] @ P["keys"][h, 1].T
        v1, i1 = s1.topk(k, -1)
        v2, i2 = s2.topk(k, -1)
        cand = (v1[:, :, None] + v2[:, None, :]).reshape(T, k * k)
        best, sel = cand.topk(k, -1)
        slot = i1.gather(1, sel // k) * n + i2.gather(1, sel % k)
        w = torch.softmax(best, -1)
        out = out + (P["values"][slot] * w[..., None]).sum(1)
    return out


def pkm_case():
    D, n, kdim, k, heads, T = 10, 6, 8, 3, 2, 5
    P = {"query_proj.weight": leaf(torch.randn(heads * kdim, D) * 0.4),
         "keys": leaf(torch.rand(heads, 2, n, kdim // 2) * 2 - 1),
         "values": leaf(torch.randn(n * n, D) * 0.3)}
    x = leaf(torch.randn(T, D))
    out = pkm(x, P, heads, kdim // 2, k)
    R = torch.randn(out.shape)
    (out * R).sum().backward()
    return {"memory": {"kind": "pkm", "placement": "0:0", "keys": n, "key_dim": kdim, "top_m": k, "heads": heads},
            "d_model": D, "tokens": T, "x": flat(x), "weights": flat(R), "out": flat(out), "grad_x": flat(x.grad),
            "params": {name: flat(t) for name, t in P.items()},
            "grads": {name: flat(t.grad) for name, t in P.items()}}


# ---------------------------------------------------------------- UltraMem V1: TDQKR + MCS + IVE
def ultramem(x, P, perm, H, r, h, n, m, E, K2, kdim, vdim):
    T = x.shape[0]
    Q = 1 if H == 1 else H // 2
    q = F.layer_norm((x @ P["query_proj.weight"].T).view(T, Q, 2, kdim), (kdim,), P["query_norm.weight"],
                     P["query_norm.bias"], 1e-5)
    keys = F.layer_norm(P["keys"], (kdim,), P["key_norm.weight"], P["key_norm.bias"], 1e-5)
    scores, slots = [], []
    for hd in range(H):
        qh = q[:, 0 if H == 1 else hd // 2]
        s_row = torch.einsum("td,rnd->trn", qh[:, 0], keys[hd, 0])
        s_col = torch.einsum("td,rnd->trn", qh[:, 1], keys[hd, 1])
        a = (s_row.detach() * P["rank1_u"][hd].detach()[None, :, None]).sum(1)
        b = (s_col.detach() * P["rank1_t"][hd].detach()[None, :, None]).sum(1)
        I = a.topk(m, -1).indices
        J = b.topk(m, -1).indices
        sr = s_row.gather(2, I[:, None, :].expand(T, r, m))
        sc = s_col.gather(2, J[:, None, :].expand(T, r, m))
        G = [(sr.transpose(1, 2) @ P["cores"][c, hd] @ sc).reshape(T, m * m) for c in range(h)]
        sel = sum(g.detach() for g in G).topk(m, -1).indices
        scores.append(torch.stack([g.gather(1, sel) for g in G], 2))
        slots.append(I.gather(1, sel // m) * n + J.gather(1, sel % m))
    S = torch.cat(scores, 1)
    V = torch.cat(slots, 1)
    HM = V.shape[1]
    w = perm[V]
    phys, pool = w % K2, w // K2
    scaled = (P["values"][phys].view(T, HM, h, vdim // h) * S[..., None]).reshape(T, HM, vdim)
    pooled = torch.zeros(T, E, vdim).scatter_add(1, pool[..., None].expand(T, HM, vdim), scaled)
    return pooled.reshape(T, E * vdim) @ P["value_proj.weight"].T


def ultramem_case():
    D, K, kdim, vdim, m, H, r, h, E, T = 12, 4, 8, 6, 3, 2, 2, 2, 4, 4
    n = int(math.isqrt(E)) * K
    K2 = K * K
    P = {"query_proj.weight": leaf(torch.randn(H // 2 * 2 * kdim, D) * 0.3),
         "query_norm.weight": leaf(1 + torch.randn(kdim) * 0.1),
         "query_norm.bias": leaf(torch.randn(kdim) * 0.1),
         "keys": leaf(torch.randn(H, 2, r, n, kdim) * 0.3),
         "key_norm.weight": leaf(0.4 + torch.randn(kdim) * 0.05),
         "key_norm.bias": leaf(torch.randn(kdim) * 0.05),
         "cores": leaf(torch.rand(h, H, r, r)),
         "values": leaf(torch.randn(K2, vdim) * 0.3),
         "value_proj.weight": leaf(torch.randn(D, E * vdim) * 0.2)}
    u = torch.zeros(H, r)
    t = torch.zeros(H, r)
    for hd in range(H):
        U, _, Vh = torch.linalg.svd(P["cores"][:, hd].sum(0).detach().double())
        u[hd], t[hd] = U[:, 0].float(), Vh[0].float()
    P["rank1_u"], P["rank1_t"] = u, t
    perm = torch.randperm(E * K2)
    x = leaf(torch.randn(T, D))
    out = ultramem(x, P, perm, H, r, h, n, m, E, K2, kdim, vdim)
    R = torch.randn(out.shape)
    (out * R).sum().backward()
    grads = {name: flat(t.grad) for name, t in P.items() if t.grad is not None}
    cores_aux = P["cores"].detach().clone().requires_grad_(True)
    alpha, tau = 0.001, 0.15
    aux = 0
    for hd in range(H):
        sv = torch.linalg.svdvals(cores_aux[:, hd].sum(0))
        aux = aux + alpha / (r - 1) * torch.relu(sv[1:] - tau).pow(2).sum()
    aux.backward()
    return {"memory": {"kind": "ultramem", "placement": "0:0", "keys": K, "key_dim": kdim, "value_dim": vdim,
                       "top_m": m, "heads": H, "rank": r, "cores": h, "expansion": E, "aux_coef": alpha,
                       "aux_tau": tau},
            "d_model": D, "tokens": T, "x": flat(x), "weights": flat(R), "out": flat(out), "grad_x": flat(x.grad),
            "permutation": perm.tolist(),
            "params": {name: flat(t) for name, t in P.items()}, "grads": grads,
            "aux": aux.item(), "aux_grad_cores": flat(cores_aux.grad)}


# ---------------------------------------------------------------- LM with a PKM placed 0:1
def lm_case():
    V, D, L, H, F_, T, B, EPS = 24, 12, 2, 2, 20, 5, 2, 1e-5
    HD = D // H
    mem = {"kind": "pkm", "placement": "0:1", "keys": 5, "key_dim": 6, "top_m": 2, "heads": 2}
    P = {"embed.weight": torch.randn(V, D) * 0.5}
    for i in range(L):
        p = f"blocks.{i}."
        P[p + "attn_residual.norm.weight"] = 1 + torch.randn(D) * 0.1
        for name, shape in [("q", (D, D)), ("k", (D, D)), ("v", (D, D)), ("o", (D, D))]:
            P[p + f"attn.{name}_proj.weight"] = torch.randn(*shape) * 0.2
        P[p + "ffn_residual.norm.weight"] = 1 + torch.randn(D) * 0.1
        P[p + "ffn.gate_proj.weight"] = torch.randn(F_, D) * 0.2
        P[p + "ffn.up_proj.weight"] = torch.randn(F_, D) * 0.2
        P[p + "ffn.down_proj.weight"] = torch.randn(D, F_) * 0.2
    P["final_norm.weight"] = 1 + torch.randn(D) * 0.1
    P["memories.0.query_proj.weight"] = torch.randn(2 * 6, D) * 0.4
    P["memories.0.keys"] = torch.rand(2, 2, 5, 3) * 2 - 1
    P["memories.0.values"] = torch.randn(25, D) * 0.3
    P = {k: leaf(v) for k, v in P.items()}

    def rms(x, w):
        return reference.rms(x, w, EPS)

    cos, sin = reference.rope_tables(T, HD, 10000.0)

    mp = {"query_proj.weight": P["memories.0.query_proj.weight"], "keys": P["memories.0.keys"],
          "values": P["memories.0.values"]}
    ids = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    h = P["embed.weight"][ids]
    memory_out = None
    for i in range(L):
        p = f"blocks.{i}."
        x = rms(h, P[p + "attn_residual.norm.weight"])
        h = h + reference.causal_attention(x, *[P[p + f"attn.{n}_proj.weight"] for n in "qkvo"], H, H, cos, sin)
        x = rms(h, P[p + "ffn_residual.norm.weight"])
        if i == 0:
            memory_out = pkm(x.reshape(B * T, D), mp, 2, 3, 2).view(B, T, D)   # read at block 0's FFN input
        g = F.silu(x @ P[p + "ffn.gate_proj.weight"].T)
        h = h + (g * (x @ P[p + "ffn.up_proj.weight"].T)) @ P[p + "ffn.down_proj.weight"].T
        if i == 1:
            h = h + memory_out                                                  # added after block 1
    logits = rms(h, P["final_norm.weight"]) @ P["embed.weight"].T
    loss = F.cross_entropy(logits.reshape(-1, V), targets.reshape(-1))
    loss.backward()
    return {"config": {"vocab_size": V, "d_model": D, "layers": L, "heads": H, "kv_heads": H, "ffn_hidden": F_,
                       "max_seq_len": T, "norm": "rms", "norm_eps": EPS, "tie_embeddings": True, "memory": mem},
            "params": {k: flat(t) for k, t in P.items()}, "ids": ids.flatten().tolist(),
            "targets": targets.flatten().tolist(), "batch": B, "time": T, "logits": flat(logits),
            "loss": loss.item(),
            "grads": {k: flat(P[k].grad) for k in ["memories.0.query_proj.weight", "memories.0.keys",
                                                   "memories.0.values", "blocks.0.ffn_residual.norm.weight"]}}


out = {"pkm": pkm_case(), "ultramem": ultramem_case(), "lm_pkm": lm_case(), "torch_version": torch.__version__}
path = os.path.join("module-tests", "src", "test", "resources", "fixtures", "memory", "parity.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, "aux", out["ultramem"]["aux"])
