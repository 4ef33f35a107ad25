"""A text classifier for sponsored posts beyond markers, weakly supervised (pure Python naive Bayes).

Weak labels: a post with a disclosure (marker or platform label) is a positive once its markers are
removed from the text, so the model learns how sponsored captions read rather than the markers; a
post with no commercial evidence at all is a negative; posts with only weak evidence are left out.
Features are word unigrams and bigrams plus hashtags; the model is multinomial naive Bayes with
Laplace smoothing, serialisable to JSON with a content-derived `version`.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from plugins.decision import COMMERCIAL_KINDS, is_disclosed
from plugins.post import Post, Signal
from plugins.sponsorship.detect import detect
from plugins.sponsorship.state import LEXICON

MODEL_ENV = "REELSCOPE_MODEL"
FORMAT = "reelscope-nb/1"
_WORD = re.compile(r"#?[^\W_]+(?:['’][^\W_]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+")


def features(text: str) -> list[str]:
    """Word unigrams and bigrams of a text (lowercased), and one `url:<host>` feature per link."""
    low = text.lower()
    hosts = ["url:" + _host(m.group()) for m in _URL.finditer(low)]
    words = _WORD.findall(_URL.sub(" ", low) if hosts else low)
    return words + [a + " " + b for a, b in itertools.pairwise(words)] + hosts


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].removeprefix("www.")


def strip_markers(text: str) -> str:
    """The text with every disclosure marker (and edited-image label) removed."""
    found = LEXICON.find(text, text.lower())
    if not found:
        return text
    parts, at = [], 0
    for item in sorted(found, key=lambda f: f.start):
        parts.append(text[at : item.start])
        at = max(at, item.start + len(item.evidence))
    parts.append(text[at:])
    return " ".join("".join(parts).split())


def weak_labels(posts: Iterable[Post]) -> tuple[list[str], list[int]]:
    """Texts and labels (1 disclosed with markers removed, 0 no commercial evidence); others skipped."""
    texts: list[str] = []
    labels: list[int] = []
    for post in posts:
        if not isinstance(post.text, str) or not post.text.strip():
            continue
        signals = [*post.signals, *detect(post, LEXICON)]
        if is_disclosed(signals):
            stripped = strip_markers(post.text)
            if stripped.strip():
                texts.append(stripped)
                labels.append(1)
        elif not any(s.kind in COMMERCIAL_KINDS and s.strength > 0 for s in signals):
            texts.append(post.text)
            labels.append(0)
    return texts, labels


@dataclass
class Model:
    """Multinomial naive Bayes over text features: log priors and per-feature log likelihoods."""

    version: str
    log_prior: list[float]
    log_likelihood: dict[str, list[float]]
    log_unseen: list[float]
    trained_on: dict[str, int] = field(default_factory=dict)

    def probability(self, text: str) -> float:
        """P(sponsored | text)."""
        scores = list(self.log_prior)
        for feature in features(text):
            values = self.log_likelihood.get(feature)
            if values is not None:
                scores[0] += values[0]
                scores[1] += values[1]
        top = max(scores)
        exp0, exp1 = math.exp(scores[0] - top), math.exp(scores[1] - top)
        return exp1 / (exp0 + exp1)

    def to_json(self) -> bytes:
        """The model as JSON bytes."""
        return orjson.dumps(
            {
                "format": FORMAT,
                "version": self.version,
                "log_prior": self.log_prior,
                "log_unseen": self.log_unseen,
                "trained_on": self.trained_on,
                "log_likelihood": self.log_likelihood,
            }
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> Model:
        """Read a model written by `to_json`; ValueError when it is not one."""
        data = orjson.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        try:
            return cls(
                version=str(data["version"]),
                log_prior=[float(x) for x in data["log_prior"]],
                log_likelihood={
                    str(k): [float(v[0]), float(v[1])] for k, v in data["log_likelihood"].items()
                },
                log_unseen=[float(x) for x in data["log_unseen"]],
                trained_on={str(k): int(v) for k, v in dict(data.get("trained_on") or {}).items()},
            )
        except (KeyError, TypeError, IndexError, AttributeError) as exc:
            raise ValueError(f"damaged model: {exc}") from None

    def save(self, path: Path) -> None:
        """Write the model to a JSON file."""
        path.write_bytes(self.to_json())

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model from a JSON file."""
        return cls.from_json(path.read_bytes())


