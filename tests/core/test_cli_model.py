"""`reelscope model train|evaluate` on a store the test fills, then detection with the trained model;
watchlist brands reaching `detect`."""

from __future__ import annotations

import json
import random
from pathlib import Path

from plugins.post import Post
from store.engine import get_engine, session
from store.migrations import upgrade
from store.repo import upsert_posts

PRODUCT = ["serum", "skincare", "glow", "discount", "shop", "link", "bio", "new", "collection", "favourite"]
ORGANIC = ["hike", "mountain", "sunset", "friends", "weekend", "coffee", "rain", "train", "book", "garden"]


def _fill(url: str, seed: int = 7) -> None:
    rng = random.Random(seed)
    posts = []
    for i in range(60):
        words = " ".join(rng.choices(PRODUCT, k=8))
        posts.append(
            Post(
                platform="instagram",
                post_id=f"s{i}",
                url=f"https://www.instagram.com/p/s{i}/",
                text=f"#ad {words}",
            )
        )
        calm = " ".join(rng.choices(ORGANIC, k=8))
        posts.append(
            Post(platform="instagram", post_id=f"o{i}", url=f"https://www.instagram.com/p/o{i}/", text=calm)
        )
    engine = get_engine(url)
    upgrade(engine)
    with session(engine) as s:
        upsert_posts(s, posts)


def test_train_evaluate_then_detect_with_the_model(reelscope, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'train.db'}"
    _fill(url)
    model = tmp_path / "model.json"
    trained = reelscope("model", "train", "--db", url, "--out", str(model))
    assert trained.returncode == 0, trained.stderr
    assert model.is_file() and f"REELSCOPE_MODEL={model}" in trained.stderr
    assert "precision" in trained.stdout and "f1" in trained.stdout
    evaluated = reelscope("model", "evaluate", "--model", str(model), "--db", url, "--json")
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads(evaluated.stdout)
    assert metrics["f1"] == 1.0 and metrics["n"] > 0 and metrics["model_version"].startswith("nb")

    records = tmp_path / "new.jsonl"
    records.write_text(
        json.dumps({"platform": "instagram", "text": "new serum collection glow shop link bio"})
        + "\n"
        + json.dumps({"platform": "instagram", "text": "sunset hike with friends and coffee"})
        + "\n"
    )
    detected = reelscope("detect", str(records), REELSCOPE_MODEL=str(model))
    rows = [json.loads(line) for line in detected.stdout.splitlines()]
    kinds = [[s["kind"] for s in r["signals"]] for r in rows]
    assert "classifier" in kinds[0] and "classifier" not in kinds[1]
    assert rows[0]["signals"][kinds[0].index("classifier")]["detail"]["model_version"].startswith("nb")


def test_training_refuses_a_store_without_enough_labels(reelscope, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    proc = reelscope("model", "train", "--db", url, "--out", str(tmp_path / "m.json"))
    assert proc.returncode == 2
    assert "training needs at least 10 of each" in proc.stderr and not (tmp_path / "m.json").exists()


def test_evaluate_names_a_missing_or_foreign_model(reelscope, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = reelscope("model", "evaluate", "--model", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "none.json: no such file" in missing.stderr
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"hello": 1}')
    proc = reelscope("model", "evaluate", "--model", str(foreign))
    assert proc.returncode == 2 and "not a reelscope model" in proc.stderr


def test_watchlist_brands_reach_detect(reelscope, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "reelscope.toml"
    config.write_text(
        '[[brands]]\nname = "Glossier"\naliases = ["glossier inc"]\ndomains = ["glossier.com"]\n'
    )
    records = tmp_path / "p.jsonl"
    records.write_text(json.dumps({"platform": "tiktok", "text": "my morning routine with Glossier"}) + "\n")
    without = json.loads(reelscope("detect", str(records)).stdout)
    with_config = json.loads(reelscope("detect", str(records), "--config", str(config)).stdout)
    assert "glossier" not in without["brands"]
    assert with_config["brands"] == ["glossier"] and not with_config["sponsored"]
    via_env = json.loads(reelscope("detect", str(records), REELSCOPE_CONFIG=str(config)).stdout)
    assert via_env["brands"] == ["glossier"]
