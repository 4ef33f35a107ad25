"""HTML shells of listings whose data arrives only through XHR: the page's script fetches the JSON API
(first page at load, or after the server-side first page) and the next page each time its bottom
comes into view, following the `X-Sandbox-Next` header the API answers with."""

from __future__ import annotations

import html

import orjson

NEXT_HEADER = "X-Sandbox-Next"

_SCRIPT = """
(function () {
  var next = %(next)s, endpoint = %(endpoint)s, method = %(method)s, busy = false;
  function loaded(text, following) {
    var row = document.createElement("div");
    row.className = "item";
    row.textContent = text.length + " bytes";
    document.getElementById("feed").appendChild(row);
    next = following;
    busy = false;
    document.body.setAttribute("data-pages", String(document.getElementsByClassName("item").length));
    if (!next) document.body.setAttribute("data-done", "1");
  }
  function load() {
    if (busy || !next) return;
    busy = true;
    var url = next, opts = {credentials: "same-origin"};
    if (method === "POST") {
      url = endpoint;
      opts.method = "POST";
      opts.headers = {"content-type": "application/json"};
      opts.body = JSON.stringify({context: {client: {clientName: "WEB"}}, continuation: next});
    }
    fetch(url, opts).then(function (r) {
      var following = r.headers.get("%(header)s");
      return r.text().then(function (t) { loaded(t, following); });
    }).catch(function () { busy = false; });
  }
  // Like the platforms' infinite scroll: load when the sentinel under the feed comes into view.
  new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) load();
  }).observe(document.getElementById("more"));
  if (%(eager)s) load();
})();
"""


def shell(
    title: str, next_url: str | None, *, head: str = "", server_side: str = "", post_endpoint: str = ""
) -> bytes:
    """A listing page: `server_side` markup first, then a feed its script fills from the JSON API.

    With `post_endpoint`, `next_url` is a continuation token POSTed there on scroll (InnerTube style);
    otherwise it is the URL of the first API page, fetched at load.
    """
    script = _SCRIPT % {
        "next": orjson.dumps(next_url).decode(),
        "endpoint": orjson.dumps(post_endpoint).decode(),
        "method": '"POST"' if post_endpoint else '"GET"',
        "header": NEXT_HEADER,
        "eager": "false" if post_endpoint else "true",
    }
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>{head}"
        "<style>.item{height:900px;border-bottom:1px solid #ccc}#app{min-height:400px}</style></head>"
        f'<body data-pages="0"><div id="app">{server_side}</div><div id="feed"></div>'
        '<div id="more" style="height:10px"></div>'
        f"<script>{script}</script></body></html>"
    ).encode()
