#!/usr/bin/env python3
"""PyTorch reference for PolyCom (PolyReLU, PolyNorm), over-encoding (hashed n-gram input tables) and multi-token
prediction heads (parallel, DeepSeek-style sequential) as Seedling implements them. Writes, under
module-tests/src/test/resources/fixtures/polyot/:

  polycom.json        PolyReLU and PolyNorm forward and the gradients of x, weight, bias for L = sum(y * R)
  over_encoding.json  OE forward and the (dense) gradients of every table and projection for L = sum(e * R)
  lm_*.json           whole tiny LMs (OE + sequential MTP + PolyNorm FFN; parallel heads + PolyReLU, untied):
                      logits, training loss and the gradient of every parameter, under Seedling's names

The n-gram ids are computed here independently, with Python's exact integers (no modular shortcut).
Run from the repository root with Debian's PyTorch:  /usr/bin/python3 tools/reference/generate_polyot_parity.py
"""
import json
import os

import torch

import transformer_reference as reference

OUT = os.path.join("module-tests", "src", "test", "resources", "fixtures", "polyot")
torch.manual_seed(2025)


def flat(t):
    return t.detach().flatten().tolist()


# ---------------------------------------------------------------- PolyCom (official layout: weight[0] -> cubic)
def poly_relu(x, w, b):
    u = torch.relu(x)
    return w[0] * u ** 3 + w[1] * u ** 2 + w[2] * u + b[0]


def rms_n(z, eps=1e-6):
    return z * torch.rsqrt(z.pow(2).mean(-1, keepdim=True) + eps)


def poly_norm(x, w, b):
    return w[0] * rms_n(x ** 3) + w[1] * rms_n(x ** 2) + w[2] * rms_n(x) + b[0]


def polycom_fixture():
    out = {}
    for name, fn in (("polyrelu", poly_relu), ("polynorm", poly_norm)):
        x = (torch.randn(3, 8) * 1.3).requires_grad_(True)
        w = torch.tensor([0.4, -0.3, 0.8]).requires_grad_(True)
        b = torch.tensor([0.15]).requires_grad_(True)
        r = torch.randn(3, 8)
        y = fn(x, w, b)
        (y * r).sum().backward()
        out[name] = {"x": flat(x), "shape": [3, 8], "weight": flat(w), "bias": flat(b), "r": flat(r), "y": flat(y),
                     "grad_x": flat(x.grad), "grad_weight": flat(w.grad), "grad_bias": flat(b.grad)}
    return out


# ---------------------------------------------------------------- over-encoding
def ngram_ids(seq, V, N, k, m, eos):
    """[T][len]: exact base-V n-gram numbers mod m + 2t, zero before the sequence and before a document start."""
    T = (N - 1) * k
    ids = [[0] * len(seq) for _ in range(T)]
    start = 0
    for i in range(len(seq)):
        if i > 0 and seq[i - 1] == eos:
            start = i
        for t in range(T):
            n = 2 + t // k
            number = sum(seq[i - j] * V ** j for j in range(n) if i - j >= start)
            ids[t][i] = number % (m + 2 * t)
    return ids


def oe_forward(p, prefix, ids, V, N, k, m, eos):
    T = (N - 1) * k
    B, L = ids.shape
    e = p[prefix + "weight"][ids]
    for t in range(T):
        rows = torch.tensor([ngram_ids(ids[b].tolist(), V, N, k, m, eos)[t] for b in range(B)])
        e = e + p[f"{prefix}ngram.{t}.weight"][rows] @ p[f"{prefix}proj.{t}.weight"].T
    return e / (1 + T)


def oe_params(V, D, N, k, m, ds, prefix):
    p = {prefix + "weight": torch.randn(V, D) * 0.5}
    for t in range((N - 1) * k):
        p[f"{prefix}ngram.{t}.weight"] = torch.randn(m + 2 * t, ds) * 0.5
        p[f"{prefix}proj.{t}.weight"] = torch.randn(D, ds) * 0.5
    return p


