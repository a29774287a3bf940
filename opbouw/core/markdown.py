"""Markdown written by users, rendered to HTML that can hold no script."""

from __future__ import annotations

import markdown as md
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
                "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def _loosen_lists(text: str) -> str:
    """People start a list right under a sentence; Markdown wants an empty line first."""
    out: list[str] = []
    for line in (text or "").splitlines():
        is_item = line.lstrip()[:2] in ("- ", "* ", "+ ")
        if is_item and out and out[-1].strip() and out[-1].lstrip()[:2] not in ("- ", "* ",
                                                                                "+ "):
            out.append("")
        out.append(line)
    return "\n".join(out)


def render_markdown(text: str) -> str:
    """Markdown to safe HTML: only simple formatting and http(s)/mailto links survive."""
    html = md.markdown(_loosen_lists(text), extensions=["sane_lists"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")
