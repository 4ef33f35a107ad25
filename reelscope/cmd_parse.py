"""`reelscope parse` and `reelscope detect`: the post-record contract of DESIGN §4 on files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from plugins.platform import ParseError
from plugins.post import Post
from reelscope.errors import UserError
from reelscope.host import host, use_watchlist_brands
from reelscope.output import say, write_jsonl
from reelscope.pages import page_from_file, read_jsonl

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Watchlist file whose brands are matched (default: $REELSCOPE_CONFIG)."),
]


def parse_command(
    path: Annotated[Path, typer.Argument(help="A saved HTML page, JSON API response or NDJSON capture.")],
    platform: Annotated[
        str | None, typer.Option("--platform", "-p", help="Platform name (default: recognised).")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="The URL the page was fetched from.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    config: ConfigOption = None,
) -> None:
    """Parse a saved page and print one JSON post record per line, in page order.

    Signal and enrichment plugins run on every post. Exits 2 when no platform recognises the file.

    Examples:
      reelscope parse video.html
      reelscope parse capture.ndjson --platform tiktok
      reelscope parse next.json --url https://www.youtube.com/watch?v=ID | jq .likes
    """
    h = host()
    use_watchlist_brands(config)
    page = page_from_file(path, url)
    if platform is not None and platform not in h.platforms:
        known = ", ".join(sorted(h.platforms)) or "none installed"
        raise UserError(f"unknown platform {platform!r} (known: {known})")
    try:
        parsed = h.parse_all(page, platform)
    except ParseError as exc:
        damage = json_damage(page.body)
        if damage:  # said first: "no TikTok item" would send the user looking for the wrong problem
            raise UserError(f"{path}: {damage}") from None
        if platform:
            raise UserError(f"{path}: not a {platform} page ({exc})") from None
        raise UserError(f"no platform recognises {path}") from None
    for chosen, inner, result in parsed:
        write_jsonl(h.detect(post).to_dict() for post in result.posts)
        if quiet:
            continue
        missing = ", ".join(f"{k}×{v}" for k, v in sorted(result.missing.items()))
        where = path if inner is page else f"{path} [{inner.url}]"
        say(
            f"{where}: {chosen.name} {result.format or ''}: {len(result.posts)} posts"
            + (f"; missing {missing}" if missing else "")
        )
        for warning in result.warnings:
            say(warning, "yellow", "warning:")


def json_damage(body: bytes) -> str | None:
    """Why a body that opens like one JSON document does not decode (truncated or malformed), or None.

    NDJSON is not a damaged document: a body whose first line decodes on its own is left to the parsers.
    """
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] not in (b"{", b"["):
        return None
    try:
        orjson.loads(text)
        return None
    except orjson.JSONDecodeError as exc:
        error = exc
    newline = text.find(b"\n")
    if 0 <= newline < len(text.rstrip()):
        try:
            orjson.loads(text[:newline])
            return None
        except orjson.JSONDecodeError:
            pass
    kind = "truncated" if error.msg == "unexpected end of data" else "malformed"
    return f"{kind} JSON: {error.msg} at line {error.lineno} column {error.colno} (char {error.pos})"


def detect_command(
    path: Annotated[Path, typer.Argument(help="JSON Lines of post records (only platform and text needed).")],
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", "-j", help="Also judge disclosures against a rule: us, uk, fr, de, …"),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Detect sponsored content in post records and print them with sponsored, disclosed, signals, brands.

    Keys the records carry beyond the post record are kept as they are.

    Examples:
      reelscope detect posts.jsonl
      reelscope parse page.html | reelscope detect /dev/stdin --jurisdiction fr
    """
    h = host()
    use_watchlist_brands(config)
    assess = _assessor(jurisdiction)

    def records() -> Any:
        for number, data in read_jsonl(path):
            try:
                post = Post.from_dict(data, strict=False)
            except (ValueError, TypeError) as exc:
                raise UserError(f"{path}:{number}: {exc}") from None
            post.signals = []
            h.detect(post)
            out = {**data, **post.to_dict()}
            if assess is not None:
                out["compliance"] = assess(post, jurisdiction)
            yield out

    write_jsonl(records())


def _assessor(jurisdiction: str | None) -> Any:
    if jurisdiction is None:
        return None
    try:
        from plugins.sponsorship.jurisdiction import JURISDICTIONS, assess
    except ImportError:
        raise UserError("--jurisdiction needs the sponsorship plugin, which is not installed") from None
    if jurisdiction.lower() not in JURISDICTIONS:
        raise UserError(f"unknown jurisdiction {jurisdiction!r} (known: {', '.join(sorted(JURISDICTIONS))})")
    return assess


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("parse")(parse_command)
    app.command("detect")(detect_command)
