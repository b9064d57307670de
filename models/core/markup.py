"""Text from data, files and links shown as itself in Streamlit's Markdown.

Streamlit renders Markdown in ``st.markdown``, ``st.caption``, alerts, toasts, metrics, tabs,
expanders and widget labels: a rep named ``![p](http://evil.example/p.png)`` would make every
viewer's browser fetch a remote image, and a link value ``[Log in](http://evil.example)`` would
show a link inside the app's own warning. :func:`escape_markdown` turns any value into Markdown
that renders as the value's characters, nothing else; :class:`Markdown` marks a text that is
already safe (a catalogue template with escaped values), so that it is not escaped twice.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these start Markdown syntax
# wherever they are: emphasis, code, links and images, headings, block quotes, tables,
# strikethrough, raw HTML and entities (``&lt;``), plus Streamlit's own LaTeX (``$x$``) and
# directives (``:red[text]``, ``:material/home:``, emoji ``:smile:``).
SPECIAL = "\\`*_{}[]()#!|<>~$:&"
_SPECIAL = re.compile("([" + re.escape(SPECIAL) + "])")
# ``-``, ``+``, ``=`` and ``.`` mean something only at the start of a line, where a value has
# only its own start: they are escaped there, so that ``Île-de-France``, ``+10.0%`` and
# ``3.5`` read as they are in the Markdown too.
_LINE_STARTS = (
    re.compile(r"^( ?)([-+])(?= |\Z)"),  # a bullet list item: "- x", "+ x"
    re.compile(r"^( ?)([-=])(?=[-= ]*\Z)"),  # a thematic break or a heading's underline
    re.compile(r"^( ?\d{0,9})(\.)(?= |\Z)"),  # an ordered list item: "1. x"
)
# A line break inside a value would let the rest start a heading, a list or a code fence, and
# a run of spaces at a line's start an indented code block: both become one space (a browser
# shows a run of spaces as one anyway).
_SPACES = re.compile(r"[ \t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")  # not the no-break ones
# Some patterns are found in the text *after* escapes are resolved, so a backslash does not
# stop them: GitHub's bare autolinks (``http://…``, ``www.…``, ``name@host.example``),
# Streamlit's icons (``:material/home:``) and emoji shortcodes (``:smile:``). An invisible
# word joiner (U+2060) after every colon and at-sign and inside ``www.`` breaks them all.
WORD_JOINER = "\u2060"
_BROKEN_PATTERNS = re.compile(r"(?<=[:@])|(?<=www)(?=\.)", re.IGNORECASE)


class Markdown(str):
    """A text that is already Markdown: a catalogue template whose values were escaped.

    :func:`escape_markdown` returns it as it is, so that such a text can be put into another
    one without its escapes showing. Wrap only text whose every part from data was escaped.
    """

    __slots__ = ()


def escape_markdown(text: object) -> str:
    """``text`` as Markdown that renders as exactly its characters in Streamlit.

    Parameters
    ----------
    text
        Any value; it is converted with ``str``. A :class:`Markdown` text is returned as it is.

    Returns
    -------
    str
        The text with every character of :data:`SPECIAL` backslash-escaped, and so is a
        ``-``, ``+``, ``=`` or ``.`` at its start that would make a list, a thematic break or
        a heading's underline (``- x``, ``1. x``, ``---``); each run of whitespace (line
        breaks included) replaced by one space, so that a value stays on one line and cannot
        start a block of its own; and a word joiner (U+2060, invisible) after every ``:`` and
        ``@`` and inside ``www.``, where Streamlit would otherwise make a link of a bare
        address, an icon or an emoji.

    Examples
    --------
    >>> print(escape_markdown("**bold** ![image](x.png) $x$"))
    \\*\\*bold\\*\\* \\!\\[image\\]\\(x.png\\) \\$x\\$
    >>> print(escape_markdown("- Île-de-France, +10.5%"))
    \\- Île-de-France, +10.5%
    """
    if isinstance(text, Markdown):
        return text
    said = _SPACES.sub(" ", str(text))
    said = _SPECIAL.sub(r"\\\1", _BROKEN_PATTERNS.sub(WORD_JOINER, said))
    for line_start in _LINE_STARTS:
        said = line_start.sub(r"\1\\\2", said, count=1)
    return said
