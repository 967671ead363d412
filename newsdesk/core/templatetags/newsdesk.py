"""Template helpers for the reader site: images, dates, addresses, share and offer links."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from newsdesk.core.pagination import PAGE_PARAMETER, kept_parameters

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(
    image,
    sizes: str = "(min-width: 60rem) 48rem, 100vw",
    width: int = 960,
    css_class: str = "",
    loading: str = "lazy",
    show_credit: bool = True,
    show_caption: bool = True,
):
    """A <picture> with WebP and JPEG ``srcset`` and the image's credit beside it.

    ``show_credit=False`` is only for places that show the credit themselves (the video poster).
    """
    return {
        "image": image,
        "sizes": sizes,
        "width": width,
        "css_class": css_class,
        "loading": loading,
        "show_credit": show_credit,
        "show_caption": show_caption,
    }


@register.simple_tag
def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.NEWSDESK_BASE_URL + path


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without tracking or other parameters; page 2 on keeps ``?seite=``."""
    request = context["request"]
    url = absolute_url(request.path)
    # The number of the page actually shown, never the raw parameter: "²" passes isdigit()
    # but not int(), and 5,000 digits exceed int()'s limit; both used to be a 500.
    page = context.get("page")
    if isinstance(page, Page) and page.number > 1:
        url += f"?{PAGE_PARAMETER}={page.number}"
    return url


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """Link to page ``number`` of the current list; page 1 is the plain address. The list's own
    parameters (a search's words and filters) stay; anything else in the address does not."""
    request = context["request"]
    query = kept_parameters(request)
    if number > 1:
        query.append((PAGE_PARAMETER, str(number)))
    return f"{request.path}?{urlencode(query)}" if query else request.path


@register.filter
def long_date(value: datetime | None) -> str:
    """The long date in the active language, e.g. "3. März 2025"."""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


@register.filter
def html_datetime(value: datetime | None) -> str:
    """For ``<time datetime>``: ISO 8601 in local time, to the second. HTML allows at most three
    digits of fractions; ``date:'c'`` writes six when the time has microseconds."""
    if not value:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def long_datetime(value: datetime | None) -> str:
    """Date and time in the active language, e.g. "3. März 2025, 14:05 Uhr"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(date)s, %(time)s Uhr") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
    }


@register.filter
def slide_url(gallery, number: int) -> str:
    return gallery.get_slide_url(number)


@register.filter
def kind_url(article) -> str:
    """The list of all articles of ``article``'s kind ("/test/")."""
    return reverse("articles:kind", kwargs={"kind_path": article.KIND_PATHS[article.kind]})


@register.filter
def is_section(path: str, prefix: str) -> bool:
    """True when ``path`` lies in the section whose address starts with ``/prefix/``."""
    return path.startswith(f"/{prefix}/")


@register.simple_tag
def share_links(url: str, title: str) -> list[dict[str, str]]:
    """Plain links to the networks' share pages: nothing loads until the reader clicks."""
    return [
        {
            "key": "facebook",
            "name": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "key": "x",
            "name": "X/Twitter",
            "url": "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        },
        {
            "key": "whatsapp",
            "name": "WhatsApp",
            "url": "https://wa.me/?" + urlencode({"text": f"{title} {url}"}),
        },
        {
            "key": "linkedin",
            "name": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {
            "key": "email",
            "name": _("E-Mail"),
            "url": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
    ]


@register.simple_tag
def offer_link(offer) -> str:
    """An affiliate link: through /go/, marked sponsored, with the asterisk to the ad label.

    Needs ``offer.product`` and ``offer.shop`` loaded (``select_related``) to stay query-free.
    """
    return format_html(
        '<a class="offer-link" href="{}" rel="sponsored nofollow">{}*'
        '<span class="visually-hidden"> ({})</span></a>',
        offer.get_absolute_url(),
        offer.link_text,
        _("Werbung"),
    )


class FragmentNode(template.Node):
    def __init__(self, name, nodelist: template.NodeList, keys: list):
        self.name = name
        self.nodelist = nodelist
        self.keys = keys

    def render(self, context) -> str:
        name = self.name.resolve(context)
        if not name:  # the view does not keep this part (a preview, an error page)
            return self.nodelist.render(context)
        from newsdesk.pagecache import fragments

        fetched = context.get("fragments")
        fetched = {} if fetched is None else fetched
        if name in fetched:
            return fetched[name]
        shown = []
        for expression in self.keys:
            key = expression.resolve(context)
            shown += [str(each) for each in key] if isinstance(key, list | tuple) else [str(key)]
        if name not in getattr(fetched, "asked", ()):
            # A part the view knows nothing of (the site header): looked up here.
            return fragments.cached(name, lambda: self.nodelist.render(context), keys=shown)
        collected = context.get("fragment_data")
        return fragments.render_and_keep(
            name,
            lambda: self.nodelist.render(context),
            keys=[*shown, *(collected.keys if collected else ())],
            started=collected.started if collected else None,
        )


@register.tag
def fragment(parser, token):
    """``{% fragment name [key ...] %}...{% endfragment %}``: a part kept between renders
    while what it shows is unchanged (``pagecache.fragments``). The view names it (an empty
    name renders it
    every time) and passes the parts it found fresh as ``fragments``, and what it recorded while
    reading their data as ``fragment_data`` (``fragments.collect``). Keys after the name are
    what the part shows besides what it records itself (the footer's "footer")."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name, then optional keys.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(parser.compile_filter(bits[1]), nodelist, keys)


@register.filter
def site_header_fragment(path: str) -> str:
    """The name of the site header's fragment: it differs only by the section it marks."""
    from newsdesk.pagecache import fragments

    variant = "home" if path == "/" else ""
    for section in ("news", "test", "hands-on", "ratgeber"):
        if is_section(path or "", section):
            variant = section
    return fragments.name_for("site-header", variant)


@register.simple_tag
def site_footer_fragment() -> str:
    """The name of the site footer's fragment: its standing pages follow the key "footer",
    its year the clock."""
    from newsdesk.pagecache import fragments

    return fragments.name_for("site-footer", timezone.localdate().year)
