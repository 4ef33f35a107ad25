"""Whether a detected post's disclosure meets each jurisdiction's rule."""

from __future__ import annotations

import pytest

from plugins.post import Post
from plugins.sponsorship.jurisdiction import JURISDICTIONS, assess
from plugins.sponsorship.state import register_lexicon_entry

from .conftest import run


def judged(text: str, jurisdiction: str, **fields: object) -> dict:
    post: Post = run(text, **fields)[0]
    return assess(post, jurisdiction)


@pytest.mark.parametrize(
    ("text", "jurisdiction", "compliant"),
    [
        ("#ad New trainers from @nike", "uk", True),
        ("Advert: cooking with @tesco", "uk", True),
        ("Gifted by @brand, swatches below", "uk", False),
        ("In partnership with @airbnb: our stay", "uk", False),
        ("Sunday vibes\n.\n.\n#summer #beach #ad #travel #sun", "uk", False),
        ("Paid partnership with @hellofresh", "us", True),
        ("New camera #sp use code CAM25", "us", False),
        ("Publicité | Ma routine du soir", "fr", True),
        ("Collaboration commerciale avec @sephora", "fr", True),
        ("#ad Ma routine du soir", "fr", False),
        ("En partenariat avec @decathlon, on part", "fr", False),
        ("Werbung | Mein neues Parfum", "de", True),
        ("Tolles Parfum #ad", "de", False),
        ("#publi Mi rutina de mañana", "es", True),
        ("Pubblicità | La mia skincare", "it", True),
        ("#advertentie De nieuwe smartwatch", "nl", True),
        ("Parceria paga com @boticario", "pt", True),
    ],
)
def test_rules(text: str, jurisdiction: str, compliant: bool) -> None:
    out = judged(text, jurisdiction)
    assert out["jurisdiction"] == jurisdiction
    assert out["compliant"] is compliant, out["reasons"]
    assert out["reasons"]


def test_platform_label_counts_everywhere() -> None:
    for code in ("us", "uk", "fr", "de", "es", "it", "nl", "pt"):
        out = judged("Weekend", code, metadata={"labels": ["Paid partnership"]})
        assert out["compliant"] is True and "platform label" in out["reasons"][0]


def test_not_commercial_is_none() -> None:
    assert judged("Lovely walk today", "uk") == {
        "jurisdiction": "uk",
        "compliant": None,
        "reasons": ["no commercial evidence"],
    }


def test_commercial_without_disclosure_says_so() -> None:
    out = judged("Use my code ANNA15 for 15% off", "UK")
    assert out["compliant"] is False and "no disclosure" in out["reasons"][0]


def test_edited_image_label_is_not_a_disclosure_in_france() -> None:
    out = judged("Images retouchées. Nouvelle campagne, code LEA20 pour -20%", "fr")
    assert out["compliant"] is False
    assert any("edited images" in r for r in out["reasons"])


def test_buried_marker_is_flagged_where_the_rule_wants_it_up_front() -> None:
    out = judged("Sunday vibes\n.\n.\n#summer #beach #ad #travel #sun", "uk")
    assert "hashtag wall" in out["reasons"][0]


def test_unknown_jurisdiction() -> None:
    with pytest.raises(ValueError, match="unknown jurisdiction"):
        judged("#ad", "atlantis")
    assert "atlantis" not in JURISDICTIONS and "fr" in JURISDICTIONS and "FR" in JURISDICTIONS


def test_registered_jurisdiction_can_be_judged() -> None:
    register_lexicon_entry(
        {
            "jurisdiction": "se",
            "name": "Sweden",
            "placement": "opening",
            "markers": [
                {"text": "reklam", "forms": ["hashtag", "label"], "class": "ad", "standing": "valid"}
            ],
        }
    )
    assert "se" in JURISDICTIONS
    assert judged("#reklam Ny kollektion", "se")["compliant"] is True
