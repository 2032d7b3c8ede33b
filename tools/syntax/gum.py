"""Extracts the openly licensed genres of the GUM treebank as texts with gold Penn Treebank tags.

Usage (from the repository root, Python 3.11, no packages needed):
    python3 tools/syntax/gum.py GUM_GIT_DIR crates/trainer/data/gum.jsonl.gz

GUM_GIT_DIR is a clone of github:UniversalDependencies/UD_English-GUM (read with `git show`, so
a bare mirror without a work tree works). Only documents whose texts are under a licence that
allows redistribution without a non-commercial or share-alike clause are written: news and
interview (Wikinews, CC BY 2.5), speech (public domain political speeches), textbook (OpenStax,
CC BY 4.0), vlog (YouTube Creative Commons, CC BY) and conversation (Santa Barbara Corpus,
CC BY). The treebank's annotations are by the GUM annotators (Zeldes 2017, Georgetown
University); see crates/trainer/data/README.md.

Each output line: {"id", "genre", "split", "text", "pos": [[start, end, xpos], ...]} with
code-point offsets into the text rebuilt from the tokens (SpaceAfter=No respected, sentences
joined by a space, paragraphs (# newpar) by a blank line). `split` is GUM's own (train, dev or
test), so that held-out evaluation can use GUM's dev documents. Deterministic output (sorted by
id, gzip without a time stamp).
"""

import gzip
import io
import json
import subprocess
import sys

GENRES = ("news", "interview", "speech", "textbook", "vlog", "conversation")


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout.decode("utf-8")


def parse(conllu):
    """Yields (text, tokens) of one document."""
    parts, tokens, pos = [], [], 0
    first_sentence = True
    pending_par = False
    sent = []
    sent_text, cursor = "", 0
    for line in conllu.splitlines() + [""]:
        if line.startswith("# newpar"):
            pending_par = True
            continue
        if line.startswith("# text = "):
            sent_text = line[len("# text = "):]
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if sent:
                sep = "" if first_sentence else ("\n\n" if pending_par else " ")
                parts.append(sep)
                pos += len(sep)
                for form, xpos, space_after in sent:
                    tokens.append([pos, pos + len(form), xpos])
                    parts.append(form)
                    pos += len(form)
                    if space_after:
                        parts.append(" ")
                        pos += 1
                # no trailing space at a sentence end: the separator adds it
                if sent[-1][2]:
                    parts.pop()
                    pos -= 1
                first_sentence = False
                pending_par = False
                sent = []
                sent_text, cursor = "", 0
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue  # multi-word token ranges and empty nodes
        sent.append([cols[1], cols[4], "SpaceAfter=No" not in cols[9]])
        # The sentence's text line says where the spaces are (the per-document sources leave
        # SpaceAfter out): find the form in it and look at the next character.
        at = sent_text.find(cols[1], cursor) if sent_text else -1
        if at >= 0:
            cursor = at + len(cols[1])
            sent[-1][2] = cursor < len(sent_text) and sent_text[cursor].isspace()
            if cursor >= len(sent_text):
                sent[-1][2] = True
    return "".join(parts), tokens


def main():
    repo, out = sys.argv[1], sys.argv[2]
    splits = {}
    for split in ("train", "dev", "test"):
        for name in git(repo, "show", f"HEAD:not-to-release/file-lists/files.{split}").split():
            splits[name.strip()] = split
    names = git(repo, "ls-tree", "-r", "--name-only", "HEAD", "not-to-release/sources").split()
    rows = []
    for path in sorted(names):
        doc = path.rsplit("/", 1)[1].removesuffix(".conllu")
        genre = doc.split("_")[1]
        if genre not in GENRES:
            continue
        text, tokens = parse(git(repo, "show", f"HEAD:{path}"))
        for s, e, _ in tokens:
            assert text[s:e], doc
        rows.append({"id": doc, "genre": genre, "split": splits.get(doc, "train"), "text": text, "pos": tokens})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as g:
        for r in rows:
            g.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
    with open(out, "wb") as f:
        f.write(buf.getvalue())
    n = sum(len(r["pos"]) for r in rows)
    print(f"{len(rows)} documents, {n} tokens -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
