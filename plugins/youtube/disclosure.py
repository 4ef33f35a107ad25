"""The paid-promotion notice YouTube overlays on a video, told apart from the other notices it shows there.

`paidContentOverlayRenderer` carries "Includes paid promotion" (in the viewer's language) when the creator
declared a paid product placement, but the same renderer also carries public-broadcaster and health
(COVID-19) information panels. Only the wording decides. `adPlacements`/`playerAds` are YouTube's own ad
slots, never the creator's sponsorship: they are noted, not signalled.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from plugins.values import dig
from plugins.youtube.values import text_of

# "Includes paid promotion" as YouTube words it per interface language (lowercase, accents kept).
PAID_PROMOTION_PHRASES: tuple[str, ...] = (
    "paid promotion",  # en
    "communication commerciale",  # fr
    "promotion payée",  # fr-CA
    "bezahlte werbung",  # de
    "enthält werbung",  # de (short form)
    "bezahlte promotion",  # de
    "promoción pagada",  # es-419
    "promoción de pago",  # es-ES
    "promoción paga",  # es
    "promozioni a pagamento",  # it
    "promozione a pagamento",  # it
    "promoção paga",  # pt
    "promoção pagas",  # pt-PT
    "betaalde promotie",  # nl
    "płatną promocję",  # pl
    "платную рекламу",  # ru
    "платная реклама",  # ru
    "ücretli tanıtım",  # tr
    "betald marknadsföring",  # sv
    "betalt promovering",  # da
    "betalt markedsføring",  # nb
    "promosi berbayar",  # id
    "有料プロモーション",  # ja
    "プロモーションを含みます",  # ja
    "유료 광고",  # ko
    "付费宣传",  # zh-CN
    "付費宣傳",  # zh-TW
)
_OVERLAY_PATHS: tuple[tuple[str, ...], ...] = (
    ("paidContentOverlay", "paidContentOverlayRenderer"),
    ("playerOverlays", "playerOverlayRenderer", "playerDisclosure", "paidContentOverlayRenderer"),
)
_AD_KEYS = ("adPlacements", "playerAds", "adSlots")


@dataclass(slots=True)
class Disclosure:
    """Texts of the overlay notices: paid-promotion labels and other (informational) notices."""

    labels: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def is_paid_promotion(text: str) -> bool:
    """Whether an overlay text says the video includes paid promotion (any supported language)."""
    low = unicodedata.normalize("NFC", text).casefold()
    return any(phrase in low for phrase in PAID_PROMOTION_PHRASES)


def overlay_texts(*responses: Any) -> Disclosure:
    """The paid-content overlay texts in player/next responses, split into promotion labels and notices."""
    found = Disclosure()
    for response in responses:
        for path in _OVERLAY_PATHS:
            text = text_of(dig(response, *path, "text"))
            if not text:
                continue
            text = " ".join(text.split())
            bucket = found.labels if is_paid_promotion(text) else found.notices
            if text not in bucket:
                bucket.append(text)
    return found


def has_player_ads(player: Any) -> bool:
    """Whether the player response schedules YouTube's own ads (not a sign of creator sponsorship)."""
    return isinstance(player, dict) and any(player.get(key) for key in _AD_KEYS)
