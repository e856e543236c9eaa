"""``{% export_url "xlsx" %}``: the current list URL with its filters, asking for a download."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context, fmt: str) -> str:
    """The page's own path and query string (filters kept, paging dropped) plus ``export=<fmt>``."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query["export"] = fmt
    return f"{request.path}?{query.urlencode()}"
