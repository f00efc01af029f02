"""The shipped front-end keeps report data inert by construction: no HTML sinks, no inline script, every asset
local (nothing fetched from another origin, so the UI works offline)."""

from __future__ import annotations

import re

from dossier.serve.app import STATIC

SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
         "setAttribute('style'", 'setAttribute("style"')


def test_our_scripts_have_no_html_sinks() -> None:
    scripts = sorted((STATIC / "js").glob("*.js"))
    assert len(scripts) >= 10
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        for sink in SINKS:
            assert sink not in text, f"{path.name} uses {sink}"


def test_pages_load_only_local_files_and_no_inline_code() -> None:
    for page in ("index.html", "docs.html"):
        html = (STATIC / page).read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline <script> in {page}"
        assert not re.search(r"\s(on\w+|style)\s*=", html), f"inline handler or style in {page}"
        assert "<style" not in html
        for ref in re.findall(r'(?:src|href)="([^"#]+)"', html):
            assert ref.startswith("/"), f"{page} loads {ref} from elsewhere"
            if ref.startswith("/static/"):
                assert (STATIC / ref.removeprefix("/static/")).is_file(), f"{ref} missing (run `make web`)"


def test_vendor_libraries_are_not_committed_code() -> None:
    gitignore = (STATIC.parents[3] / ".gitignore").read_text(encoding="utf-8")
    assert "src/dossier/serve/static/vendor/" in gitignore
