"""The cheap tests that let captions skip a regex: they must never skip one that would match."""

from __future__ import annotations

import re
import unicodedata

import pytest

from plugins.post import Post
from plugins.sponsorship import load_brands
from plugins.sponsorship.brands import REGISTRY
from plugins.sponsorship.codes import _nouns, find_codes, may_hold_trigger
from plugins.sponsorship.detect import detect
from plugins.sponsorship.links import may_hold_url
from plugins.sponsorship.state import LEXICON
from plugins.sponsorship.trie import KeyWords, Words, fold, word_list, words_of

_WORD = re.compile(r"[^\W_]+")


@pytest.mark.parametrize(
    "low",
    [
        "use my code: anna15 (ad) #sp_collab werbung|anzeige",
        "publicité : «collab» – 20% off… 🔥🔥 #pub",
        "no\u00a0break\u2003space\u3000here x_y-z/w.v",
        "ça, c'est l’été ⟶ ¡hola! código—max10",
        "",
    ],
)
def test_word_list_cuts_like_the_word_regex(low: str) -> None:
    words = set(_WORD.findall(low))
    expected = words | {fold(w) for w in words if not w.isascii()}
    assert set(word_list(low)) == expected == words_of(low)


def test_word_list_keeps_the_order_of_ascii_words() -> None:
    assert word_list("#ad | use code max10") == ["ad", "use", "code", "max10"]


def test_a_code_glued_to_its_trigger_is_found_whatever_words_precede() -> None:
    with_words = find_codes("with my codeANNA15", "with my codeanna15")
    without = find_codes("my codeANNA15", "my codeanna15")
    assert [c.code for c in with_words] == [c.code for c in without] == ["ANNA15"]


@pytest.mark.parametrize(
    ("text", "code"),
    [("Código: MAX10 🔥", "MAX10"), ("cupão SUMMER20 ✨", "SUMMER20"), ("cødigo JAKE20 ✨", "JAKE20")],
)
def test_accented_triggers_pass_the_substring_test(text: str, code: str) -> None:
    assert may_hold_trigger(text.lower())
    assert [c.code for c in find_codes(text, text.lower())] == [code]


def test_captions_without_a_trigger_noun_skip_the_code_regex() -> None:
    assert not may_hold_trigger("with my friends using the best recipe")


def test_every_trigger_must_hold_a_noun() -> None:
    assert _nouns(("code", "use my code", "coupon")) == ("code", "coupon")
    with pytest.raises(ValueError, match="holds none"):
        _nouns(("code", "mit rabatt"))


def test_lexicon_may_match_only_with_a_key_word() -> None:
    assert LEXICON.may_match(Words("werbung | summer look"))
    assert not LEXICON.may_match(Words("summer look with my friends #beach"))


def test_brand_registry_may_match_names_handles_and_tags() -> None:
    load_brands([{"name": "Gymshark", "handles": {"instagram": ["gym.shark"]}}])
    assert REGISTRY.may_match(Words("new drop from gymshark"))
    assert REGISTRY.may_match(Words("with @gym.shark today"))
    assert not REGISTRY.may_match(Words("gym day with friends"))


def test_urls_need_a_slash_or_www() -> None:
    assert may_hold_url("shop www.nike.com now") and may_hold_url("bit.ly/x")
    assert not may_hold_url("summer vibes. nike.com is down")


def test_skipped_steps_lose_nothing_from_metadata_and_mentions() -> None:
    load_brands([{"name": "Nike", "handles": {"instagram": ["nike"]}}])
    post = Post("instagram", "1", "", text="good morning", mentions=["nike"], hashtags=["ad"])
    kinds = [s.kind for s in detect(post, LEXICON, REGISTRY)]
    assert kinds == ["disclosure", "brand_mention"]


@pytest.mark.parametrize(
    ("low", "held"),
    [
        ("use my code: anna15 (ad) #sp_collab", True),
        ("#adidas #adventure", False),
        ("publicité : «collab» ✨", True),
        ("été ✨ «summer»", True),
        ("summer ✨ «vibes»", False),
        ("werbung|anzeige", True),
    ],
)
def test_words_hold_key_words_in_ascii_and_other_captions(low: str, held: bool) -> None:
    keys = KeyWords.of(["ad", "collab", "werbung", "ete"])
    assert Words(low).hold_any(keys) is held
    assert (not keys.text.isdisjoint(words_of(low))) is held


@pytest.mark.parametrize("text", ["  Paid   Partnership ", "AD|x", "Werbung\tFÜR", "Publicité ’s"])
def test_fold_of_ascii_and_other_text(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == " ".join(stripped.replace("ß", "ss").replace("’", "'").split())


@pytest.mark.parametrize(
    "low",
    ["«collab» ✨ ad\u00a0werbung", "été_café–über…#pub", "x\ud800y code", "plain ascii #ad | here"],
)
def test_words_see_every_word_of_words_of(low: str) -> None:
    words = Words(low)
    assert all(words.hold_any(KeyWords.of([w])) for w in words_of(low))
    assert not words.hold_any(KeyWords.of(["absent", "ábsent"]))
