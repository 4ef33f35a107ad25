"""Where a watch or Shorts response states its likes, views and comments, best source first.

Exact sources (a digit string, "like this video along with 5,471,574 other people") win over abbreviated
ones ("5.4m", "5.4 million likes"); among equals, the order the candidates are offered decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plugins.numbers import find_counts
from plugins.values import as_count, as_dict, as_list, dig
from plugins.youtube.dates import date_from_text
from plugins.youtube.values import label_of, text_count, text_of

Count = tuple[int, bool]


class Best:
    """Keeps the first exact value offered, else the first approximate one."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: Count | None = None

    def offer(self, candidate: Count | None) -> None:
        """Consider one (value, approximate) candidate."""
        if candidate is None:
            return
        if self.value is None or (self.value[1] and not candidate[1]):
            self.value = candidate


def sentence_count(text: Any) -> Count | None:
    """The counter in a sentence ("haz clic en Me gusta ... junto con otras 7373 personas"), or None."""
    if not isinstance(text, str) or not text:
        return None
    found = find_counts(text)
    return found[0] if found else None


def digits_or_text(value: Any) -> Count | None:
    """A digit string as an exact count, any other counter text parsed (perhaps approximate)."""
    exact = as_count(value)
    if exact is not None:
        return exact, False
    return text_count(value)


def watch_sections(data: Any) -> Iterator[dict[str, Any]]:
    """The items of the main column of a /next response or watch page (two- or single-column)."""
    contents = dig(data, "contents", "twoColumnWatchNextResults", "results", "results", "contents")
    if contents is None:
        contents = dig(data, "contents", "singleColumnWatchNextResults", "results", "results", "contents")
    for item in as_list(contents):
        if not isinstance(item, dict):
            continue
        yield item
        slim = dig(item, "slimVideoMetadataSectionRenderer", "contents")
        for inner in as_list(slim):
            if isinstance(inner, dict):
                yield inner


def renderer(data: Any, name: str) -> dict[str, Any]:
    """The first `name` renderer of the main column (videoPrimaryInfoRenderer, ...), or {}."""
    for item in watch_sections(data):
        found = item.get(name)
        if isinstance(found, dict):
            return found
    return {}


def _entity_like_count(button: dict[str, Any], mutations: list[Any]) -> Count | None:
    for entity in (
        button.get("likeCountEntity"),
        dig(button, "likeButtonViewModel", "likeButtonViewModel", "likeCountEntity"),
    ):
        number = dig(entity, "likeCountIfIndifferentNumber")
        if number is not None:
            return digits_or_text(number)
        key = dig(entity, "key")
        if isinstance(key, str):
            for mutation in mutations:
                if dig(mutation, "entityKey") == key:
                    return digits_or_text(
                        dig(mutation, "payload", "likeCountEntity", "likeCountIfIndifferentNumber")
                    )
    return None


def _like_view_model(view_model: Any) -> dict[str, Any]:
    """The default-state buttonViewModel of a likeButtonViewModel (two nesting styles)."""
    toggle = dig(view_model, "toggleButtonViewModel", "toggleButtonViewModel")
    return as_dict(dig(toggle, "defaultButtonViewModel", "buttonViewModel"))


def like_buttons(buttons: list[Any], mutations: list[Any], best: Best) -> None:
    """Offer the like counts of a list of action buttons (every layout since 2020)."""
    for button in buttons:
        if not isinstance(button, dict):
            continue
        segmented = button.get("segmentedLikeDislikeButtonViewModel")
        if isinstance(segmented, dict):
            best.offer(_entity_like_count(segmented, mutations))
            model = _like_view_model(dig(segmented, "likeButtonViewModel", "likeButtonViewModel"))
            best.offer(sentence_count(model.get("accessibilityText")))
            best.offer(text_count(model.get("title")))
        old_segmented = dig(
            button, "segmentedLikeDislikeButtonRenderer", "likeButton", "toggleButtonRenderer"
        )
        for toggle in (old_segmented, button.get("toggleButtonRenderer")):
            if not isinstance(toggle, dict):
                continue
            is_like = (
                dig(toggle, "defaultIcon", "iconType") == "LIKE" or toggle.get("targetId") == "watch-like"
            )
            if toggle is not old_segmented and not is_like:
                continue
            best.offer(sentence_count(dig(toggle, "accessibilityData", "accessibilityData", "label")))
            best.offer(sentence_count(label_of(toggle.get("defaultText"))))
            best.offer(text_count(text_of(toggle.get("defaultText"))))
        direct = button.get("likeButtonViewModel")
        if isinstance(direct, dict):
            best.offer(
                _entity_like_count({"likeButtonViewModel": {"likeButtonViewModel": direct}}, mutations)
            )
            model = _like_view_model(direct)
            best.offer(sentence_count(model.get("accessibilityText")))
            best.offer(text_count(model.get("title")))


def description_header(data: Any) -> dict[str, Any]:
    """The videoDescriptionHeaderRenderer of the structured-description engagement panel, or {}."""
    for panel in as_list(dig(data, "engagementPanels")):
        items = dig(
            panel,
            "engagementPanelSectionListRenderer",
            "content",
            "structuredDescriptionContentRenderer",
            "items",
        )
        for item in as_list(items):
            header = dig(item, "videoDescriptionHeaderRenderer")
            if isinstance(header, dict):
                return header
    return {}


def factoids(header: dict[str, Any]) -> tuple[Count | None, Count | None, str | None]:
    """(likes, views, day) from the description header's factoids (likes: the non-date plain factoid)."""
    likes = views = None
    day = None
    for factoid in as_list(header.get("factoid")):
        view_factoid = dig(factoid, "viewCountFactoidRenderer", "factoid", "factoidRenderer")
        if isinstance(view_factoid, dict):
            views = (
                views
                or text_count(view_factoid.get("accessibilityText"))
                or text_count(view_factoid.get("value"))
            )
            continue
        plain = dig(factoid, "factoidRenderer")
        if not isinstance(plain, dict):
            continue
        spoken = plain.get("accessibilityText")
        as_date = date_from_text(spoken) or date_from_text(
            " ".join(t for t in (text_of(plain.get("value")), text_of(plain.get("label"))) if t)
        )
        if as_date:
            day = day or as_date
        elif likes is None:
            likes = text_count(spoken) or text_count(plain.get("value"))
    return likes, views, day


def comment_count(data: Any) -> Count | None:
    """The comment count shown under the video or in the comments panel header."""
    best = Best()
    for item in watch_sections(data):
        section = item.get("itemSectionRenderer")
        if not isinstance(section, dict):
            continue
        for entry in as_list(section.get("contents")):
            best.offer(text_count(dig(entry, "commentsEntryPointHeaderRenderer", "commentCount")))
        header = dig(section, "header", "commentsHeaderRenderer")
        best.offer(text_count(dig(header, "commentsCount")) or text_count(dig(header, "countText")))
    for panel in as_list(dig(data, "engagementPanels")):
        section = as_dict(dig(panel, "engagementPanelSectionListRenderer"))
        ident = f"{section.get('panelIdentifier')} {section.get('targetId')}"
        if "comment" in ident:
            best.offer(
                text_count(dig(section, "header", "engagementPanelTitleHeaderRenderer", "contextualInfo"))
            )
    return best.value
