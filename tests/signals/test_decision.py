"""Decision from signals: noisy-OR of commercial evidence, disclosure threshold, explanation, labels."""

from __future__ import annotations

import pytest

from plugins.decision import commercial_score, explain, is_disclosed, is_sponsored, is_undisclosed
from plugins.post import Signal

from .conftest import run


def sig(kind: str, strength: float) -> Signal:
    return Signal(kind, "e", "text", strength)


def test_weak_signals_add_up() -> None:
    signals = [sig("affiliate_link", 0.3), sig("disclosure", 0.35)]
    assert commercial_score(signals) == pytest.approx(1 - 0.7 * 0.65)
    assert is_sponsored(signals) and not is_disclosed(signals) and is_undisclosed(signals)


def test_weak_signals_of_one_kind_count_once() -> None:
    # Two shortener links in a description (one of them the channel's own) are not two hints.
    links = [sig("affiliate_link", 0.3), sig("affiliate_link", 0.3), sig("affiliate_link", 0.2)]
    assert commercial_score(links) == pytest.approx(0.3)
    assert not is_sponsored(links)
    assert is_sponsored([*links, sig("disclosure", 0.35)])


def test_one_weak_signal_is_not_enough() -> None:
    assert not is_sponsored([sig("affiliate_link", 0.3)])


def test_brand_mentions_never_make_a_post_sponsored() -> None:
    assert not is_sponsored([sig("brand_mention", 1.0)] * 5)


def test_strong_disclosure_is_sponsored_and_disclosed() -> None:
    signals = [sig("disclosure", 1.0)]
    assert is_sponsored(signals) and is_disclosed(signals) and not is_undisclosed(signals)


def test_explain_lists_the_evidence_strongest_first() -> None:
    out = explain([sig("brand_mention", 0.2), sig("promo_code", 0.9), sig("disclosure", 0.35)])
    assert out["sponsored"] and out["undisclosed"] and not out["disclosed"]
    assert [s["kind"] for s in out["commercial"]] == ["promo_code"]
    assert [s["kind"] for s in out["disclosures"]] == ["disclosure"]
    assert [s["kind"] for s in out["other"]] == ["brand_mention"]


def test_metadata_labels_become_signals_when_the_parser_gave_none() -> None:
    post, signals = run(
        "Weekend", metadata={"labels": ["Paid partnership"], "is_ad": True, "sponsors": ["zara"]}
    )
    assert {(s.kind, s.evidence) for s in signals} == {
        ("platform_label", "Paid partnership"),
        ("promoted", "is_ad=true"),
        ("paid_partner", "zara"),
    }
    assert post.disclosed


def test_paid_partnership_flag_without_label_text() -> None:
    post, signals = run("x", metadata={"paid_partnership": True})
    assert [s.kind for s in signals] == ["platform_label"] and post.disclosed


def test_non_commercial_platform_notice_is_ignored() -> None:
    post, signals = run("x", metadata={"labels": ["COVID-19 vaccine: See 'about' for more information"]})
    assert not signals and not post.sponsored


def test_localised_platform_labels() -> None:
    for label in (
        "Bezahlte Partnerschaft mit hm",
        "Partenariat rémunéré avec dior",
        "Includes paid promotion",
    ):
        assert run("x", metadata={"labels": [label]})[0].disclosed, label


def test_parser_signal_is_not_duplicated_from_metadata() -> None:
    parser = Signal("promoted", "isAd=true", "metadata")
    _, signals = run("x", signals=[parser], metadata={"is_ad": True})
    assert [s.kind for s in signals] == ["promoted"]


def test_commerce_mentions_are_weaker_than_sponsors() -> None:
    _, signals = run("x", metadata={"commerce_mentions": ["shein"]})
    (partner,) = signals
    assert partner.kind == "paid_partner" and 0.5 <= partner.strength < 1.0


@pytest.mark.parametrize("bad", [{"labels": "Paid partnership"}, {"sponsors": [None, 3]}, {"is_ad": "yes"}])
def test_wrong_types_in_metadata_give_no_signal(bad: dict) -> None:
    assert not run("x", metadata=bad)[1]
