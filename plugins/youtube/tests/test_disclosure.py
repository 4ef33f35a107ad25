"""Paid promotion is the overlay's wording, never the overlay's presence; YouTube's own ads are no signal."""

from __future__ import annotations

import pytest

from plugins.platform import Page
from plugins.youtube import PLATFORM
from plugins.youtube.disclosure import has_player_ads, is_paid_promotion, overlay_texts

PAID = [
    "Includes paid promotion",
    "Inclut une communication commerciale",
    "Enthält bezahlte Werbung",
    "Enthält Werbung",
    "Incluye promoción pagada",
    "Incluye promoción de pago",
    "Include promozioni a pagamento",
    "Inclui promoção paga",
    "Bevat betaalde promotie",
]
NOT_PAID = [
    "COVID-19 vaccine: See 'about' for more information",
    "BBC is a British public broadcast service.",
    "Radio France est un groupe de radio public français.",
    "Learn about vaccine progress from the WHO",
]


@pytest.mark.parametrize("text", PAID)
def test_paid_promotion_wording_in_every_language(text: str) -> None:
    assert is_paid_promotion(text)


@pytest.mark.parametrize("text", NOT_PAID)
def test_information_notices_are_not_paid_promotion(text: str) -> None:
    assert not is_paid_promotion(text)


def _overlay(text: str) -> dict[str, object]:
    return {
        "paidContentOverlayRenderer": {
            "text": {"runs": [{"text": text}]},
            "icon": {"iconType": "INFO_OUTLINE"},
        }
    }


def test_overlay_texts_split_labels_from_notices_across_both_places() -> None:
    player = {"paidContentOverlay": _overlay("Incluye promoción pagada")}
    data = {
        "playerOverlays": {
            "playerOverlayRenderer": {"playerDisclosure": _overlay("BBC is a public broadcaster")}
        }
    }
    found = overlay_texts(player, data)
    assert found.labels == ["Incluye promoción pagada"]
    assert found.notices == ["BBC is a public broadcaster"]


def test_broadcaster_notice_on_a_watch_page_gives_no_signal() -> None:
    player = {
        "videoDetails": {"videoId": "Bro4dc4st01", "viewCount": "10"},
        "paidContentOverlay": _overlay("BBC News"),
    }
    body = b"<script>var ytInitialPlayerResponse = " + __import__("orjson").dumps(player) + b";</script>"
    (post,) = PLATFORM.parse(Page(url="https://www.youtube.com/watch?v=Bro4dc4st01", body=body)).posts
    assert post.signals == [] and post.metadata["notices"] == ["BBC News"]
    assert "labels" not in post.metadata


def test_player_ads_are_noted_not_signalled() -> None:
    assert has_player_ads({"adPlacements": [{"x": 1}]})
    assert not has_player_ads({"adPlacements": []})
    assert not has_player_ads(["adPlacements"])
