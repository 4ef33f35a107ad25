"""Facebook platform plugin: parsers for m.facebook.com / mbasic story pages, page post listings and
photo pages (HTML, gzip-encoded bodies included), and spider recipes."""

from plugins.builtin import platform_plugin

PLATFORM, register_platforms, plugin_info = platform_plugin(
    __name__,
    name="facebook",
    description="Facebook page posts from mobile story, listing and photo pages: counters, labels",
    signal_kinds=["platform_label", "paid_partner"],
)
