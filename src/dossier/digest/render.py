"""The digest as Markdown, HTML (every piece of report text escaped) or JSON."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")  # what starts emphasis, code, links, HTML or a table

SECTIONS = (("documents", "New documents"), ("entities", "New entities"), ("relations", "New relations"),
            ("events", "New events"), ("facts_changed", "Facts with new sources or a new grade"),
            ("discrepancies", "New discrepancies"), ("watchlist_hits", "Watchlist hits"))


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _evidence_line(ev: dict[str, Any], esc: Callable[[object], str]) -> str:
    page = f", p. {ev['page']}" if "page" in ev else ""
    return f"“{esc(ev['text'])}” ({esc(ev['document'])}{page})"


def _item_lines(section: str, item: dict[str, Any], esc: Callable[[object], str]) -> tuple[str, list[str]]:
    """(headline, evidence lines) of one item, text escaped by ``esc``."""
    if section == "documents":
        meta = ", ".join(esc(x) for x in (item["publisher"], item["published"]) if x)
        return f"{esc(item['title'] or item['source'])}" + (f" ({meta})" if meta else ""), [esc(item["source"])]
    if section == "entities":
        aka = f" (aka {', '.join(esc(a) for a in item['aliases'])})" if item["aliases"] else ""
        return f"{esc(item['name'])} [{esc(item['type'])}]{aka}", [_evidence_line(e, esc) for e in item["evidence"]]
    if section in ("relations", "events", "facts_changed"):
        changes = []
        if "before" in item:
            if item["before"]["independent_sources"] != item["independent_sources"]:
                changes.append(f"independent sources {item['before']['independent_sources']} → "
                               f"{item['independent_sources']}")
            if item["before"]["grade"] != item["grade"]:
                changes.append(f"grade {esc(item['before']['grade'])} → {esc(item['grade'])}")
        change = f" — {', '.join(changes)}" if changes else ""
        head = f"{esc(item['headline'])} [{esc(item['grade'])}, {esc(item['modality'])}]{change}"
        return head, [_evidence_line(e, esc) for s in item["supports"] for e in s["evidence"]]
    if section == "discrepancies":
        lines = [f"{esc(v['value'])}: " + "; ".join(_evidence_line(e, esc) for s in v["supports"]
                                                    for e in s["evidence"]) for v in item["values"]]
        return f"{esc(item['kind'])}: {esc(item['about'])}", lines
    how = "; ".join(esc(r) for r in item["reasons"]["how"])
    verdict = f" [{esc(item['verdict'])}]" if item["verdict"] else ""
    programs = f" ({esc(item['programs'])})" if item.get("programs") else ""
    return (f"{esc(item['entity'])} ~ {esc(item['entry_name'])} — {esc(item['list'])}:{esc(item['entry'])}"
            f"{programs}, score {item['score']:.2f}{verdict}", [how])


def to_markdown(digest: dict[str, Any]) -> str:
    out = [f"# What is new since {digest['since']}", ""]
    for key, title in SECTIONS:
        items = digest[key]
        out.append(f"## {title} ({len(items)})")
        out.append("")
        for item in items:
            head, lines = _item_lines(key, item, _md)
            out.append(f"- {head}")
            out.extend(f"  - {line}" for line in lines)
        out.append("")
    return "\n".join(out)


def to_html(digest: dict[str, Any]) -> str:
    def esc(x: object) -> str:
        return html.escape(" ".join(str(x).split()), quote=True)

    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>dossier: what is new since {esc(digest['since'])}</title></head><body>",
           f"<h1>What is new since {esc(digest['since'])}</h1>"]
    for key, title in SECTIONS:
        items = digest[key]
        out.append(f"<section><h2>{esc(title)} ({len(items)})</h2><ul>")
        for item in items:
            head, lines = _item_lines(key, item, esc)
            sub = "".join(f"<li>{line}</li>" for line in lines)
            out.append(f"<li>{head}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
        out.append("</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_json(digest: dict[str, Any]) -> str:
    return json.dumps(digest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
