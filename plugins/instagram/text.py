"""Hashtags and @mentions written in an Instagram caption."""

from __future__ import annotations

import re

# A tag runs over letters, digits and underscores in any script; "&#39;" style entities are not tags.
# The literal "#"/"@" leads and the look-behind checks the character before it: a pattern that starts
# with a look-behind is tried at every position of the text, several times slower.
_HASHTAG = re.compile(r"#(?<![\w&]#)(\w+)")
# Usernames: letters, digits, "." and "_", at most 30; an e-mail's "@" follows a word character.
_MENTION = re.compile(r"@(?<![\w.@]@)([A-Za-z0-9_.]{1,30})")


def hashtags_in(text: str) -> list[str]:
    """Hashtags written in a text, lowercase, in order, without duplicates."""
    if "#" not in text:
        return []
    # Instagram links no tag made of digits only ("#1").
    return list(dict.fromkeys(tag.lower() for tag in _HASHTAG.findall(text) if not tag.isdigit()))


def mentions_in(text: str) -> list[str]:
    """@handles written in a text, lowercase, in order, without duplicates (a trailing "." is prose)."""
    if "@" not in text:
        return []
    handles = (handle.rstrip(".").lower() for handle in _MENTION.findall(text))
    return list(dict.fromkeys(h for h in handles if h))
