"""YouTube's cookie consent interstitial is a `consent_wall`: no posts, a warning naming the video."""

from __future__ import annotations

import pytest

from plugins.platform import Page
from plugins.youtube import PLATFORM

FORM = b'<html><body><form action="https://consent.youtube.com/s" method="POST">%s</form></body></html>'


@pytest.mark.parametrize(
    ("inputs", "named"),
    [
        (
            b'<input type="hidden" name="continue" value="https://www.youtube.com/watch?v=Fx_N4GlwdEM">',
            "video Fx_N4GlwdEM",
        ),
        (
            b'<input value="https://www.youtube.com/shorts/Sh0rtV1d3o1" name="continue" type="hidden">',
            "video Sh0rtV1d3o1",
        ),
        (
            b'<input type="hidden" name="continue" value="https://www.youtube.com/@GardenLab">',
            "https://www.youtube.com/@GardenLab",
        ),
        (b'<input type="hidden" name="continue" value="">', "the page"),
    ],
)
def test_consent_page_names_what_it_stands_in_front_of(inputs: bytes, named: str) -> None:
    page = Page(url="file:///tmp/saved.html", body=FORM % inputs)
    assert PLATFORM.sniff(page)
    result = PLATFORM.parse(page)
    assert (result.format, result.posts) == ("consent_wall", [])
    assert result.warnings == [
        f"no post data (consent wall): YouTube's cookie consent page was served instead of {named}"
    ]


def test_a_watch_page_that_links_the_consent_site_is_still_a_watch_page() -> None:
    body = (
        b'<html><a href="https://consent.youtube.com/m?continue=x"><input name="continue" value="x"></a>'
        b'<script>var ytInitialPlayerResponse = {"videoDetails": {"videoId": "Fx_N4GlwdEM", "title": "T"}};'
        b"</script></html>"
    )
    result = PLATFORM.parse(Page(url="https://www.youtube.com/watch?v=Fx_N4GlwdEM", body=body))
    assert result.format == "watch_page"
    assert [post.post_id for post in result.posts] == ["Fx_N4GlwdEM"]
