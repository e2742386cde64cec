#!/usr/bin/python3
"""Reference byte-level BPE for Seedling's tokenizer tests (standard library only).

Writes the fixtures under module-data/src/test/resources/dev/seedling/data/tokenizer/:
  small-corpus.txt            the training corpus (made here, from a fixed text)
  small-corpus.merges.txt     the merges this script learns from it (vocab 320, specials <|endoftext|> <|pad|>)
  reference-tokenizer.json    that tokenizer in the Hugging Face tokenizer.json format (model.type BPE, ByteLevel)
  reference-encodings.json    texts and the ids this script's own BPE gives them
  kjv-head.merges.txt         the merges learned from the first 3,000 lines of the bundled corpus (kjv.txt),
                              vocab 700, special <|endoftext|>, min frequency 2: a larger check of the trainer

The pre-tokenizer is the GPT-2 pattern used by the HF ByteLevel pre-tokenizer,
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+
compiled with Python's backtracking `re` after \\p{L}, \\p{N} and \\s are expanded into explicit code-point
classes from `unicodedata` (L* categories; Nd/Nl/No; the Unicode White_Space property), so it is an independent
check of Seedling's hand-written scanner.

Training: ids 0..255 are the bytes, then the special tokens, then one id per merge (a merge whose result string
already exists reuses that id). Each step counts adjacent pairs (overlapping occurrences count) weighted by
pre-token frequency and merges the pair with the highest count; ties go to the smallest (left id, right id). A pair
whose merged token string (byte-level alphabet) equals a special token's content is never merged.
Training stops at the vocabulary size or when the best count is below min_frequency.

Encoding: GPT-2's algorithm; repeatedly merge every occurrence (left to right) of the adjacent pair with the
lowest merge rank.

Run:  /usr/bin/python3 tools/reference/bpe_reference.py
"""
import json
import os
import re
import sys
import unicodedata
from collections import Counter

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "module-data", "src", "test", "resources", "dev", "seedling", "data", "tokenizer")

WHITE_SPACE = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B)) + \
              [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]


def bytes_to_unicode():
    """GPT-2's byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE_CHAR = bytes_to_unicode()


def _class(pred):
    ranges, start, prev = [], None, None
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            ok = False
        else:
            ok = pred(cp)
        if ok and start is None:
            start = cp
        if not ok and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    esc = lambda c: "\\U%08x" % c
    return "".join(esc(a) if a == b else esc(a) + "-" + esc(b) for a, b in ranges)


def _pattern():
    L = _class(lambda c: unicodedata.category(chr(c)).startswith("L"))
    N = _class(lambda c: unicodedata.category(chr(c)) in ("Nd", "Nl", "No"))
    S = _class(lambda c: c in WHITE_SPACE)
    src = (r"'s|'t|'re|'ve|'m|'ll|'d| ?[{L}]+| ?[{N}]+| ?[^{S}{L}{N}]+|[{S}]+(?![^{S}])|[{S}]+"
           .replace("{L}", L).replace("{N}", N).replace("{S}", S))
    return re.compile(src)


PATTERN = _pattern()


def pretokenize(text):
    return PATTERN.findall(text)


def train(corpus, vocab_size, specials, min_frequency=2):
    tokens = [bytes([b]) for b in range(256)] + [s.encode("utf-8") for s in specials]
    index = {t: i for i, t in enumerate(tokens[:256])}
    words = Counter()
    for piece in pretokenize(corpus):
        words[tuple(piece.encode("utf-8"))] += 1
    words = {w: c for w, c in words.items()}
    merges = []
    while len(tokens) < vocab_size:
        pairs = Counter()
        for w, c in words.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        # a token spelled like a special could not share the vocabulary with it: never merge such a pair
        pairs = {p: c for p, c in pairs.items() if show(tokens[p[0]] + tokens[p[1]]) not in specials}
        if not pairs:
            break
        (a, b), count = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
        if count < min_frequency:
            break
        joined = tokens[a] + tokens[b]
        if joined in index:
            new = index[joined]
        else:
            new = len(tokens)
            tokens.append(joined)
            index[joined] = new
        merges.append((a, b))
        merged = {}
        for w, c in words.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and w[i] == a and w[i + 1] == b:
                    out.append(new)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + c
        words = merged
    return tokens, merges


def show(token_bytes):
    return "".join(BYTE_CHAR[b] for b in token_bytes)


def encode(text, tokens, merges):
    ids_of = {}
    for i, t in enumerate(tokens):
        ids_of.setdefault(t, i)
    ranks = {}
    for r, (a, b) in enumerate(merges):
        ranks.setdefault((a, b), (r, ids_of[tokens[a] + tokens[b]]))
    out = []
    for piece in pretokenize(text):
        word = list(piece.encode("utf-8"))
        while len(word) > 1:
            cands = [(ranks[p][0], p) for p in zip(word, word[1:]) if p in ranks]
            if not cands:
                break
            _, (a, b) = min(cands)
            new = ranks[(a, b)][1]
            merged, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and word[i] == a and word[i + 1] == b:
                    merged.append(new)
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = merged
        out.extend(word)
    return out


def tokenizer_json(tokens, merges, specials):
    vocab = {}
    for i, t in enumerate(tokens):
        if 256 <= i < 256 + len(specials):
            vocab[specials[i - 256]] = i
        else:
            vocab.setdefault(show(t), i)
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [{"id": 256 + k, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for k, s in enumerate(specials)],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab,
                  "merges": [show(tokens[a]) + " " + show(tokens[b]) for a, b in merges]},
    }


CORPUS = """The quick brown fox jumps over the lazy dog. The dog didn't care; it's a lazy dog, and they're both old.
In 1611 the translators wrote 1,000 pages; in 2024 we're still reading them. Don't we'll? I'm sure you've seen it.
Naïve café owners in Zürich serve crème brûlée — très délicieux! Ελληνικά γράμματα και λέξεις, λέξεις, λέξεις.
日本語のテキストも少し。東京と京都。 Emoji: 🙂🙂👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters.
    Indented   lines\twith\ttabs   and   runs of   spaces...   !!!   ???
