from django import template

from newsdesk.desk.dashboard import start_page

register = template.Library()


@register.inclusion_tag("desk/start_page.html", takes_context=True)
def desk_start_page(context) -> dict:
    """The start page's panels for the signed-in editor."""
    return start_page(context["request"].user)
