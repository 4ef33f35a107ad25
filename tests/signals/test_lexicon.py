"""Disclosure markers per language, with hard negatives, positions and lexicon extension."""

from __future__ import annotations

import pytest

from plugins.sponsorship.lexicon import LEXICON_DIR, Lexicon, load_files
from plugins.sponsorship.state import LEXICON, register_lexicon_entry

from .conftest import run

DISCLOSED = [
    ("en", "#ad Loving my new running shoes"),
    ("en", "AD | My morning routine with this serum"),
    ("en", "Paid partnership with @hellofresh, dinner in 20 minutes"),
    ("en", "This video is sponsored by NordVPN"),
    ("en", "[Ad] trying the new Airwrap"),
    ("en", "Gifted by @brand, swatches below"),
    ("fr", "Publicité | Ma routine du soir"),
    ("fr", "« Publicité » Ma routine du matin"),
    ("fr", "Ma routine du matin «\u00a0Publicité\u00a0» avec @marque"),
    ("de", "„Werbung“ für @marke: mein Lieblingsduft"),
    ("fr", "PUBLICITE : merci à la marque"),
    ("fr", "Collaboration commerciale avec @sephora"),
    ("fr", "C'est une vidéo pour la marque #pub #tech"),
    ("fr", "En partenariat avec @decathlon, on part en trail"),
    ("de", "Werbung | Mein neues Lieblingsparfum"),
    ("de", "*Anzeige* Meine Morgenroutine"),
    ("de", "Bezahlte Partnerschaft mit @lidl"),
    ("es", "#publi Mi rutina de mañana"),
    ("es", "Publicidad | Probando la freidora"),
    ("es", "#Publicidad os enseño mi look"),
    ("it", "Pubblicità | La mia skincare serale"),
    ("it", "Oggi il nuovo profumo è arrivato #adv"),
    ("it", "Sponsorizzato da @barilla: la ricetta"),
    ("it", "Collaborazione retribuita con @tim"),
    ("nl", "#advertentie De nieuwe smartwatch"),
    ("nl", "Vandaag laat ik jullie mijn favoriete producten zien #spon"),
    ("nl", "Betaalde samenwerking met @hema"),
    ("pt", "#publi Minha rotina de skincare"),
    ("pt", "#publicidade Conheçam a nova coleção"),
    ("pt", "Parceria paga com @boticario"),
    ("pt", "#ad Meu look do dia"),
]

NOT_DISCLOSED = [
    ("fr", "Il critique « la publicité » partout dans son podcast"),
    ("en", "Advertising spend in the UK grew 5% last year"),
    ("en", "Sponsor a child today and change a life"),
    ("en", "Best day ever #adidas #adventure #hiking"),
    ("en", "We had an ad hoc meeting about the launch"),
    ("en", "The FTC says influencers must disclose paid partnerships clearly"),
    ("en", "Great pint at the local #pub after the match #beer"),
    ("en", "Throwback to Lisbon #travel #sp #friends"),
    ("en", "Our #collab with my sister took three weeks"),
    ("fr", "La publicité nous manipule, il faut en parler"),
    ("fr", "Les enfants sont exposés à trop de publicité"),
    ("fr", "Images retouchées pour ce shooting artistique"),
    ("de", "Werbung für Süßigkeiten sollte verboten werden"),
    ("de", "Die Anzeige bei der Polizei habe ich heute erstattet"),
    ("es", "La publicidad infantil debería estar más regulada"),
    ("it", "La pubblicità in televisione è sempre più invadente"),
    ("nl", "Reclame op tv wordt steeds irritanter"),
    ("pt", "A publicidade infantil precisa de regras"),
    ("pt", "Saudades de São Paulo #sp #saudade"),
]


@pytest.mark.parametrize(("lang", "text"), DISCLOSED, ids=[f"{lang}:{t[:30]}" for lang, t in DISCLOSED])
def test_disclosures_are_found(lang: str, text: str) -> None:
    post, signals = run(text)
    assert post.disclosed and post.sponsored, [s.to_dict() for s in signals]
    assert any(s.kind == "disclosure" and s.source == "text" for s in signals)


