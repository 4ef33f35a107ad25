"""The plugins through the host, on records with only platform and text, and the labelled set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from plugins.host import PluginHost
from plugins.post import Post

BENCH = Path(__file__).resolve().parents[2] / "bench" / "detect_eval.py"


def test_host_detects_and_enriches_a_bare_record() -> None:
    host = PluginHost.load(allow={"sponsorship", "engagement"}, entry_points=False)
    post = host.detect(Post.from_dict({"platform": "tiktok", "text": "Werbung | use code MAX10"}))
    assert post.sponsored and post.disclosed
    assert {s.kind for s in post.signals} == {"disclosure", "promo_code"}
    assert post.metadata["sponsorship"] == {"score": 1.0, "undisclosed": False}
    assert post.metadata["engagement"]["total"] is None


def test_undisclosed_view() -> None:
    host = PluginHost.load(allow={"sponsorship", "engagement"}, entry_points=False)
    post = host.detect(Post.from_dict({"platform": "x", "text": "Shop it https://liketk.it/3x"}))
    assert post.sponsored and not post.disclosed and post.metadata["sponsorship"]["undisclosed"]


def test_labelled_set_meets_the_disclosure_goal() -> None:
    spec = importlib.util.spec_from_file_location("detect_eval", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["detect_eval"] = bench  # dataclasses look their module up while the class is built
    spec.loader.exec_module(bench)
    host = PluginHost.load(allow={"sponsorship", "engagement"}, entry_points=False)
    cases = bench.text_cases()
    assert len(cases) >= 150
    pairs = []
    for case in cases:
        host.detect(case.post)
        pairs.append((case.post.disclosed, case.disclosed))
    assert bench.scores(pairs)[2] >= 0.95
