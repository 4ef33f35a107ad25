"""Sponsorship labels: only a tag rendered in the video's own card counts, in any language."""

from __future__ import annotations

from plugins.tiktok.labels import (
    PAID_PARTNERSHIP_KEY,
    PROMOTIONAL_KEY,
    label_keys,
    labels_for,
    rendered_labels,
)

I18N = {"Webapp": {PAID_PARTNERSHIP_KEY: "Partenariat rémunéré", PROMOTIONAL_KEY: "Contenu promotionnel"}}


def _card(video_id: str, inner: str) -> str:
    return (
        f'<article data-e2e="recommend-list-item-container"><div id="xgwrapper-0-{video_id}"></div>'
        f"{inner}</article>"
    )


def _tag(text: str) -> str:
    return f'<div data-e2e="sponsored-tag" class="small"><p class="TUXText">{text}</p></div>'


def test_label_text_is_read_and_keyed_by_the_page_table() -> None:
    body = _card("111", _tag("Partenariat rémunéré")).encode()
    [label] = rendered_labels(body, label_keys(I18N))
    assert (label.text, label.video_id, label.key) == ("Partenariat rémunéré", "111", PAID_PARTNERSHIP_KEY)


def test_english_labels_are_known_without_a_table() -> None:
    body = _card("111", _tag("Promotional content")).encode()
    assert rendered_labels(body, label_keys(None))[0].key == PROMOTIONAL_KEY


def test_entities_and_markup_inside_the_tag_are_cleaned() -> None:
    body = _card("1", _tag("<span>Paid</span>&nbsp;partnership")).encode()
    assert rendered_labels(body, label_keys(None))[0].text == "Paid partnership"


def test_a_table_alone_is_no_label() -> None:
    body = b'<script type="application/json">{"bc_new_disclosure":"Paid partnership"}</script>'
    assert rendered_labels(body, label_keys(I18N)) == []


def test_label_in_another_card_is_not_this_video_s() -> None:
    body = (_card("111", "<p>no tag</p>") + _card("222", _tag("Paid partnership"))).encode()
    labels = rendered_labels(body, label_keys(None))
    assert labels_for(labels, "111") == []
    assert [label.text for label in labels_for(labels, "222")] == ["Paid partnership"]


def test_label_outside_any_card_belongs_to_the_page_video() -> None:
    body = ('<div class="DivBrowserModeContainer">' + _tag("Paid partnership") + "</div>").encode()
    assert [label.video_id for label in labels_for(rendered_labels(body, {}), "999")] == [None]


def test_empty_or_unclosed_tag_gives_nothing() -> None:
    assert rendered_labels(_card("1", _tag("")).encode(), {}) == []
    assert rendered_labels(b'<div data-e2e="sponsored-tag"><p>Paid', {}) == []