@pytest.mark.parametrize(
    ("lang", "text"), NOT_DISCLOSED, ids=[f"{lang}:{t[:30]}" for lang, t in NOT_DISCLOSED]
)
def test_hard_negatives_are_not_disclosures(lang: str, text: str) -> None:
    post, signals = run(text)
    assert not post.disclosed and not post.sponsored, [s.to_dict() for s in signals]


def test_evidence_keeps_the_text_as_written_and_names_the_marker() -> None:
    _, signals = run("Merci à tous #Publicité")
    (signal,) = [s for s in signals if s.kind == "disclosure"]
    assert signal.evidence == "#Publicité"
    assert signal.detail["marker"] == "publicite" and signal.detail["form"] == "hashtag"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("#ad new drop today", "opening"),
        ("\n\n#ad new drop today", "opening"),
        ("New drop today, I love it so much\nMore words here #ad", "buried"),
        ("x" * 130 + " #ad and more words after it", "buried"),
        ("Sunday vibes\n.\n.\n#summer #beach #ad #travel #sun", "hashtag_wall"),
    ],
)
def test_position_of_the_marker(text: str, where: str) -> None:
    _, signals = run(text)
    (signal,) = [s for s in signals if s.kind == "disclosure"]
    assert signal.detail["position"] == where


def test_ambiguous_tags_are_weak_and_disclose_nothing() -> None:
    post, signals = run("New camera #sp #spon #partner")
    assert {s.detail["class"] for s in signals if s.kind == "disclosure"} == {"ambiguous"}
    assert all(s.strength < 0.5 for s in signals)
    assert not post.disclosed


def test_language_bound_marker_counts_only_in_its_language() -> None:
    assert run("Un nouveau téléphone pour la rentrée, c'est une pub #pub")[0].disclosed
    assert not run("Great evening at the #pub with my friends and the team")[0].disclosed


def test_hashtag_list_is_scanned_when_the_text_has_no_hashtags() -> None:
    post, signals = run("Summer look", hashtags=["ootd", "ad"])
    assert post.disclosed
    assert [s.detail["position"] for s in signals if s.kind == "disclosure"] == ["hashtags"]


def test_builtin_lexicon_covers_the_eight_jurisdictions() -> None:
    assert set(LEXICON.jurisdictions) >= {"us", "uk", "fr", "de", "es", "it", "nl", "pt"}
    assert len(list(LEXICON_DIR.glob("*.json"))) == 8


def test_lexicon_can_be_extended_at_run_time() -> None:
    lexicon = load_files(LEXICON_DIR.glob("*.json"))
    lexicon.add(
        {
            "jurisdiction": "se",
            "name": "Sweden",
            "markers": [
                {"text": "reklam", "forms": ["label", "hashtag"], "class": "ad", "standing": "valid"}
            ],
        }
    )
    found = lexicon.find("Reklam | för @brand", "reklam | för @brand")
    assert [f.rule.term for f in found] == ["reklam"]
    assert lexicon.standing_of("reklam", "se") == "valid"
    assert lexicon.standing_of("reklam", "uk") == "unrecognised"


def test_registered_entry_reaches_the_detector() -> None:
    register_lexicon_entry(
        {"jurisdiction": "pl", "markers": [{"text": "reklama", "forms": ["hashtag"], "class": "ad"}]}
    )
    assert run("Nowa kolekcja #reklama")[0].disclosed


@pytest.mark.parametrize(
    "entry",
    [
        {"markers": []},
        {"jurisdiction": "xx", "markers": "nope"},
        {"jurisdiction": "xx", "markers": [{"text": "a", "class": "bogus"}]},
        {"jurisdiction": "xx", "markers": [{"text": "a", "forms": ["sideways"]}]},
        {"jurisdiction": "xx", "markers": [{"text": "a", "standing": "maybe"}]},
        {"jurisdiction": "xx", "placement": "somewhere", "markers": []},
    ],
)
def test_invalid_lexicon_entries_are_rejected(entry: dict) -> None:
    with pytest.raises(ValueError):
        Lexicon().add(entry)
