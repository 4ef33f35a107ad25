"""Counters in the `MLiveData` blobs m.facebook.com writes for each story's feedback (likes, comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plugins.numbers import parse_count

# ["MLiveData","set",[],["<id>",{ft_ent_identifier:<id>,comment_count:149,share_count:281,...}]]
_BLOB = re.compile(r'\["MLiveData","set",\[\],\["(\d+)",\{')
_END = "}]]"
_MAX_BLOB = 20_000
_FIELDS = (("likes", "like_count"), ("comments", "comment_count"), ("shares", "share_count"))


@dataclass(slots=True)
class Feedback:
    """The counters a story's feedback blob gives: exact values and the ones only abbreviated."""

    counts: dict[str, int] = field(default_factory=dict)
    approximate: list[str] = field(default_factory=list)


def _field(blob: str, name: str) -> tuple[int, bool] | None:
    exact = re.search(rf"(?<![\w]){name}:(\d+)[,}}]", blob)
    if exact:
        return int(exact.group(1)), False
    reduced = re.search(rf'(?<![\w])reduced_{name}:"([^"]{{1,20}})"', blob)
    return parse_count(reduced.group(1)) if reduced else None


def read_feedback(text: str) -> dict[str, Feedback]:
    """Feedback counters by story (or photo) id, in page order."""
    out: dict[str, Feedback] = {}
    for match in _BLOB.finditer(text):
        end = text.find(_END, match.end(), match.end() + _MAX_BLOB)
        blob = text[match.end() : end if end >= 0 else match.end() + _MAX_BLOB]
        feedback = out.setdefault(match.group(1), Feedback())
        for counter, name in _FIELDS:
            found = _field(blob, name)
            if found is not None and counter not in feedback.counts:
                feedback.counts[counter] = found[0]
                if found[1]:
                    feedback.approximate.append(counter)
    return out
