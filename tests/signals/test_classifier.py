"""The weakly supervised classifier: labels from rules, training, held-out evaluation, JSON, detector."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from plugins.sponsorship import detect_signals
from plugins.sponsorship.classifier import (
    Model,
    evaluate,
    features,
    model_signal,
    split,
    strip_markers,
    train,
    use_model,
    weak_labels,
)

from .conftest import make_post

_PROMO = [
    "new",
    "collection",
    "launch",
    "discount",
    "shop",
    "now",
    "limited",
    "offer",
    "link",
    "in",
    "bio",
    "brand",
    "favourite",
    "product",
]
_DAILY = [
    "walked",
    "dog",
    "rain",
    "coffee",
    "friends",
    "weekend",
    "mountains",
    "sunset",
    "cooked",
    "dinner",
    "family",
    "garden",
    "book",
]
_DISCLOSURES = ["#ad", "Werbung |", "Publicité :", "#publi", "Paid partnership with @x"]


def corpus(n: int, seed: int = 3) -> list:
    """Posts the tests generate: disclosed promotional captions and everyday captions."""
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        if i % 2:
            words = rng.choices(_PROMO, k=12) + rng.choices(_DAILY, k=3)
            text = f"{rng.choice(_DISCLOSURES)} {' '.join(words)}"
        else:
            text = " ".join(rng.choices(_DAILY, k=12) + rng.choices(_PROMO, k=2))
        posts.append(make_post(text, post_id=str(i)))
    return posts


@pytest.fixture(autouse=True)
def no_model() -> object:
    use_model(None)
    yield
    use_model(None)


def test_weak_labels_strip_markers_and_skip_weak_evidence() -> None:
    posts = [
        make_post("#ad lovely new serum"),
        make_post("walked the dog"),
        make_post("more here https://bit.ly/x"),  # weak evidence only: left out
        make_post(""),
    ]
    texts, labels = weak_labels(posts)
    assert texts == ["lovely new serum", "walked the dog"]
    assert labels == [1, 0]


def test_strip_markers_removes_every_marker() -> None:
    assert strip_markers("Werbung | neue Tasche #ad #ootd") == "| neue Tasche #ootd"


def test_features_are_unigrams_bigrams_and_hosts() -> None:
    got = features("Shop NOW https://amzn.to/x")
    assert "shop" in got and "shop now" in got and "url:amzn.to" in " ".join(got)


def test_trained_model_separates_held_out_posts() -> None:
    texts, labels = weak_labels(corpus(400))
    train_x, train_y, test_x, test_y = split(texts, labels, 0.25)
    assert test_x and train_x and not set(test_x) & set(train_x)
    model = train(train_x, train_y)
    metrics = evaluate(model, test_x, test_y)
    assert metrics["n"] == len(test_x) and metrics["f1"] >= 0.9, metrics


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    texts, labels = weak_labels(corpus(100))
    model = train(texts, labels)
    path = tmp_path / "model.json"
    model.save(path)
    again = Model.load(path)
    assert again.version == model.version and again.version.startswith("nb1-")
    assert again.probability("limited offer shop now") == pytest.approx(
        model.probability("limited offer shop now")
    )


def test_version_changes_with_the_training_data() -> None:
    a = train(*weak_labels(corpus(100, seed=1)))
    b = train(*weak_labels(corpus(100, seed=2)))
    assert a.version != b.version


@pytest.mark.parametrize("raw", [b"{}", b'{"format": "reelscope-nb/1"}', b"[1]"])
def test_damaged_models_are_rejected(raw: bytes) -> None:
    with pytest.raises(ValueError):
        Model.from_json(raw)


def test_training_needs_both_classes() -> None:
    with pytest.raises(ValueError):
        train(["a", "b"], [1, 1])


def test_detector_adds_a_classifier_signal_when_a_model_is_configured(tmp_path: Path) -> None:
    post = make_post("new collection launch limited offer shop now favourite product")
    assert model_signal(post) is None
    path = tmp_path / "m.json"
    train(*weak_labels(corpus(200))).save(path)
    model = use_model(path)
    assert model is not None
    signals = [s for s in detect_signals(post) if s.kind == "classifier"]
    (signal,) = signals
    assert signal.source == "model" and signal.evidence.startswith("p=")
    assert signal.strength >= 0.5 and signal.detail == {"model_version": model.version}
    assert model_signal(make_post("walked dog rain coffee friends weekend")) is None
