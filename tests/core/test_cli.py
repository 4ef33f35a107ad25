"""The CLI's contracts: help with examples, version, one-line errors for user mistakes, detect on JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reelscope import __version__


def test_version(reelscope) -> None:
    proc = reelscope("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"reelscope {__version__}"


@pytest.mark.parametrize(
    "command",
    [
        ["plugins"],
        ["parse"],
        ["detect"],
        ["db", "upgrade"],
        ["db", "current"],
        ["plugin", "new"],
        ["plugin", "record"],
        ["plugin", "test"],
    ],
)
def test_every_command_has_help_with_examples(reelscope, command: list[str]) -> None:
    proc = reelscope(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert "Examples" in proc.stdout and "reelscope" in proc.stdout


def test_parse_missing_file_is_one_line(reelscope, tmp_path: Path) -> None:
    proc = reelscope("parse", str(tmp_path / "nope.html"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {tmp_path / 'nope.html'}: no such file"


def test_parse_unrecognised_file(reelscope, tmp_path: Path) -> None:
    page = tmp_path / "recipe.html"
    page.write_text("<html><body>a cake recipe</body></html>")
    proc = reelscope("parse", str(page))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: no platform recognises {page}"


def test_parse_unknown_platform_names_the_known_ones(reelscope, tmp_path: Path) -> None:
    page = tmp_path / "p.json"
    page.write_text("{}")
    proc = reelscope("parse", str(page), "--platform", "myspace")
    assert (
        proc.returncode == 2
        and "unknown platform 'myspace'" in proc.stderr
        and "Traceback" not in proc.stderr
    )


def test_detect_keeps_foreign_keys_and_fills_the_decision(reelscope, tmp_path: Path) -> None:
    records = tmp_path / "posts.jsonl"
    records.write_text(
        json.dumps({"platform": "tiktok", "text": "hello", "source_tool": "4cat"})
        + "\n\n"
        + json.dumps({"platform": "youtube", "text": "second"})
        + "\n"
    )
    proc = reelscope("detect", str(records))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["hello", "second"]
    assert rows[0]["source_tool"] == "4cat"
    assert {"sponsored", "disclosed", "signals", "brands"} <= set(rows[1])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"platform": "x", "text": "ok"}\n{not json\n', "posts.jsonl:2: not valid JSON"),
        ("[1, 2]\n", "posts.jsonl:1: expected a JSON object, found list"),
        ('{"text": "no platform"}\n', "posts.jsonl:1: post record lacks 'platform'"),
    ],
)
def test_detect_bad_lines_name_file_and_line(reelscope, tmp_path: Path, content: str, message: str) -> None:
    records = tmp_path / "posts.jsonl"
    records.write_text(content)
    proc = reelscope("detect", str(records))
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_option_is_a_usage_error(reelscope) -> None:
    proc = reelscope("parse", "--colour", "red")
    assert proc.returncode == 2 and "No such option" in proc.stderr
