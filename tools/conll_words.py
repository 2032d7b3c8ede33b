"""How often each word of CoNLL-2003's training text is written in lower case and capitalised:
the ordinary-word filter of the gazetteer (tools/build_gazetteer.py) and the name lists
(tools/lists/build_lists.py)."""
import collections
import json
import os
import re


def case_counts(shared):
    """(lower-case counts, capitalised counts), both keyed by the lower-case word."""
    lower_n, cap_n = collections.Counter(), collections.Counter()
    with open(os.path.join(shared, "data", "conll2003", "train.jsonl"), encoding="utf-8") as f:
        for line in f:
            for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", json.loads(line)["text"]):
                if w.islower():
                    lower_n[w] += 1
                elif w[0].isupper() and not w.isupper():
                    cap_n[w.lower()] += 1
    return lower_n, cap_n
