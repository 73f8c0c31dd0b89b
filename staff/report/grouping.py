"""Missed messages grouped by similarity, so that staff see "the same question, 12 times" at once.

Each message becomes a TF-IDF vector of character n-grams (3 to 5 letters inside words, lower case, accents
removed: spelling mistakes and missing accents barely matter). The IDF weights are learnt on the training
examples of data/nlu/ as well as on the messages themselves, so that words that are in every CPAS question
("est-ce que", "le CPAS", "droit") weigh little and the rare words that make the question ("vétérinaire",
"obsèques") weigh a lot. Messages are taken from the most frequent; each joins the group whose centre is the
most similar (cosine) if that similarity reaches the threshold, or starts a new group.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Sequence, Tuple

import yaml

from staff.report.store import PROJECT_DIR

DEFAULT_SIMILARITY = 0.45
ANNOTATION = re.compile(r"\[([^\]]+)\]\{[^}]*\}|\[([^\]]+)\]\([^)]*\)")


@dataclass
class Group:
    count: int                          # every message of the group, repeats included
    examples: List[Tuple[str, int]]     # distinct texts with their count, most frequent first


def normalise(text: str) -> str:
    return " ".join(text.split())


def training_examples(nlu_dir: Path = PROJECT_DIR / "data" / "nlu") -> List[str]:
    """The training examples of data/nlu/*.yml (no lookup tables), as plain text."""
    examples: List[str] = []
    for path in sorted(Path(nlu_dir).glob("*.yml")):
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        for item in content.get("nlu") or []:
            if not isinstance(item, dict) or "intent" not in item:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append(ANNOTATION.sub(lambda m: m.group(1) or m.group(2), line[2:]).strip())
    return examples


def group_similar(texts: Iterable[str], threshold: float = DEFAULT_SIMILARITY,
                  background: Sequence[str] = ()) -> List[Group]:
    """Groups of similar messages, the largest first."""
    counts = Counter(normalise(t) for t in texts if t and t.strip())
    if not counts:
        return []
    unique = [text for text, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), strip_accents="unicode",
                                 lowercase=True, sublinear_tf=True)
    vectorizer.fit(list(background) + unique)
    vectors = vectorizer.transform(unique).toarray()     # rows are L2-normalised
    members: List[List[int]] = []
    centres: List[np.ndarray] = []
    for index, vector in enumerate(vectors):
        best, best_score = None, threshold
        for number, centre in enumerate(centres):
            norm = np.linalg.norm(centre)
            score = float(vector @ centre / norm) if norm else 0.0
            if score >= best_score:
                best, best_score = number, score
        if best is None:
            members.append([index])
            centres.append(vector * counts[unique[index]])
        else:
            members[best].append(index)
            centres[best] = centres[best] + vector * counts[unique[index]]
    groups = [Group(count=sum(counts[unique[i]] for i in group),
                    examples=[(unique[i], counts[unique[i]]) for i in group]) for group in members]
    return sorted(groups, key=lambda g: (-g.count, g.examples[0][0]))
