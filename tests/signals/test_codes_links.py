"""Promo codes in seven languages, affiliate networks, shorteners and brand-campaign links."""

from __future__ import annotations

import pytest

from plugins.sponsorship import load_brands
from plugins.sponsorship.codes import find_codes

from .conftest import run


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Use my code ANNA15 for 15% off", "ANNA15"),
        ("Discount code LEAH20 on the whole range", "LEAH20"),
        ("-20% avec le code LEA20 !", "LEA20"),
        ("Code promo MARIE20 valable ce week-end", "MARIE20"),
        ("Rabattcode MAX10 im Shop", "MAX10"),
        ("Gutscheincode LISA5 gilt bis Sonntag", "LISA5"),
        ("Con el código SOFIA10 tenéis descuento", "SOFIA10"),
        ("Codice sconto GIULIA10 sul sito", "GIULIA10"),
        ("Met kortingscode: EMMA15 krijg je korting", "EMMA15"),
        ("Cupom BIA10 dá 10% de desconto", "BIA10"),
        ("code: SUMMER20 for 20% off", "SUMMER20"),
    ],
)
def test_promo_codes_are_found_in_every_language(text: str, code: str) -> None:
    post, signals = run(text)
    assert [s.evidence for s in signals if s.kind == "promo_code"] == [code]
    assert post.sponsored and not post.disclosed


@pytest.mark.parametrize(
    "text",
    [
        "I spent all night debugging this code: the bug was a semicolon",
        "Here is the source code: HTML is fun to learn",
        "Ho finalmente ottenuto il codice fiscale",
        "Le code de la route a changé cette année",
        "Add a coupon field in your theme code",
        "Use my code in bio",
    ],
)
def test_code_in_other_senses_is_not_commercial(text: str) -> None:
    post, _ = run(text)
    assert not post.sponsored


def test_bare_code_without_discount_words_is_weak() -> None:
    (weak,) = find_codes("Source code: HTML", "source code: html")
    (strong,) = find_codes("Use my code ANNA", "use my code anna")
    assert weak.strength < 0.5 <= strong.strength


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://www.amazon.com/dp/B07XYZ?tag=jane-20", "amazon"),
        ("https://amzn.to/3Ab9XyZ", "amazon"),
        ("https://rstyle.me/+AbCdEf", "rewardstyle"),
        ("https://www.shopstyle.com/l/abc", "shopstyle"),
        ("https://liketk.it/4fGh2", "ltk"),
        ("https://www.shopltk.com/explore/anna", "ltk"),
        ("https://shopmy.us/collections/123", "shopmy"),
        ("https://geni.us/deskmat", "geniuslink"),
        ("https://howl.me/abc", "howl"),
        ("https://www.awin1.com/cread.php?awinmid=1&awinaffid=2", "awin"),
        ("https://www.anrdoezrs.net/click-1-2", "cj"),
        ("https://www.dpbolvw.net/click-1-2", "cj"),
        ("https://www.jdoqocy.com/click-1-2", "cj"),
        ("https://www.kqzyfj.com/click-1-2", "cj"),
        ("https://www.tkqlhce.com/click-1-2", "cj"),
        ("https://brand.sjv.io/c/1/2/3", "impact"),
        ("https://imp.i123456.net/c/1/2", "impact"),
        ("https://go.skimresources.com/?id=1X2&url=x", "skimlinks"),
        ("https://hop.clickbank.net/?affiliate=a&vendor=b", "clickbank"),
        ("https://vendor.hop.clickbank.net/", "clickbank"),
        ("https://s.click.aliexpress.com/e/_DdX", "aliexpress"),
        ("https://www.aliexpress.com/item/1.html?aff_fcid=x&aff_platform=y", "aliexpress"),
        ("https://www.booking.com/hotel/fr/x.html?aid=1234567", "booking"),
    ],
)
def test_affiliate_networks(url: str, network: str) -> None:
    post, signals = run(f"Shop it here {url} !")
    links = [s for s in signals if s.kind == "affiliate_link"]
    assert [(s.detail["network"], s.evidence) for s in links] == [(network, url)]
    assert links[0].strength >= 0.5 and post.sponsored


def test_plain_store_links_are_not_affiliate() -> None:
    post, signals = run("Bought at https://www.amazon.com/dp/B07XYZ and https://www.booking.com/hotel/x.html")
    assert not [s for s in signals if s.kind == "affiliate_link"] and not post.sponsored


def test_unresolved_shortener_is_weak_evidence() -> None:
    post, signals = run("More here https://bit.ly/3xyz")
    (link,) = [s for s in signals if s.kind == "affiliate_link"]
    assert link.strength == 0.3 and link.detail["network"] == "shortener"
    assert not post.sponsored


def test_links_without_scheme_and_from_metadata() -> None:
    _, signals = run("Get it: amzn.to/3AbC.", metadata={"links": ["https://liketk.it/2x"]})
    found = {(s.evidence, s.detail["found_in"]) for s in signals if s.kind == "affiliate_link"}
    assert found == {("amzn.to/3AbC", "text"), ("https://liketk.it/2x", "metadata")}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gymshark.com/products/x?utm_source=influencer",
        "https://gymshark.com/?utm_campaign=jake_fall",
        "https://shop.gymshark.com/discount/JAKE",
        "https://gymshark.com/products/x?ref=jake",
        "https://gymshark.com/jakefit/picks",
    ],
)
def test_brand_campaign_links(url: str) -> None:
    load_brands([{"name": "Gymshark", "domains": ["gymshark.com"]}])
    post, signals = run(f"New drop {url}", author="jakefit")
    (link,) = [s for s in signals if s.kind == "brand_link"]
    assert link.detail["brand"] == "gymshark" and link.strength >= 0.5
    assert post.sponsored


def test_brand_domain_without_tracking_is_only_a_mention() -> None:
    load_brands([{"name": "Gymshark", "domains": ["gymshark.com"]}])
    post, signals = run("Love https://www.gymshark.com/products/leggings")
    assert [s.kind for s in signals] == ["brand_mention"]
    assert not post.sponsored
