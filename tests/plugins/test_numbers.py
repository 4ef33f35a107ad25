"""Localized and abbreviated counters in every interface language the platforms are crawled in."""

from __future__ import annotations

import pytest

from plugins.numbers import count_or_none, find_counts, parse_count

EXACT = [
    ("6.870.691", 6870691),  # de, es, it, pt, nl grouping
    ("6 870 691", 6870691),  # fr with spaces
    ("6\u202f870\u202f691", 6870691),  # fr narrow no-break spaces
    ("1\u00a0234\u00a0567 vues", 1234567),
    ("390,201 views", 390201),  # en
    ("1.077.715 visualizaciones", 1077715),  # es
    ("90.210 Aufrufe", 90210),  # de
    ("12.345 visualizzazioni", 12345),  # it
    ("1.234 visualizações", 1234),  # pt
    ("8.765 weergaven", 8765),  # nl
    ("2,347 likes", 2347),
    ("28 views", 28),
    ("7373", 7373),
]
APPROXIMATE = [
    ("36K", 36000),  # en
    ("2.3K", 2300),
    ("5.4m", 5400000),
    ("5.4 million likes", 5400000),
    ("895 thousand views", 895000),
    ("1,2 M", 1200000),  # fr/es/pt
    ("2 millions de vues", 2000000),  # fr
    ("1,2\u00a0k vues", 1200),
    ("1,2 Mio. Aufrufe", 1200000),  # de
    ("15 Tsd.", 15000),
    ("1,3\u00a0Tsd. Aufrufe", 1300),
    ("1,5 Mrd.", 1500000000),
    ("2,3 M de visualizaciones", 2300000),  # es
    ("1.2 mil", 1200),  # es/pt: mil is a thousand
    ("7,3 mil Me gusta", 7300),
    ("4,69 millones de suscriptores", 4690000),
    ("1,2 mil M de visualizaciones", 1200000000),  # es: "mil M" is a billion
    ("2 mila", 2000),  # it
    ("3,4 Mln di visualizzazioni", 3400000),
    ("12 mil visualizações", 12000),  # pt
    ("1,2 mi de visualizações", 1200000),  # pt-BR
    ("1,2 M weergaven", 1200000),  # nl
    ("12 d. weergaven", 12000),
    ("1,2 mln. weergaven", 1200000),
    ("1.2万回視聴", 12000),  # ja
    ("3.4만회", 34000),  # ko
    ("12 тыс. просмотров", 12000),  # ru
]


@pytest.mark.parametrize(("text", "value"), EXACT)
def test_exact_counter(text: str, value: int) -> None:
    assert parse_count(text) == (value, False)


@pytest.mark.parametrize(("text", "value"), APPROXIMATE)
def test_abbreviated_counter_is_expanded_and_approximate(text: str, value: int) -> None:
    assert parse_count(text) == (value, True)


@pytest.mark.parametrize("text", ["", "No views", "Sin visualizaciones", "Me gusta", None])
def test_no_number_gives_none(text: str | None) -> None:
    assert parse_count(text) is None
    assert count_or_none(text) is None


def test_ints_are_exact_and_negatives_or_bools_are_not_counters() -> None:
    assert parse_count(42) == (42, False)
    assert parse_count(-1) is None
    assert parse_count(True) is None
    assert parse_count(float("nan")) is None


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("like this video along with 5,471,574 other people", 5471574),
        ("haz clic en Me gusta en este vídeo junto con otras 7373 personas", 7373),
        ("Cliquez sur J'aime pour cette vidéo comme 6\u202f870\u202f691\u00a0autres personnes", 6870691),
        ("Mag ich, zusammen mit 1.234 anderen Nutzern", 1234),
        ("Metti Mi piace a questo video insieme ad altre 12.345 persone", 12345),
        ("gostar deste vídeo e de outras 2.001 pessoas", 2001),
        ("vind deze video leuk, samen met 3.210 anderen", 3210),
    ],
)
def test_counter_inside_a_sentence(sentence: str, value: int) -> None:
    assert find_counts(sentence)[0] == (value, False)


def test_every_counter_of_a_sentence_in_order() -> None:
    assert find_counts("12K views • 1,234 comments") == [(12000, True), (1234, False)]


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), -1.0])
def test_non_finite_or_negative_floats_are_not_counters(value: float) -> None:
    assert parse_count(value) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("34,2 N người đăng ký", 34200),  # vi: nghìn
        ("50 N", 50000),
        ("11 Tr lượt xem", 11000000),  # vi: triệu
        ("1,5 T lượt xem", 1500000000),  # vi: tỷ
        ("3,4 rb x ditonton", 3400),  # id: ribu
        ("1,2 jt x ditonton", 1200000),  # id: juta
        ("1.2 lakh views", 120000),  # en-IN
        ("3 crore views", 30000000),
        ("12 тис. переглядів", 12000),  # uk
        ("1,2 млн просмотров", 1200000),  # ru
        ("2 млрд", 2000000000),
        ("12 bin görüntüleme", 12000),  # tr
        ("1,2 Mn görüntüleme", 1200000),
        ("3 Mr", 3000000000),
    ],
)
def test_count_words_of_more_languages_are_expanded(text: str, value: int) -> None:
    assert parse_count(text) == (value, True)


@pytest.mark.parametrize(
    "text",
    [
        "5 Xq lượt xem",  # an unknown abbreviation: not a truncated 5
        "34,2 Zx người đăng ký",
        "12 Qz. Aufrufe",
        "34,2 người đăng ký",  # a fraction before an unknown word
        "1,2 B görüntüleme",  # tr thousand, en billion: ambiguous after a decimal comma
        "12 B görüntüleme",  # or apart from a whole number
    ],
)
def test_unknown_count_abbreviation_gives_none_not_a_truncated_number(text: str) -> None:
    assert parse_count(text) is None
    assert find_counts(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("12 J’aime", 12), ("12 Me gusta", 12), ("123 x ditonton", 123), ("1,234回視聴", 1234), ("12 Mal", 12)],
)
def test_plain_words_after_a_count_are_not_abbreviations(text: str, value: int) -> None:
    assert parse_count(text) == (value, False)


def test_english_billions_stay_billions() -> None:
    assert parse_count("1.2B views") == (1200000000, True)
    assert parse_count("2B") == (2000000000, True)
    assert parse_count("1.2 B") == (1200000000, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mi piace", (12, False)),
        ("1.234\u00a0Mi piace", (1234, False)),
        ("1,2 mi de views", (1_200_000, True)),
    ],
)
def test_italian_mi_piace_is_a_like_label_not_the_portuguese_million(
    text: str, expected: tuple[int, bool]
) -> None:
    assert parse_count(text) == expected
