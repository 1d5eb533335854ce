"""Accessibility helpers shared by the entry points (dashboard.py, public.py).

Streamlit serves its page as ``<html lang="en">`` whatever the content is,
so screen readers would read the Norwegian text with English pronunciation
(WCAG 3.1.1 Language of Page). `set_document_language()` mounts a tiny
JavaScript-only component (Streamlit's components v2, which run in the app
page itself, without an iframe) that sets ``lang="nb"`` on the document and
keeps it there. The script is a constant: it carries no data.

Until the script has run, the document says ``lang="en"``: a valid language
(axe's "html-has-lang" and "html-lang-valid" pass at every moment), only not
the right one for a moment while the app starts. Streamlit serves its HTML
as a fixed file, so the first bytes cannot say "nb". Browser tests treat
``lang="nb"`` as the sign that the app's script has run (tests/browser.py).

The navigation needs no repair: the entry points register their pages as one
flat list, which Streamlit draws as a valid ``<ul>`` of ``<li>`` from its
first paint (see dashboard.py).
"""

from __future__ import annotations

import streamlit as st

LANGUAGE = "nb"  # Norwegian bokmål (BCP 47)
COMPONENT_NAME = "portfolio_document_language"
KEY = "portfolio_document_language"

_SCRIPT = """
export default function () {
  const root = document.documentElement;
  const wanted = "__LANGUAGE__";
  const setLanguage = () => { if (root.lang !== wanted) root.lang = wanted; };
  setLanguage();
  const language = new MutationObserver(setLanguage);
  language.observe(root, { attributes: true, attributeFilter: ["lang"] });
  return () => language.disconnect();
}
""".replace("__LANGUAGE__", LANGUAGE)

_document_language = st.components.v2.component(COMPONENT_NAME, js=_SCRIPT)


def set_document_language() -> None:
    """Mark the page as Norwegian bokmål (``<html lang="nb">``). Call once per
    run, from the entry point, before the pages draw."""
    _document_language(key=KEY, height=0)
