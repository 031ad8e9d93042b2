"""The one Jinja environment of every page (API pages and viz pages): the templates of ``viz/templates/``; text is
autoescaped.

Texts are translated with ``jinja2.ext.i18n`` (``{% trans %}``, ``_()``, new-style: ``_("%(n)s projects",
n=3)``) in the language of the ``lang`` the page is rendered with (a viz.i18n.Language; Dutch without one).
The callables look the language up in the render context, so one shared environment serves every request.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context

from ontology.vocab import vocabulary
from viz.i18n import DEFAULT, number, translations


def _lang(context: Context) -> str:
    lang = context.get("lang")
    return str(lang) if lang else DEFAULT


@pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(_lang(context)).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(_lang(context)).ngettext(singular, plural, n)


@pass_context
def _type_label(context: Context, type_name: str) -> str:
    """``{{ "Municipality" | type_label }}`` -> gemeente / municipality."""
    return vocabulary().classes[type_name].label(_lang(context))


@pass_context
def _value_label(context: Context, value: str, slot: str) -> str:
    """``{{ "in_progress" | value_label("status") }}`` -> in uitvoering / in progress."""
    return vocabulary().value_label(slot, value, _lang(context))


@pass_context
def _number(context: Context, value: int | Decimal) -> str:
    """``{{ 66447 | number }}`` -> 66.447 / 66,447."""
    return number(value, _lang(context))


@cache
def environment() -> Environment:
    """The environment, made on first use: ``viz/templates/``, the i18n extension with the language-aware callables
    and the filters ``type_label``, ``value_label`` and ``number``."""
    env = Environment(
        loader=PackageLoader("viz"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]  # added by the i18n extension
    env.filters.update(type_label=_type_label, value_label=_value_label, number=_number)
    return env