the the the then them there these those other another mother brother
tokenizer tokenizers tokenize tokenized tokenizing token tokens
"""

TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "it's, they're, we'll, I'd, you've, I'm, don't",
    "Naïve café in Zürich: crème brûlée — très délicieux!",
    "日本語のテキスト、東京 🙂👍🏽 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "  leading spaces, trailing spaces   ",
    "tabs\tand\nnewlines\n\n  indented\r\nwindows line",
    "numbers 1611 and 2,024.5 and ٣٤٥ and ½",
    "tokenizers tokenize tokens; mother brother another",
    "'s 't 're 'S 'RE ''s",
    "   \u00a0nbsp\u3000ideographic space\u2028sep",
    "",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    specials = ["<|endoftext|>", "<|pad|>"]
    tokens, merges = train(CORPUS, 320, specials)
    with open(os.path.join(OUT, "small-corpus.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(CORPUS)
    with open(os.path.join(OUT, "small-corpus.merges.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# merges learned by tools/reference/bpe_reference.py from small-corpus.txt, vocab 320, "
                "specials <|endoftext|> <|pad|>, min frequency 2\n")
        for a, b in merges:
            f.write(show(tokens[a]) + " " + show(tokens[b]) + "\n")
    with open(os.path.join(OUT, "reference-tokenizer.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(tokenizer_json(tokens, merges, specials), f, ensure_ascii=False, indent=2)
        f.write("\n")
    cases = [{"text": t, "ids": encode(t, tokens, merges), "pieces": pretokenize(t)} for t in TEXTS]
    with open(os.path.join(OUT, "reference-encodings.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    kjv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "module-data", "src", "main",
                       "resources", "dev", "seedling", "data", "corpus", "kjv.txt")
    with open(kjv, encoding="utf-8", newline="") as f:
        head = "".join(f.readlines()[:3000])
    ktokens, kmerges = train(head, 700, ["<|endoftext|>"])
    with open(os.path.join(OUT, "kjv-head.merges.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# merges learned by tools/reference/bpe_reference.py from the first 3000 lines of kjv.txt, vocab 700, "
                "special <|endoftext|>, min frequency 2\n")
        for a, b in kmerges:
            f.write(show(ktokens[a]) + " " + show(ktokens[b]) + "\n")
    print("merges:", len(merges), "vocab:", len(tokens), "; kjv head merges:", len(kmerges), "->",
          os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
