"""The pseudonymiser: keyed, consistent, idempotent; brands and watched accounts keep their names."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.post import Account, Post, Signal
from reelscope.config import ConfigError, Privacy, load_watchlist
from store.pseudonym import KEY_ENV, Pseudonymiser, PseudonymKeyError, is_pseudonym, key_from_env

KEY = b"a-key-of-twenty-chars"


def _p(**kwargs: object) -> Pseudonymiser:
    return Pseudonymiser(KEY, {"tiktok": ["watched"], "*": ["glowlab"]}, **kwargs)  # type: ignore[arg-type]


def _post(**fields: object) -> Post:
    base: dict[str, object] = {
        "platform": "tiktok",
        "post_id": "7",
        "url": "https://www.tiktok.com/@Some.Creator/video/7",
        "author": "some.creator",
        "text": "with @other_one and @GlowLab, by some.creator",
        "mentions": ["other_one", "glowlab"],
        "signals": [Signal("brand_mention", "@other_one x @glowlab", "text", detail={"handle": "other_one"})],
        "metadata": {"author_id": "4242", "author_name": "Some Person", "tagged": ["third"], "n": 1},
    }
    base.update(fields)
    return Post(**base)  # type: ignore[arg-type]


def test_every_trace_of_an_unwatched_creator_is_replaced_consistently() -> None:
    p = _p()
    post = p.post(_post())
    dumped = post.to_json().decode().lower()
    for raw in ("some.creator", "other_one", "4242", "some person", "third"):
        assert raw not in dumped, raw
    assert is_pseudonym(post.author or "")
    assert post.url == f"https://www.tiktok.com/@{post.author}/video/7"
    assert post.text.endswith(f"by {post.author}")
    other = p.handle("tiktok", "other_one")
    assert post.mentions == [other, "glowlab"] and f"@{other}" in post.text and "@GlowLab" in post.text
    assert post.signals[0].evidence == f"@{other} x @glowlab"
    assert post.metadata["author_id"] == p.ident("tiktok", "4242") and "author_name" not in post.metadata


def test_same_creator_same_pseudonym_across_posts_case_and_runs_but_not_keys_or_platforms() -> None:
    a, b = _p(), _p()
    assert a.handle("tiktok", "Some.Creator") == b.handle("tiktok", "@some.creator")
    assert a.handle("tiktok", "x") != a.handle("instagram", "x")
    assert a.handle("tiktok", "x") != Pseudonymiser(b"another-key-of-20-chars").handle("tiktok", "x")


def test_watched_accounts_and_brand_handles_keep_their_names() -> None:
    p = _p()
    post = p.post(_post(author="watched", url="https://www.tiktok.com/@watched/video/7"))
    assert post.author == "watched" and post.url.endswith("@watched/video/7")
    assert post.metadata["author_id"] == "4242" and post.metadata["author_name"] == "Some Person"
    assert p.target("tiktok", "account", "watched") == "watched"
    assert is_pseudonym(p.target("tiktok", "account", "stranger"))
    assert p.target("tiktok", "hashtag", "ootd") == "ootd"


def test_pseudonymising_twice_changes_nothing() -> None:
    p = _p()
    once = p.post(_post()).to_dict()
    assert p.post(Post.from_dict(once)).to_dict() == once


def test_x_urls_and_accounts() -> None:
    p = _p()
    post = p.post(_post(platform="x", url="https://x.com/Stranger/status/9", author="stranger"))
    assert post.url == f"https://x.com/{p.handle('x', 'stranger')}/status/9"
    account = p.account(Account(platform="x", handle="stranger", account_id="99", display_name="S"))
    assert (account.handle, account.display_name) == (p.handle("x", "stranger"), None)
    assert account.account_id == p.ident("x", "99")


def test_mentions_in_free_text_stay_when_masking_is_off() -> None:
    post = _p(mask_mentions=False).post(_post())
    assert "@other_one" in post.text and is_pseudonym(post.mentions[0])


def test_the_key_comes_from_the_environment_only() -> None:
    with pytest.raises(PseudonymKeyError, match="not set"):
        key_from_env({})
    with pytest.raises(PseudonymKeyError, match="too short"):
        key_from_env({KEY_ENV: "short"})
    assert key_from_env({KEY_ENV: "x" * 16}) == b"x" * 16


def test_the_privacy_table_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text("[privacy]\npseudonymise = true\nretain_text_days = 30\nretain_posts_days = 365\n")
    assert load_watchlist(path).privacy == Privacy(True, True, 30, 365)
    for body, problem in (
        ("[privacy]\nretain_text_days = 0\n", "privacy.retain_text_days: must be a positive number"),
        ("[privacy]\npseudonymize = true\n", "privacy.pseudonymize: unknown key"),
        ('[privacy]\npurge_every = "1d"\n', "privacy.purge_every: set retain_text_days"),
    ):
        path.write_text(body)
        with pytest.raises(ConfigError, match=f"{path}:2: {problem}"):
            load_watchlist(path)


def test_log_lines_lose_every_value_pseudonymised_so_far() -> None:
    p = _p()
    p.post(_post())
    line = "GET /tiktok/@some.creator/video/7 ?q=%22other_one%22 id=4242 by Some.Creator, not some.creatorx"
    scrubbed = p.scrub(line)
    for raw in ("@some.creator/", "%22other_one%22", "4242", "by Some.Creator"):
        assert raw.lower() not in scrubbed.lower(), raw
    assert "some.creatorx" in scrubbed  # another handle that merely starts the same way
