"""Upload dates YouTube writes in vi, id, tr, pl, ru and uk read as days; unknown words stay None."""

from __future__ import annotations

import pytest

from plugins.youtube.dates import date_from_text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("4 thg 4, 2007", "2007-04-04"),  # vi
        ("Đã công chiếu vào 12 thg 3, 2019", "2019-03-12"),
        ("4 tháng 4, 2007", "2007-04-04"),
        ("4 Agu 2007", "2007-08-04"),  # id
        ("Tayang perdana 4 Des 2007", "2007-12-04"),
        ("4 Nis 2007", "2007-04-04"),  # tr
        ("4 Şub 2007", "2007-02-04"),
        ("4 Ara 2007", "2007-12-04"),
        ("4 kwi 2007", "2007-04-04"),  # pl
        ("Premiera: 4 paź 2007", "2007-10-04"),
        ("4 апр. 2007 г.", "2007-04-04"),  # ru
        ("Дата премьеры: 4 мая 2007 г.", "2007-05-04"),
        ("4 квіт. 2007 р.", "2007-04-04"),  # uk
        ("4 лист. 2007 р.", "2007-11-04"),
    ],
)
def test_date_in_more_languages(text: str, day: str) -> None:
    assert date_from_text(text) == f"{day}T00:00:00Z"


@pytest.mark.parametrize("text", ["4 Xyz 2007", "sie 4 2007", "ara 4 2007", "3 gün önce", "4 thg 2007"])
def test_unknown_month_or_a_month_word_away_from_the_day_stays_none(text: str) -> None:
    assert date_from_text(text) is None
