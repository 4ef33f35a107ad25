"""Sponsorship facts Instagram shows on a post, as signals and metadata shared by every format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plugins.instagram.values import as_handle
from plugins.post import Signal
from plugins.values import as_bool, as_dict, as_id, as_list, as_text, dig

PAID_PARTNERSHIP = "Paid partnership"
# boosted_status values that say the post is not boosted ("not_boosted" is the usual one).
_NOT_BOOSTED = frozenset({"", "none", "null", "unknown", "not_boosted", "unboosted", "inactive"})


@dataclass(slots=True)
class Commerce:
    """What the platform says about a post's commercial nature, read from its JSON flags."""

    paid_partnership: bool | None = None
    sponsors: list[str] = field(default_factory=list)
    coauthors: list[str] = field(default_factory=list)
    is_ad: bool | None = None
    ad_evidence: str | None = None  # the field that made it an ad ("is_ad=true", "boosted_status=…")
    links: list[str] = field(default_factory=list)
    ad_source: str = "metadata"  # "label" when the ad shows its label ("Sponsored")
    ad_detail: dict[str, Any] = field(default_factory=dict)  # an injected ad's ad_id and ad_title

    def signals(self) -> list[Signal]:
        """Signals for the label, the sponsors named by the platform, and ads/boosted posts."""
        out: list[Signal] = []
        if self.paid_partnership:
            out.append(Signal("platform_label", PAID_PARTNERSHIP, "label", 1.0))
        out.extend(Signal("paid_partner", handle, "label", 1.0) for handle in self.sponsors)
        if self.is_ad and self.ad_evidence:
            out.append(Signal("promoted", self.ad_evidence, self.ad_source, 1.0, dict(self.ad_detail)))
        return out

    def metadata(self) -> dict[str, Any]:
        """The metadata keys this knows (labels, paid_partnership, sponsors, coauthors, is_ad, links)."""
        meta: dict[str, Any] = {}
        if self.paid_partnership is not None:
            meta["paid_partnership"] = self.paid_partnership
            if self.paid_partnership:
                meta["labels"] = [PAID_PARTNERSHIP]
        if self.sponsors:
            meta["sponsors"] = list(self.sponsors)
        if self.coauthors:
            meta["coauthors"] = list(self.coauthors)
        if self.is_ad is not None:
            meta["is_ad"] = self.is_ad
        if self.links:
            meta["links"] = list(self.links)
        return meta


def _user_handle(entry: Any, depth: int = 0) -> str | None:
    """The username in a tag entry: `{sponsor: {username}}`, `{user: {username}}` or `{username}`."""
    entry = as_dict(entry)
    if depth < 3:  # edge -> node -> sponsor/user at most
        for key in ("sponsor", "user", "node"):
            inner = entry.get(key)
            if isinstance(inner, dict):
                found = _user_handle(inner, depth + 1)
                if found:
                    return found
    return as_handle(entry.get("username"))


def handles(entries: Any, exclude: str | None = None) -> list[str]:
    """Lowercase usernames of user entries (or GraphQL `{edges: [...]}`), in order, no duplicates."""
    if not entries:  # null or empty, as on most posts
        return []
    if isinstance(entries, dict):
        entries = entries.get("edges")
        if not entries:  # GraphQL's `{"edges": []}`, as on most posts
            return []
    found = (_user_handle(e) for e in as_list(entries))
    skip = exclude.lower() if exclude else None
    return list(dict.fromkeys(low for h in found if h and (low := h.lower()) != skip))


def boosted_evidence(value: Any) -> str | None:
    """`boosted_status=<value>` when the status says the post is boosted, else None."""
    if value is True:
        return "boosted_status=true"
    if isinstance(value, str) and value.strip().lower() not in _NOT_BOOSTED:
        lowered = value.strip().lower()
        if not lowered.startswith(("not_", "non_", "un")):
            return f"boosted_status={value.strip()}"
    return None


def _affiliate_links(info: Any) -> list[str]:
    """URLs written in an affiliate_info object (any string value that is an http(s) URL)."""
    if not info:
        return []
    urls = [v for v in as_dict(info).values() if isinstance(v, str) and v.startswith(("http://", "https://"))]
    return list(dict.fromkeys(urls))


def _injected_ad(media: dict[str, Any], commerce: Commerce) -> bool:
    """Whether the app feed injected this media as a paid ad (`injected`, product_type "ad"); notes why."""
    injected = media.get("injected")
    if not isinstance(injected, dict):
        if media.get("product_type") != "ad":
            return False
        commerce.ad_evidence = "product_type=ad"
        return True
    label = as_text(injected.get("label"))
    commerce.ad_evidence, commerce.ad_source = (label, "label") if label else ("injected", "metadata")
    ad_id, title = as_id(injected.get("ad_id")), as_text(injected.get("ad_title"))
    commerce.ad_detail = {k: v for k, v in (("ad_id", ad_id), ("ad_title", title)) if v is not None}
    return True


def read_commerce(media: dict[str, Any], author: str | None) -> Commerce:
    """The commercial facts of a v1 media object or a GraphQL media node."""
    sponsors = handles(media.get("sponsor_tags"), exclude=author) or handles(
        media.get("edge_media_to_sponsor_user"), exclude=author
    )
    commerce = Commerce(
        paid_partnership=as_bool(media.get("is_paid_partnership")),
        sponsors=sponsors,
        coauthors=handles(media.get("coauthor_producers"), exclude=author),
        links=_affiliate_links(media.get("affiliate_info")),
    )
    is_ad = as_bool(media.get("is_ad"))
    if is_ad:
        commerce.is_ad, commerce.ad_evidence = True, "is_ad=true"
    elif as_id(media.get("ad_id")) is not None:
        commerce.is_ad, commerce.ad_evidence = True, "ad_id"
    elif (boosted := boosted_evidence(media.get("boosted_status"))) is not None:
        commerce.is_ad, commerce.ad_evidence = True, boosted
    elif _injected_ad(media, commerce):
        commerce.is_ad = True
    else:
        commerce.is_ad = is_ad
    return commerce


def tagged_handles(media: dict[str, Any]) -> list[str]:
    """Users tagged in the picture (v1 `usertags.in[].user`, GraphQL `edge_media_to_tagged_user`)."""
    tags = dig(media, "usertags", "in")
    if tags is None:
        tags = media.get("edge_media_to_tagged_user")
    return handles(tags)
