"""Where Pinterest lives and how a spider reaches each kind of target (pure data)."""

from urllib.parse import quote

from plugins.platform import Recipe

DOMAINS = ("www.pinterest.com", "pinterest.com", "pin.it")
BASE_URL = "https://www.pinterest.com"
URL_PATTERNS = {
    "post": (r"^https?://(?:www\.)?pinterest\.[a-z.]+/pin/\d+", r"^https?://pin\.it/\w+"),
    "account": (r"^https?://(?:www\.)?pinterest\.[a-z.]+/(?!pin/|search/|ideas/)[\w.-]+/?$",),
    "hashtag": (r"^https?://(?:www\.)?pinterest\.[a-z.]+/ideas/[\w-]+",),
    "search": (r"^https?://(?:www\.)?pinterest\.[a-z.]+/search/pins/\?q=",),
}
RECIPES = {
    "post": Recipe("post", lambda base, target: target if "://" in target else f"{base}/pin/{target}/"),
    "account": Recipe("account", lambda base, target: f"{base}/{target.lstrip('@')}/", browser=True),
    "search": Recipe("search", lambda base, target: f"{base}/search/pins/?q={quote(target)}", browser=True),
}