def train(texts: Sequence[str], labels: Sequence[int], alpha: float = 1.0, min_count: int = 2) -> Model:
    """Fit naive Bayes on texts labelled 1 (sponsored) / 0, dropping features seen < `min_count` times."""
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    if set(labels) != {0, 1}:
        raise ValueError("training needs both positive (1) and negative (0) examples")
    counts: list[Counter[str]] = [Counter(), Counter()]
    docs = [0, 0]
    for text, label in zip(texts, labels, strict=True):
        counts[label].update(features(text))
        docs[label] += 1
    total = counts[0] + counts[1]
    vocab = sorted(f for f, n in total.items() if n >= min_count)
    sizes = [sum(counts[c][f] for f in vocab) for c in (0, 1)]
    denominators = [sizes[c] + alpha * (len(vocab) + 1) for c in (0, 1)]
    log_likelihood = {
        f: [round(math.log((counts[c][f] + alpha) / denominators[c]), 6) for c in (0, 1)] for f in vocab
    }
    log_unseen = [math.log(alpha / denominators[c]) for c in (0, 1)]
    log_prior = [math.log(docs[c] / len(texts)) for c in (0, 1)]
    digest = hashlib.sha1(orjson.dumps([log_prior, log_likelihood]), usedforsecurity=False).hexdigest()
    return Model(
        version=f"nb1-{digest[:12]}",
        log_prior=log_prior,
        log_likelihood=log_likelihood,
        log_unseen=log_unseen,
        trained_on={"positives": docs[1], "negatives": docs[0], "features": len(vocab)},
    )


def split(
    texts: Sequence[str], labels: Sequence[int], test_fraction: float = 0.25
) -> tuple[list[str], list[int], list[str], list[int]]:
    """A deterministic held-out split by hash of the text, so duplicates never straddle train and test."""
    train_x: list[str] = []
    train_y: list[int] = []
    test_x: list[str] = []
    test_y: list[int] = []
    cut = int(test_fraction * 1000)
    for text, label in zip(texts, labels, strict=True):
        bucket = int(hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8], 16) % 1000
        if bucket < cut:
            test_x.append(text)
            test_y.append(label)
        else:
            train_x.append(text)
            train_y.append(label)
    return train_x, train_y, test_x, test_y


def evaluate(
    model: Model, texts: Sequence[str], labels: Sequence[int], threshold: float = 0.5
) -> dict[str, Any]:
    """Precision, recall, F1 and accuracy of the model on labelled texts (a held-out split)."""
    tp = fp = fn = tn = 0
    for text, label in zip(texts, labels, strict=True):
        predicted = model.probability(text) >= threshold
        if predicted and label:
            tp += 1
        elif predicted:
            fp += 1
        elif label:
            fn += 1
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "model_version": model.version,
        "n": len(labels),
        "positives": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round((tp + tn) / len(labels), 4) if labels else 0.0,
        "threshold": threshold,
    }


_ACTIVE: list[Model | None] = [None]


def use_model(path: str | Path | None) -> Model | None:
    """Load the model the detector applies (None turns it off); read once, at start, not per post."""
    _ACTIVE[0] = Model.load(Path(path)) if path else None
    return _ACTIVE[0]


def configured_model() -> Model | None:
    """The model in use: set by `use_model`, or read from REELSCOPE_MODEL when the plugin loads."""
    return _ACTIVE[0]


def model_signal(post: Post, threshold: float = 0.5) -> Signal | None:
    """A `classifier` signal when a model is configured and rates the post's text at or above `threshold`."""
    model = configured_model()
    if model is None or not isinstance(post.text, str) or not post.text.strip():
        return None
    p = model.probability(post.text)
    if p < threshold:
        return None
    return Signal("classifier", f"p={p:.2f}", "model", round(p, 4), {"model_version": model.version})


use_model(os.environ.get(MODEL_ENV) or None)
