"""Public pages only: a crawl configured to log in (cookies, login or session settings in the watchlist,
a Cookie header, a browser session) is refused with a clear message; pseudonymisation without its key
is a user error (exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import Settings

from reelscope.cli import main
from reelscope.config import ConfigError, load_watchlist
from sandbox import Sandbox
from spiders.privacy import LoginRefused, RefuseLoginMiddleware, refuse_login
from store.pseudonym import KEY_ENV
from tests.privacy.helpers import KEY, crawl_into

REFUSED = "reelscope collects public pages only"


@pytest.mark.parametrize(
    ("snippet", "where"),
    [
        (
            '[[targets]]\nplatform = "tiktok"\nkind = "account"\nvalues = ["a"]\ncookies = "sid=1"\n',
            "cookies",
        ),
        (
            '[[targets]]\nplatform = "x"\nkind = "account"\nvalues = ["a"]\nheaders = { Cookie = "a=b" }\n',
            "headers.Cookie",
        ),
        ('[operator]\ncontact = "me@example.org"\nlogin = "me"\npassword = "secret"\n', "operator.login"),
        ('[session]\nid = "abc"\n', "session"),
    ],
)
def test_login_settings_in_the_watchlist_are_refused_with_file_line_and_key(
    tmp_path: Path, snippet: str, where: str
) -> None:
    path = tmp_path / "w.toml"
    path.write_text(snippet, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_watchlist(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:") and where in message and REFUSED in message
    line = int(message.split(":")[1])
    assert where.split(".")[-1].split("[")[0].lower() in snippet.splitlines()[line - 1].lower()


@pytest.mark.parametrize(
    ("settings", "arguments"),
    [
        ({"DEFAULT_REQUEST_HEADERS": {"Cookie": "sessionid=1"}}, {}),
        ({"DEFAULT_REQUEST_HEADERS": {"Authorization": "Bearer x"}}, {}),
        ({"REELSCOPE_SESSION_COOKIE": "abc"}, {}),
        ({"PLAYWRIGHT_CONTEXTS": {"default": {"storage_state": "state.json"}}}, {}),
        ({"PLAYWRIGHT_LAUNCH_OPTIONS": {"user_data_dir": "/home/me/.config/chromium"}}, {}),
        ({}, {"cookies": "sid=1"}),
        ({}, {"http_user": "me"}),
    ],
)
def test_crawl_settings_that_would_log_in_are_refused(settings: dict, arguments: dict) -> None:
    given = Settings()
    given.setmodule("spiders.settings", priority="project")
    given.setdict(settings, priority="cmdline")
    with pytest.raises(LoginRefused, match=REFUSED):
        refuse_login(given, arguments)


def test_the_default_settings_pass() -> None:
    given = Settings()
    given.setmodule("spiders.settings", priority="project")
    given.set("COOKIES_ENABLED", True, priority="cmdline")  # anonymous site cookies are Scrapy's own
    refuse_login(given, {"target": "x"})


def test_a_request_carrying_its_own_cookie_header_is_dropped() -> None:
    middleware = RefuseLoginMiddleware()
    assert middleware.process_request(Request("https://example.org/")) is None
    with pytest.raises(IgnoreRequest, match="cookie"):
        middleware.process_request(Request("https://example.org/", headers={"Cookie": "sid=1"}))


def test_a_real_crawl_with_a_cookie_header_fails_before_fetching(box: Sandbox, tmp_path: Path) -> None:
    outcome = crawl_into(
        box,
        f"sqlite:///{tmp_path / 'c.db'}",
        None,
        "youtube",
        "recette",
        kind="hashtag",
        settings={"DEFAULT_REQUEST_HEADERS": '{"Cookie": "sessionid=1"}'},
    )
    assert not outcome.ok
    assert "refusing to crawl with DEFAULT_REQUEST_HEADERS 'Cookie'" in outcome.stderr_tail
    assert not [h for h in box.hits if "/youtube/" in h.path]


def test_reelscope_crawl_refuses_a_cookie_header_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["crawl", "youtube", "recette", "--set", 'DEFAULT_REQUEST_HEADERS={"Cookie": "sid=1"}'])
    assert code == 2
    err = capsys.readouterr().err
    assert REFUSED in err and "Traceback" not in err


def test_reelscope_crawl_refuses_a_login_watchlist_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.toml"
    path.write_text('[[targets]]\nplatform = "x"\nkind = "account"\nvalues = ["a"]\nsession = "s"\n')
    monkeypatch.setenv("REELSCOPE_CONFIG", str(path))
    assert main(["crawl", "x", "a"]) == 2
    assert f"{path}:5: targets[0].session" in capsys.readouterr().err


def test_pseudonymisation_without_the_key_is_exit_2_for_crawl_scheduler_and_export(
    write_watchlist: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    watchlist = write_watchlist()
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv("REELSCOPE_CONFIG", str(watchlist))
    assert main(["crawl", "x", "x_en_creator0"]) == 2
    assert main(["schedule", "sync", "--jobstore", f"sqlite:///{tmp_path / 'jobs.db'}"]) == 2
    assert main(["export", str(tmp_path / "out"), "--share", "--db", f"sqlite:///{tmp_path / 's.db'}"]) == 2
    err = capsys.readouterr().err
    assert err.count(f"${KEY_ENV} is not set") == 3 and "Traceback" not in err
    monkeypatch.setenv(KEY_ENV, "short")
    assert main(["crawl", "x", "x_en_creator0"]) == 2
    assert "too short" in capsys.readouterr().err


def test_a_crawl_subprocess_without_the_key_refuses_to_start(
    box: Sandbox, write_watchlist: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scrapy crawl` run directly (not through the CLI) also refuses: nothing is stored in the clear."""
    from spiders.runner import run_crawl

    monkeypatch.delenv(KEY_ENV, raising=False)
    outcome = run_crawl(
        "x",
        "mode",
        kind="hashtag",
        db=f"sqlite:///{tmp_path / 'c.db'}",
        base_url=box.base_url("x"),
        env={"REELSCOPE_CONFIG": str(write_watchlist())},
    )
    assert not outcome.ok and f"${KEY_ENV} is not set" in outcome.stderr_tail
    assert KEY not in outcome.stderr_tail
