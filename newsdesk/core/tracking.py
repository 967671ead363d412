"""Query parameters that only track where a reader came from."""

from __future__ import annotations

# Query parameters that change nothing on the page: campaign tags of newsletters and the click
# ids platforms append to shared links. A story shared with them must come from the cache, not
# cost a render per reader. ``deploy/varnish.vcl`` strips the same names (tested in
# ``pagecache/tests/test_varnish.py``); links between pages leave them out.
IGNORED_PARAMETER_PREFIXES = ("utm_",)
IGNORED_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "igshid",  # Instagram
        "gclid",  # Google Ads
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",  # Microsoft Ads
        "twclid",  # X
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "yclid",  # Yandex
        "mc_cid",  # Mailchimp
        "mc_eid",
        "mkt_tok",  # Marketo
        "wt_mc",  # Webtrekk / Mapp, common on German sites
        "wt_zmc",
        "_ga",  # Google Analytics cross-domain
        "_gl",
        "ref_src",
        "ref_url",
    }
)


def is_ignored_parameter(name: str) -> bool:
    return name in IGNORED_PARAMETERS or name.startswith(IGNORED_PARAMETER_PREFIXES)
