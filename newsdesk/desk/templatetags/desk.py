from django import template

from newsdesk.desk.dashboard import start_page

register = template.Library()


@register.inclusion_tag("desk/start_page.html", takes_context=True)
def desk_start_page(context) -> dict:
    """The start page's panels for the signed-in editor."""
    return start_page(context["request"].user)


@register.inclusion_tag("desk/includes/notice_link.html", takes_context=True)
def desk_notice_link(context) -> dict:
    """The header's "Mitteilungen (n)": notices the signed-in editor has not seen yet."""
    from newsdesk.desk.notices import unseen_count

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"count": 0}
    return {"count": unseen_count(request)}
