"""The reader's messages in the reader's language.

The pure cores (duban.documents, duban.quantities) have no Django and make their warnings and
errors as `Note`s: English strings that keep their template and values. Web pages say them
with `say`, through the translation catalogue; the command line prints the English.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from duban.documents.model import Note


def say(message: Any) -> str:
    """A Note (or a ParseError made of one) in the active language; anything else as it is."""
    if isinstance(message, BaseException):
        message = message.args[0] if message.args else str(message)
    if not isinstance(message, Note):
        return str(message)
    values = {k: say(v) if isinstance(v, Note) else v for k, v in message.values.items()}
    try:
        return gettext(message.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return message.template.format(**values)
