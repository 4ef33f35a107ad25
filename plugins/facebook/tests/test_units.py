"""Facebook readers: gzip bodies, feedback blobs, visible counters, labels, markup, damaged input."""

from __future__ import annotations

import gzip

import pytest

from plugins.facebook import PLATFORM
from plugins.facebook.body import inflate, page_text
from plugins.facebook.labels import apply_labels, read_labels
from plugins.facebook.live import read_feedback
from plugins.facebook.markup import attribute_json, epoch_to_iso, outside_links, visible_text
from plugins.facebook.story import visible_counts
from plugins.platform import Page, ParseError
from plugins.post import Post

STORY = (
    '<html><link href="https://static.xx.fbcdn.net/x.png" /><div data-ft="&#123;&quot;top_level_post_id'
    '&quot;:&quot;77&quot;,&quot;page_id&quot;:&quot;5&quot;&#125;"><header><strong><a href="/Shop/?r=1">'
    "Shop</a></strong></header><footer></footer><span>12 Comments</span></div></html>"
)


def test_gzip_body_is_inflated_and_truncated_streams_give_what_they_hold() -> None:
    packed = gzip.compress(b"<html>hello</html>")
    assert inflate(packed) == b"<html>hello</html>"
    assert inflate(packed[:-8]).startswith(b"<html>")
    assert inflate(b"\x1f\x8bnot gzip") == b""
    assert inflate(b"plain") == b"plain"
    assert page_text(b"\xef\xbb\xbf<p>\xff</p>") == "<p>\ufffd</p>"


def test_gzip_encoded_page_is_sniffed_and_parsed() -> None:
    page = Page(url="https://m.facebook.com/story.php?story_fbid=77&id=5", body=gzip.compress(STORY.encode()))
    assert PLATFORM.sniff(page)
    post = PLATFORM.parse(page).posts[0]
    assert (post.post_id, post.author, post.comments) == ("77", "Shop", 12)


def test_feedback_blob_exact_counts_win_and_reduced_counts_are_approximate() -> None:
    text = (
        '["MLiveData","set",[],["1",{ft_ent_identifier:1,comment_count:9,share_count:2,like_count:1615,'
        'like_counts:[{__html:"1,615 Likes"}],reduced_like_count:"1.6K"}]]'
        '["MLiveData","set",[],["2",{ft_ent_identifier:2,reduced_like_count:"1.6K",reduced_comment_count:"12"}]]'
    )
    live = read_feedback(text)
    assert live["1"].counts == {"likes": 1615, "comments": 9, "shares": 2} and live["1"].approximate == []
    assert live["2"].counts == {"likes": 1600, "comments": 12} and live["2"].approximate == ["likes"]


def test_unterminated_feedback_blob_is_read_up_to_its_window() -> None:
    live = read_feedback('["MLiveData","set",[],["3",{comment_count:4,')
    assert live["3"].counts == {"comments": 4}


def test_visible_counters() -> None:
    feedback = visible_counts(
        '<div class="_1g06">1.6K</div><span>1,204 Comments</span><span>281 shares</span>'
    )
    assert feedback.counts == {"likes": 1600, "comments": 1204, "shares": 281}
    assert feedback.approximate == ["likes"]
    assert visible_counts("<span>Comments</span><span>Share</span>").counts == {}


def test_labels_only_from_rendered_markup() -> None:
    assert read_labels('<span class="_2z8w">Sponsored</span>') == [("Sponsored", None)]
    assert read_labels('<span>Paid partnership with <a href="/B/">Brand Co</a></span>') == [
        ("Paid partnership", "Brand Co")
    ]
    assert read_labels("<span>Paid partnership</span>") == [("Paid partnership", None)]
    config = '"\\x3Cdiv class=\\"ego_section\\">\\x3Ca>Sponsored\\x3C/a>\\x3C/div>"'
    assert read_labels(config) == []
    assert read_labels("<p>Not sponsored, just loved it</p>") == []


def test_apply_labels_sets_metadata_and_signals() -> None:
    post = Post(platform="facebook", post_id="1", url="u")
    apply_labels(post, '<span>Paid partnership with <a href="/B/">Brand Co</a></span> <span>Sponsored</span>')
    assert post.metadata == {
        "labels": ["Paid partnership", "Sponsored"],
        "paid_partnership": True,
        "sponsors": ["Brand Co"],
        "is_ad": True,
    }
    assert [(s.kind, s.evidence) for s in post.signals] == [
        ("platform_label", "Paid partnership"),
        ("paid_partner", "Brand Co"),
        ("platform_label", "Sponsored"),
    ]


def test_markup_helpers() -> None:
    assert attribute_json("&#123;&quot;a&quot;:1&#125;") == {"a": 1}
    assert attribute_json("&#123;broken") == {} and attribute_json("[1]") == {}
    assert visible_text("<p>One &amp; two</p><p>three<br />four</p>") == "One & two\nthree\nfour"
    links = outside_links(
        '<a href="https://lm.facebook.com/l.php?u=https%3A%2F%2Fa.example%2Fx&amp;h=1">a</a>'
        '<a href="/Shop/">shop</a><a href="https://www.facebook.com/x">fb</a><a href="https://a.example/x">again</a>'
    )
    assert links == ["https://a.example/x"]
    assert epoch_to_iso(1589331678) == "2020-05-13T01:01:18Z" and epoch_to_iso("1589331678") is not None
    assert epoch_to_iso(12) is None and epoch_to_iso(True) is None and epoch_to_iso("x") is None


def test_story_with_bad_id_warns_and_profile_links_are_no_handle() -> None:
    text = STORY.replace("&quot;77&quot;", "&quot;abc&quot;")
    result = PLATFORM.parse(Page(url="", body=text.encode()))
    assert result.posts == [] and "story without a post id skipped" in result.warnings
    profile = STORY.replace('href="/Shop/?r=1"', 'href="/profile.php?id=5"')
    post = PLATFORM.parse(Page(url="", body=profile.encode())).posts[0]
    assert post.author is None and post.url == "https://m.facebook.com/story.php?story_fbid=77&id=5"


def test_login_wall_page_warns() -> None:
    body = b'<html><link href="https://static.xx.fbcdn.net/a.css"/><form id="login_form"></form></html>'
    result = PLATFORM.parse(Page(url="https://m.facebook.com/Shop", body=body))
    assert result.posts == [] and any("login wall" in w for w in result.warnings)


@pytest.mark.parametrize("body", [b"", b"<html>nothing here</html>", b'{"kind": "Listing"}'])
def test_other_bodies_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="", body=body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"data": {"top_level_post_id": 1, "facebook.com": 1}}',
        b"<html>https://www.youtube.com/watch</html>",
        b"<html>facebook.com share button</html>",
    ],
)
def test_sniff_rejects_other_pages(body: bytes) -> None:
    assert not PLATFORM.sniff(Page(url="", body=body))
