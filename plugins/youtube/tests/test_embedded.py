"""Locating the JSON a page assigns, in every way pages write it."""

from __future__ import annotations

from plugins.youtube.embedded import DATA, PLAYER, find_json, load


def test_var_assignment_ending_at_script_end() -> None:
    body = b'<script>var ytInitialData = {"a":{"b":"};\\u003c/script> in a string"}};</script><p>x</p>'
    assert find_json(body, DATA) == {"a": {"b": "};</script> in a string"}}


def test_window_assignment_followed_by_more_script_on_the_next_line() -> None:
    body = (
        b'<script>\n    window["ytInitialData"] = {"x":1};\n'
        b'    window["ytInitialPlayerResponse"] = {"videoDetails":{"videoId":"abcdefghijk"}};\n'
        b"    if (window.ytcsi) {window.ytcsi.tick('pdr', null, '');}\n  </script>"
    )
    assert find_json(body, DATA) == {"x": 1}
    assert find_json(body, PLAYER) == {"videoDetails": {"videoId": "abcdefghijk"}}


def test_same_line_trailing_script_is_cut_at_the_document_end() -> None:
    body = b'<script>ytInitialData = {"x":"\xc3\xa9t\xc3\xa9"};var other = 2;</script>'
    assert find_json(body, DATA) == {"x": "été"}


def test_reads_of_the_name_are_not_assignments() -> None:
    body = b"<script>f(a.ytInitialData, window['ytInitialData']);var ytInitialData = {\"y\":2};</script>"
    assert find_json(body, DATA) == {"y": 2}


def test_mobile_page_hex_escaped_string() -> None:
    body = rb"<script>var ytInitialData = '\x7b\x22title\x22:\x22caf\u00e9 \\\x22x\\\x22\x22\x7d';</script>"
    assert find_json(body, DATA) == {"title": 'café "x"'}


def test_damaged_or_absent_json_is_none() -> None:
    assert find_json(b'<script>var ytInitialData = {"a": [1, 2</script>', DATA) is None
    assert find_json(b"<html>nothing here</html>", DATA) is None
    assert load(b'{"n": 1e400}') is None
