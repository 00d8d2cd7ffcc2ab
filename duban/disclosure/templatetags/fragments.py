"""{% fragment key ["part"] %}…{% endfragment %}: the enclosed HTML from duban.fragments under
key (with ":part" when one key names several parts of a page), rendered and stored when it is
not there. An empty key renders the content as it is, uncached. A view that looked the parts
up already (fragments.get_many) passes what it found as `cached_fragments`, and may then leave
out of the context what only the parts it found would have read."""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from duban import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(
        self, nodelist: NodeList, key: FilterExpression, part: FilterExpression | None
    ) -> None:
        self.nodelist, self.key, self.part = nodelist, key, part

    def render(self, context: template.Context) -> SafeString:
        key = self.key.resolve(context)
        if not key:
            return self.nodelist.render(context)
        if self.part is not None:
            key = f"{key}:{self.part.resolve(context)}"
        html = (context.get("cached_fragments") or {}).get(key) or fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.put(key, html)
        return mark_safe(html)  # noqa: S308 - the template's own rendering, escaped as it rendered


@register.tag
def fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("{% fragment key [part] %} takes a key and a part")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(CsrfTokenNode):
        raise template.TemplateSyntaxError(
            "a {% csrf_token %} inside {% fragment %} would be shown to every reader"
        )
    part = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), part)
