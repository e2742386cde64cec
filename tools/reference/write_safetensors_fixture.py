#!/usr/bin/env python3
"""Writes the safetensors fixtures Seedling's reader and writer are checked against.

An independent writer of the published format (https://github.com/huggingface/safetensors#format), built from
struct + json + numpy (torch only for bfloat16 rounding): it does not use the `safetensors` package, nor any Seedling
code. Run with /usr/bin/python3 (numpy and torch 1.13):

    /usr/bin/python3 tools/reference/write_safetensors_fixture.py [OUT_DIR]

OUT_DIR defaults to module-tests/src/test/resources/fixtures/safetensors. Output is deterministic.

Files:
- mixed.safetensors: F32, F16, BF16, I32, I64, a scalar, two zero-size tensors and metadata. Data is laid out in the
  reverse of header order, so a reader must use the offsets, not the order.
- converted.safetensors: BOOL, U8, I8, I16, U16, U32 (loaded losslessly as I32 / I64).
- unsupported_f64.safetensors: one F64 tensor (refused by Seedling).
- written_{f32,f16,bf16}.safetensors: the same inputs laid out as the reference implementation's writer does
  (tensors sorted by dtype, descending in its Dtype enum order, then by name; compact JSON with __metadata__ first;
  header padded with spaces to a multiple of 8), F32 inputs stored as F32, F16 (numpy astype, round to nearest even)
  or BF16 (torch .to(bfloat16), round to nearest even). Seedling's writer must produce these bytes exactly.
- expected.json: what each file holds. Float values are given as F32 bit patterns (uint32) so that NaN, -0.0 and
  infinities are exact.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

# The reference implementation's Dtype enum order; writers sort tensors by it, descending, then by name.
DTYPE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64",
               "I64", "U64"]
NUMPY_DTYPE = {"BOOL": "<u1", "U8": "<u1", "I8": "<i1", "I16": "<i2", "U16": "<u2", "I32": "<i4", "U32": "<u4",
               "I64": "<i8", "F32": "<f4", "F64": "<f8"}


def f32(values):
    return np.array(values, dtype="<f4")


def f32_bits(arr):
    return [int(b) for b in np.asarray(arr, dtype="<f4").view("<u4").ravel()]


def encode(dtype, values):
    """Little-endian bytes of `values` stored as `dtype`; F16/BF16 round from F32."""
    if dtype == "F16":
        return np.asarray(values, dtype="<f4").astype("<f2").tobytes()
    if dtype == "BF16":
        src = np.asarray(values, dtype="<f4")
        t = torch.from_numpy(src.copy()).to(torch.bfloat16)
        bits = t.view(torch.int16).numpy().astype("<i2").view("<u2").copy()
        # torch 1.13 gives NaN as 0x7FC0 on its scalar path (c10::BFloat16) but 0xFFFF on its vectorised CPU path;
        # the format leaves NaN bits free, and Seedling (like c10 and ml_dtypes) writes the quiet NaN 0x7FC0.
        bits[np.isnan(src)] = 0x7FC0
        return bits.astype("<u2").tobytes()
    return np.asarray(values, dtype=NUMPY_DTYPE[dtype]).tobytes()


def decoded_f32_bits(dtype, values):
    """The F32 bit patterns a reader must produce from `values` stored as `dtype`."""
    raw = encode(dtype, values)
    if dtype == "F16":
        return f32_bits(np.frombuffer(raw, dtype="<f2").astype("<f4"))
    if dtype == "BF16":
        return [int(h) << 16 for h in np.frombuffer(raw, dtype="<u2")]
    return f32_bits(np.frombuffer(raw, dtype="<f4"))


def header_bytes(header):
    """Compact JSON (as serde_json writes it), UTF-8, padded with spaces to a multiple of 8."""
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return text + b" " * ((8 - len(text) % 8) % 8)


def write_file(path, entries, metadata, data_order):
    """entries: list of (name, dtype, shape, raw bytes) in header order; data laid out in `data_order` (names)."""
    offsets = {}
    data = b""
    by_name = {e[0]: e for e in entries}
    for name in data_order:
        raw = by_name[name][3]
        offsets[name] = [len(data), len(data) + len(raw)]
        data += raw
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    for name, dtype, shape, _ in entries:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": offsets[name]}
    hb = header_bytes(header)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        f.write(data)


def reference_order(entries):
    return sorted(entries, key=lambda e: (-DTYPE_ORDER.index(e[1]), e[0].encode("utf-8")))


def mixed(out):
    nan = float("nan")
    inf = float("inf")
    tensors = [
        ("a.f32", "F32", (2, 3), [1.0, -0.0, 1.0 / 3.0, 1e-45, inf, nan]),
        ("b.f16", "F16", (5,), [1.0, -2.5, 65504.0, 6e-8, -inf]),
        ("c.bf16", "BF16", (2, 2), [1.0, -3.140625, 3e38, 1e-39]),
        ("d.i32", "I32", (2, 2), [0, -1, 2 ** 31 - 1, -2 ** 31]),
        ("e.i64", "I64", (3,), [2 ** 40, -2 ** 62, 2 ** 63 - 1]),
        ("f.scalar", "F32", (), [2.5]),
        ("g.empty", "F32", (0,), []),
        ("h.empty", "I64", (2, 0), []),
    ]
    metadata = {"format": "pt", "note": "ünïcödé \"quoted\" \\ tab\t"}
    entries = [(n, d, s, encode(d, v)) for n, d, s, v in tensors]
    write_file(os.path.join(out, "mixed.safetensors"), entries, metadata, [e[0] for e in reversed(entries)])
    expected = {}
    for n, d, s, v in tensors:
        e = {"dtype": d, "shape": list(s)}
        if d in ("F32", "F16", "BF16"):
            e["f32_bits"] = decoded_f32_bits(d, v)
        else:
            e["values"] = list(v)
        expected[n] = e
    return {"metadata": metadata, "tensors": expected}


def converted(out):
    tensors = [
        ("bool", "BOOL", (4,), [0, 1, 0, 1]),
        ("u8", "U8", (3,), [0, 128, 255]),
        ("i8", "I8", (3,), [-128, -1, 127]),
        ("i16", "I16", (2,), [-32768, 32767]),
        ("u16", "U16", (2,), [0, 65535]),
        ("u32", "U32", (2,), [0, 2 ** 32 - 1]),
    ]
    entries = [(n, d, s, encode(d, v)) for n, d, s, v in tensors]
    write_file(os.path.join(out, "converted.safetensors"), entries, None, [e[0] for e in entries])
    write_file(os.path.join(out, "unsupported_f64.safetensors"),
               [("x.f64", "F64", (2,), encode("F64", [1.0, 2.0]))], None, ["x.f64"])
    return {"tensors": {n: {"dtype": d, "shape": list(s), "values": list(v)} for n, d, s, v in tensors}}


def written(out):
    nan = float("nan")
    # F16/BF16 cases: exact values, ties to even, overflow, subnormals, signed zero, NaN.
    weight = [1.0, -0.0, 0.1, 1.0 + 2 ** -11, 1.0 + 3 * 2 ** -11, 65520.0,
              1.00390625, 1.01171875, 3e38, 1e-40, -1.5, nan]
    inputs = [
        ("weight", "F32", (3, 4), weight),
        ("bias", "F32", (3,), [0.5, -0.25, 1e-3]),
        ("layers.0.scale", "F32", (), [2.0]),
        ("empty", "F32", (0,), []),
        ("ids", "I64", (4,), [0, -1, 2 ** 40, -2 ** 63]),
        ("mask", "I32", (2, 2), [1, 0, -7, 2 ** 31 - 1]),
        ("ünï", "I32", (1,), [42]),
    ]
    metadata = {"format": "pt", "seedling": "fixture"}
    files = {}
    decoded = {}
    for storage in ("F32", "F16", "BF16"):
        entries = [(n, storage if d == "F32" else d, s, encode(storage if d == "F32" else d, v))
                   for n, d, s, v in inputs]
        entries = reference_order(entries)
        name = "written_%s.safetensors" % storage.lower()
        write_file(os.path.join(out, name), entries, metadata, [e[0] for e in entries])
        files[storage] = name
        decoded[storage] = {n: decoded_f32_bits(storage, v) for n, d, s, v in inputs if d == "F32"}
    expected_inputs = {}
    for n, d, s, v in inputs:
        e = {"dtype": d, "shape": list(s)}
        if d == "F32":
            e["f32_bits"] = f32_bits(f32(v))
        else:
            e["values"] = list(v)
        expected_inputs[n] = e
    return {"metadata": metadata, "inputs": expected_inputs, "files": files, "decoded_f32_bits": decoded}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        root, "module-tests", "src", "test", "resources", "fixtures", "safetensors")
    os.makedirs(out, exist_ok=True)
    expected = {"mixed": mixed(out), "converted": converted(out), "written": written(out)}
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