def over_encoding_fixture():
    V, D, N, k, m, eos = 11, 8, 3, 2, 13, 10
    p = oe_params(V, D, N, k, m, D // ((N - 1) * k), "")
    for t in p.values():
        t.requires_grad_(True)
    ids = torch.tensor([[3, 1, 4, 1, 5, 10, 2, 6, 5], [7, 7, 7, 0, 10, 10, 9, 2, 3]])
    e = oe_forward(p, "", ids, V, N, k, m, eos)
    r = torch.randn(*e.shape)
    (e * r).sum().backward()
    return {"vocab": V, "d": D, "max_order": N, "slices": k, "modulus": m, "eos": eos,
            "ids": flat(ids), "shape": list(ids.shape), "r": flat(r), "e": flat(e),
            "ngram_ids": [ngram_ids(ids[b].tolist(), V, N, k, m, eos) for b in range(ids.shape[0])],
            "params": {n: {"shape": list(t.shape), "data": flat(t)} for n, t in p.items()},
            "grads": {n: flat(t.grad) for n, t in p.items()}}


# ---------------------------------------------------------------- tiny LMs
def lm_fixture(cfg, seed):
    torch.manual_seed(seed)
    V, D, L, H, KV, F, T, B = cfg["vocab_size"], cfg["d_model"], cfg["layers"], cfg["heads"], cfg["kv_heads"], \
        cfg["ffn_hidden"], 7, 2
    HD = D // H
    EPS = cfg["norm_eps"]
    oe = cfg["over_encoding"]
    mt = cfg["multi_token"]
    ffn = cfg["ffn"]

    def rand(*shape, std=0.2):
        return torch.randn(*shape) * std

    if oe["max_order"] >= 2:
        Tn = (oe["max_order"] - 1) * oe["slices"]
        params = oe_params(V, D, oe["max_order"], oe["slices"], oe["table_rows"], D // Tn, "embed.")
    else:
        params = {"embed.weight": rand(V, D, std=0.5)}

    def block_params(p):
        params[p + "attn_residual.norm.weight"] = 1 + rand(D, std=0.1)
        params[p + "attn.q_proj.weight"] = rand(D, D)
        params[p + "attn.k_proj.weight"] = rand(KV * HD, D)
        params[p + "attn.v_proj.weight"] = rand(KV * HD, D)
        params[p + "attn.o_proj.weight"] = rand(D, D)
        params[p + "ffn_residual.norm.weight"] = 1 + rand(D, std=0.1)
        params[p + "ffn.up_proj.weight"] = rand(F, D)
        params[p + "ffn.down_proj.weight"] = rand(D, F)
        params[p + "ffn.act.weight"] = torch.tensor([1 / 3, 1 / 3, 1 / 3]) + rand(3, std=0.1)
        params[p + "ffn.act.bias"] = rand(1, std=0.1)

    for i in range(L):
        block_params(f"blocks.{i}.")
    params["final_norm.weight"] = 1 + rand(D, std=0.1)
    if not cfg["tie_embeddings"]:
        params["lm_head.weight"] = rand(V, D)
    extra = mt["heads"] - 1
    for kk in range(extra if mt["mode"] != "none" else 0):
        p = f"mtp.{kk}."
        if mt["mode"] == "parallel":
            params[p + "proj.weight"] = rand(D, D, std=0.3)
        else:
            params[p + "norm_h.weight"] = 1 + rand(D, std=0.1)
            params[p + "norm_e.weight"] = 1 + rand(D, std=0.1)
            params[p + "proj.weight"] = rand(D, 2 * D)
            block_params(p + "block.")
            params[p + "final_norm.weight"] = 1 + rand(D, std=0.1)
    for t in params.values():
        t.requires_grad_(True)

    def rms(x, w):
        return reference.rms(x, w, EPS)

    cos, sin = reference.rope_tables(T, HD, cfg["rope_theta"])

    act = poly_norm if ffn == "polynorm" else poly_relu

    def block(h, p):
        x = rms(h, params[p + "attn_residual.norm.weight"])
        h = h + reference.causal_attention(x, *[params[p + f"attn.{n}_proj.weight"] for n in "qkvo"], H, KV, cos,
                                           sin)
        x = rms(h, params[p + "ffn_residual.norm.weight"])
        u = act(x @ params[p + "ffn.up_proj.weight"].T, params[p + "ffn.act.weight"], params[p + "ffn.act.bias"])
        return h + u @ params[p + "ffn.down_proj.weight"].T

    def head(h):
        return h @ (params["embed.weight"] if cfg["tie_embeddings"] else params["lm_head.weight"]).T

    ids = torch.randint(0, V, (B, T))
    if oe["max_order"] >= 2:
        ids[0, 3] = oe["eos_id"]
    targets = torch.randint(0, V, (B, T))
    if oe["max_order"] >= 2:
        emb = oe_forward(params, "embed.", ids, V, oe["max_order"], oe["slices"], oe["table_rows"], oe["eos_id"])
    else:
        emb = params["embed.weight"][ids]
    h = emb
    for i in range(L):
        h = block(h, f"blocks.{i}.")
    h = rms(h, params["final_norm.weight"])
    logits = head(h)
    ce = torch.nn.functional.cross_entropy
    loss = ce(logits.reshape(-1, V), targets.reshape(-1))

    def shifted(j):
        s = torch.full_like(targets, -100)
        s[:, : T - j + 1] = targets[:, j - 1:]
        return s

    weights = mt["loss_weights"]
    hk = h
    for kk in range(extra if mt["mode"] != "none" else 0):
        j = kk + 2
        p = f"mtp.{kk}."
        if mt["mode"] == "parallel":
            lj = head(h @ params[p + "proj.weight"].T)
        else:
            k1 = kk + 1
            e_next = torch.cat([emb[:, k1:], torch.zeros(B, k1, D)], 1)
            u = torch.cat([rms(hk, params[p + "norm_h.weight"]), rms(e_next, params[p + "norm_e.weight"])], -1)
            hk = block(u @ params[p + "proj.weight"].T, p + "block.")
            lj = head(rms(hk, params[p + "final_norm.weight"]))
        loss = loss + weights[kk] * ce(lj.reshape(-1, V), shifted(j).reshape(-1), ignore_index=-100)
    loss.backward()
    return {"config": cfg, "batch": B, "time": T, "ids": flat(ids), "targets": flat(targets),
            "params": {n: {"shape": list(t.shape), "data": flat(t)} for n, t in params.items()},
            "logits": flat(logits), "loss": loss.item(),
            "grads": {n: flat(t.grad) for n, t in params.items()}, "torch_version": torch.__version__}


BASE = {"vocab_size": 12, "d_model": 16, "layers": 1, "heads": 4, "kv_heads": 2, "ffn_hidden": 24, "max_seq_len": 7,
        "rope_theta": 10000.0, "norm": "rms", "norm_eps": 1e-5, "norm_layout": "pre", "residual": "plain",
        "dropout": 0.0, "init": "small", "init_std": 0.02, "seed": 0, "poly_order": 3}


def main():
    os.makedirs(OUT, exist_ok=True)
    fixtures = {
        "polycom.json": polycom_fixture(),
        "over_encoding.json": over_encoding_fixture(),
        "lm_oe_mtp_polynorm.json": lm_fixture(dict(BASE, ffn="polynorm", tie_embeddings=True,
                                                   over_encoding={"max_order": 3, "slices": 2, "table_rows": 7,
                                                                  "table_dim": 0, "eos_id": 11},
                                                   multi_token={"mode": "sequential", "heads": 2,
                                                                "loss_weights": [0.3]}), 7),
        "lm_parallel_polyrelu.json": lm_fixture(dict(BASE, ffn="polyrelu", tie_embeddings=False,
                                                     over_encoding={"max_order": 0, "slices": 2, "table_rows": 0,
                                                                    "table_dim": 0, "eos_id": -1},
                                                     multi_token={"mode": "parallel", "heads": 3,
                                                                  "loss_weights": [0.2, 0.1]}), 8),
    }
    for name, data in fixtures.items():
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(data, f)
        print("wrote", name)


if __name__ == "__main__":
    main()
