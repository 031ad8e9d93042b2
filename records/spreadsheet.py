"""A value as a spreadsheet cell that cannot carry a formula (CSV injection), per OWASP's advice.

Excel, LibreOffice and Google Sheets run a cell of a CSV file as a formula when it starts with ``=``, ``+``,
``-`` or ``@`` (tab and carriage return lead to the same on some paths). OWASP's "CSV Injection" page
recommends prefixing such a cell with a single quote, which the spreadsheet shows as text. Numbers are not
formulas: ``-12.5`` or ``+3`` stay as they are, so they keep their value in a spreadsheet.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import overload

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""

NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
"""A plain decimal number, as a CSV cell writes it: ``-12``, ``+3.5``, ``-1e-05``."""


@overload
def spreadsheet_cell(value: str) -> str: ...
@overload
def spreadsheet_cell(value: object) -> object: ...
def spreadsheet_cell(value: object) -> object:
    """``value`` made safe for a CSV or XLSX cell: text that a spreadsheet would run as a formula gets a ``'``
    in front; numbers (int, float, Decimal, or text that is a plain number) and other text are unchanged.

    Returns an int, float or Decimal for a number (so a writer keeps it a number), else a str; None -> "".
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text
