"""Precision, recall and F1 of `disclosed` and `sponsored` on the labelled set in bench/data (and real pages).

Run: .venv/bin/python bench/detect_eval.py [--errors]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from plugins.host import PluginHost
from plugins.platform import Page, ParseError
from plugins.post import Post
from plugins.sponsorship import load_brands
from plugins.testing import real_pages_dir

DATA = Path(__file__).with_name("data")


@dataclass
class Case:
    """One labelled post."""

    group: str
    post: Post
    sponsored: bool
    disclosed: bool


def text_cases() -> list[Case]:
    """The hand-written captions of cases_*.tsv and cases_meta.jsonl."""
    cases: list[Case] = []
    for path in sorted(DATA.glob("cases_*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            lang, sponsored, disclosed, text = line.split("\t", 3)
            post = Post("instagram", f"{path.stem}-{number}", "", text=text.replace("\\n", "\n"))
            cases.append(Case(lang, post, sponsored == "1", disclosed == "1"))
    for number, line in enumerate((DATA / "cases_meta.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        post = Post(row["platform"], f"meta-{number}", "", text=row["text"], metadata=row["metadata"])
        cases.append(Case("meta", post, row["sponsored"], row["disclosed"]))
    return cases


def real_cases(host: PluginHost) -> tuple[list[Case], list[str]]:
    """Posts parsed from the real captures with the hand labels of real_labels.json, and files skipped."""
    root = real_pages_dir()
    if root is None:
        return [], ["real pages absent"]
    labels = json.loads((DATA / "real_labels.json").read_text(encoding="utf-8"))
    cases: list[Case] = []
    skipped: list[str] = []
    skipped += [f"{name} (labels not yet checked)" for name in labels.get("pending", [])]
    for name in labels["files"]:
        platform = name.split("/", 1)[0]
        if platform not in host.platforms:
            skipped.append(f"{name} (no {platform} plugin)")
            continue
        try:
            parsed = host.parse_all(Page(url="", body=(root / name).read_bytes()))
        except (ParseError, OSError) as exc:
            skipped.append(f"{name} ({exc})")
            continue
        listed = labels["posts"].get(name, {})
        for _, _, result in parsed:
            for post in result.posts:
                if post.post_id in labels["unsure"]:
                    continue
                sponsored, disclosed = listed.get(post.post_id, [False, False])
                cases.append(Case("real", post, sponsored, disclosed))
    return cases, skipped


def scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and positives of (predicted, actual) pairs."""
    tp = sum(1 for p, a in pairs if p and a)
    fp = sum(1 for p, a in pairs if p and not a)
    fn = sum(1 for p, a in pairs if a and not p)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def main(argv: list[str]) -> int:
    """Detect every case, print the table (and the errors with --errors)."""
    host = PluginHost.load(entry_points=False)
    load_brands(json.loads((DATA / "brands.json").read_text(encoding="utf-8")))
    cases = text_cases()
    real, skipped = real_cases(host)
    cases += real
    results: dict[str, list[tuple[Case, bool, bool]]] = {}
    for case in cases:
        case.post.signals = [s for s in case.post.signals if case.group == "real"]
        host.detect(case.post)
        results.setdefault(case.group, []).append((case, case.post.sponsored, case.post.disclosed))
    groups = [*sorted(g for g in results if g not in ("meta", "real")), "meta", "real"]
    print(
        f"{'set':<8}{'n':>5} | {'disclosed P':>11} {'R':>6} {'F1':>6} {'pos':>4} | "
        f"{'sponsored P':>11} {'R':>6} {'F1':>6} {'pos':>4}"
    )
    everything: list[tuple[Case, bool, bool]] = []
    written: list[tuple[Case, bool, bool]] = []
    for group in groups:
        rows = results.get(group, [])
        if rows:
            everything += rows
            if group != "real":
                written += rows
            print(_row(group, rows))
    print(_row("written", written))
    print(_row("all", everything))
    for line in skipped:
        print(f"skipped: {line}")
    if "--errors" in argv:
        for case, sponsored, disclosed in everything:
            if (sponsored, disclosed) != (case.sponsored, case.disclosed):
                kinds = [
                    (s.kind, s.evidence, s.strength) for s in case.post.signals if s.kind != "brand_mention"
                ]
                print(
                    f"[{case.group}] want s={case.sponsored:d} d={case.disclosed:d} got s={sponsored:d} "
                    f"d={disclosed:d} {case.post.text[:90]!r} {kinds}"
                )
    return 0


def _row(name: str, rows: list[tuple[Case, bool, bool]]) -> str:
    dp, dr, df, dpos = scores([(d, c.disclosed) for c, _, d in rows])
    sp, sr, sf, spos = scores([(s, c.sponsored) for c, s, _ in rows])
    return (
        f"{name:<8}{len(rows):>5} | {dp:>11.3f} {dr:>6.3f} {df:>6.3f} {dpos:>4} | "
        f"{sp:>11.3f} {sr:>6.3f} {sf:>6.3f} {spos:>4}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
