"""`reelscope parse` on a JSON body cut short or damaged says so (with where), not "no item found"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from reelscope.cmd_parse import json_damage

# A TikTok /api/post/item_list body, cut short as an interrupted download leaves it.
ITEM_LIST = orjson.dumps(
    {
        "statusCode": 0,
        "itemList": [{"id": "7461529726461447432", "desc": "a" * 200, "stats": {"diggCount": 5}}],
    }
)


@pytest.mark.parametrize("platform", [("-p", "tiktok"), ()])
def test_truncated_json_is_named_with_its_position(
    reelscope: Any, tmp_path: Path, platform: tuple[str, ...]
) -> None:
    path = tmp_path / "item_list.json"
    path.write_bytes(ITEM_LIST[:120])
    proc = reelscope("parse", str(path), *platform)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert (
        proc.stderr.strip()
        == f"error: {path}: truncated JSON: unexpected end of data at line 1 column 121 (char 120)"
    )


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            b'{"a": 1,, }',
            "malformed JSON: unexpected character, expected a string key at line 1 column 9 (char 8)",
        ),
        (b'\xef\xbb\xbf\n  [{"a": ', "truncated JSON: unexpected end of data"),
        (b'{\n  "itemList": [\n', "truncated JSON: unexpected end of data at line 3"),
        (b'{"a": 1}\n{"b": 2', None),  # NDJSON with a cut last line: the parsers skip that line
        (b'{"a": 1}', None),
        (b"<html>{}</html>", None),
    ],
)
def test_json_damage(body: bytes, said: str | None) -> None:
    found = json_damage(body)
    assert found == said if said is None else found is not None and found.startswith(said)


def test_ndjson_capture_keeps_the_parsers_message(reelscope: Any, tmp_path: Path) -> None:
    path = tmp_path / "capture.ndjson"
    path.write_bytes(b'{"data": {"nothing": 1}}\n{"data": {"nothing": 2}}\n')
    proc = reelscope("parse", str(path), "-p", "tiktok")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"error: {path}: not a tiktok page (no TikTok item in the capture)"
