#!/usr/bin/env python3
"""Evaluation helpers for `make eval` (standard library only).

  eval.py subset GOLD OUT          keep the validation months (ids with _2016-08- or _2016-09-)
  eval.py pieces GOLD OUT [N]      cut every text after each Nth line break (default 3), shift
                                   the gold names' offsets; each piece is its own document
  eval.py reliability GOLD PRED    speaker-confidence reliability table (ten bins) over matched,
                                   non-borderline quotes, judged by score.py's speaker_correct

Offsets are code points, as in score.py. score.py is imported from $SHARED_DIR/tools.
"""
import json
import os
import sys

VALIDATION = ("_2016-08-", "_2016-09-")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dump(docs, path):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def subset(gold, out):
    docs = [d for d in load(gold) if any(m in d["id"] for m in VALIDATION)]
    dump(docs, out)
    print(f"{len(docs)} validation documents -> {out}", file=sys.stderr)


def cut_points(text, every):
    """Piece boundaries: just after every `every`-th line break, and the text's end."""
    cuts, seen = [0], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            seen += 1
            if seen % every == 0 and i + 1 < len(text):
                cuts.append(i + 1)
    cuts.append(len(text))
    return cuts


def pieces(gold, out, every):
    result, lost = [], 0
    for d in load(gold):
        cuts = cut_points(d["text"], every)
        names = d.get("entities", [])
        for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
            inside = [e for e in names if a <= e["start"] and e["end"] <= b]
            lost += sum(1 for e in names if e["start"] < b and e["end"] > b)
            piece = {
                "id": f"{d['id']}#{k}",
                "text": d["text"][a:b],
                "entities": [{**e, "start": e["start"] - a, "end": e["end"] - a} for e in inside],
            }
            result.append(piece)
    dump(result, out)
    print(f"{len(result)} pieces -> {out} ({lost} names across a cut dropped)", file=sys.stderr)


def reliability(gold, pred):
    sys.path.insert(0, os.path.join(os.environ.get("SHARED_DIR", "../shared"), "tools"))
    import score  # noqa: E402  (the shared scorer: its matching and speaker judgement)

    preds = {p["id"]: p for p in load(pred)}
    bins = [[0, 0, 0.0] for _ in range(10)]  # quotes, correct, confidence sum
    high = [0, 0]
    for g in load(gold):
        gq = g.get("quotes", [])
        pq = preds.get(g["id"], {}).get("quotes") or []
        gq, pq = score._drop_borderline(g["text"], gq, pq)
        gi = score._quote_items(g["text"], gq, None)
        pi = score._quote_items(g["text"], pq, None)
        for a, b in score.greedy_match(gi, pi, score._quote_overlap_score):
            gqq, pqq = gi[a]["q"], pi[b]["q"]
            conf = (pqq.get("confidence") or {}).get("speaker")
            if conf is None:
                continue
            ok = score.speaker_correct(pqq.get("speaker"), gqq.get("speaker"), gqq.get("speaker_aliases"))
            row = bins[min(int(conf * 10), 9)]
            row[0] += 1
            row[1] += ok
            row[2] += conf
            if conf >= 0.9:
                high[0] += 1
                high[1] += ok
    print("| speaker confidence | quotes | mean confidence | speaker correct |")
    print("|---|---:|---:|---:|")
    for k, (n, ok, s) in enumerate(bins):
        span = f"[{k / 10:.1f}, {(k + 1) / 10:.1f}{']' if k == 9 else ')'}"
        if n:
            print(f"| {span} | {n} | {s / n:.3f} | {100 * ok / n:.1f}% |")
        else:
            print(f"| {span} | 0 | - | - |")
    n, ok = high
    print(f"\nconfidence >= 0.9: {n} quotes, {100 * ok / n if n else 0:.1f}% speaker correct")


def main(argv):
    if len(argv) >= 3 and argv[0] == "subset":
        subset(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "pieces":
        pieces(argv[1], argv[2], int(argv[3]) if len(argv) > 3 else 3)
    elif len(argv) >= 3 and argv[0] == "reliability":
        reliability(argv[1], argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
