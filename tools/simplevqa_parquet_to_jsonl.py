#!/usr/bin/env python3
"""Convert the published SimpleVQA Parquet release (Hugging Face m-a-p/SimpleVQA) to the JSONL that
dev.seedling.data.vqa.SimpleVqaLoader reads.

Why a script and not a Java reader: Parquet in Java means parquet-mr plus Hadoop (dozens of jars) for a file read
once per release; pyarrow reads it in one call. The script runs offline on a file the user already has.

Usage:
    pip install pyarrow
    python tools/simplevqa_parquet_to_jsonl.py SimpleVQA.parquet out/simplevqa.jsonl

Output: one JSON object per line with data_id, language, question, answer, atomic_question, atomic_fact,
original_category, source, image_description, vqa_category (always an object: the release stores it as a Python
dict literal in a string, which is parsed here with ast.literal_eval) and image_path, relative to the JSONL file;
the images are written next to it under images/<data_id>.<ext>, their bytes unchanged.
"""
import ast
import json
import sys
from pathlib import Path

MAGIC = [(b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"), (b"BM", "bmp")]


def extension(data: bytes) -> str:
    for magic, ext in MAGIC:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    raise ValueError("unknown image format")


def category(value):
    if value is None or isinstance(value, dict):
        return value
    text = str(value).strip()
    if not text:
        return None
    for parse in (json.loads, ast.literal_eval):
        try:
            parsed = parse(text)
            if isinstance(parsed, dict):
                return parsed
        except (ValueError, SyntaxError):
            pass
    return {"task_category": text}


def image_bytes(value):
    if isinstance(value, dict):  # the datasets Image feature: {"bytes": ..., "path": ...}
        value = value.get("bytes")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise ValueError("image column holds %s, expected bytes" % type(value).__name__)


def main(src: str, dst: str) -> None:
    import pyarrow.parquet as pq  # imported here so --help works without pyarrow

    out = Path(dst)
    images = out.parent / "images"
    images.mkdir(parents=True, exist_ok=True)
    rows = pq.read_table(src).to_pylist()
    with out.open("w", encoding="utf-8") as f:
        for row in rows:
            data_id = row["data_id"]
            data = image_bytes(row["image"])
            name = "%s.%s" % (data_id, extension(data))
            (images / name).write_bytes(data)
            record = {k: row.get(k) for k in ("data_id", "language", "question", "answer", "atomic_question",
                                              "atomic_fact", "original_category", "source", "image_description")}
            record["vqa_category"] = category(row.get("vqa_category"))
            record["image_path"] = "images/" + name
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print("wrote %d items to %s" % (len(rows), out))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) == 2 else 2)
    main(sys.argv[1], sys.argv[2])
