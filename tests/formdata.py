"""What a browser would send back for a rendered form left unchanged."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__()
        self.form_id, self.inside, self.done = form_id, False, False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if (
            tag == "form"
            and not self.done
            and (self.form_id is None or a.get("id") == self.form_id)
        ):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(
                a.get("value", "on" if a.get("type") == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:  # the browser drops the one newline after <textarea>
                value = self.data[self._textarea][0]
                self.data[self._textarea][0] = value.removeprefix("\n")
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_data(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The fields of the first form (or the form with that id), as posted unchanged."""
    parser = _Form(form_id)
    parser.feed(html)
    return parser.data
