"""`reelscope demo`: the README's main job, end to end, with every output it promises."""

from __future__ import annotations

import json
from pathlib import Path


def test_demo_collects_the_sandbox_truth_and_writes_its_outputs(reelscope, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "demo"
    proc = reelscope("demo", "--dir", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"outputs in {out}" in proc.stderr
    posts = [json.loads(line) for line in (out / "posts.jsonl").read_text().splitlines()]
    truth = json.loads((out / "truth.json").read_text())
    facts = {(t["platform"], t["post_id"]): t for t in (truth["posts"] if isinstance(truth, dict) else truth)}
    assert {p["platform"] for p in posts} == {"tiktok", "youtube", "instagram", "x"}
    assert len({(p["platform"], p["post_id"]) for p in posts}) == len(posts)
    for post in posts:
        fact = facts[(post["platform"], post["post_id"])]
        assert post["sponsored"] == bool(fact["sponsored"]), post["url"]
        assert post["disclosed"] == bool(fact["disclosed"]), post["url"]
    assert "Crawled from the sandbox" in proc.stdout and "instagram" in proc.stdout
    assert (out / "shares.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = (out / "report" / "index.html").read_text()
    assert "<svg" in html and "tiktok" in html
