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

The same script names each progress bar (``st.progress``, the upload's)
in Norwegian: Streamlit gives every bar the accessible name "progress", in
English, and leaves the step it shows beside it, unconnected. The script
makes the bar's name the text shown with it (what the bar says is what a
screen reader says: WCAG 2.5.3 Label in Name), or «Fremdrift» where it
shows none, and keeps it so as the text changes. It reads the text the
page already shows (``textContent``) and writes it into an attribute:
nothing becomes markup.

The navigation needs no repair: the entry points register their pages as one
flat list, which Streamlit draws as a valid ``<ul>`` of ``<li>`` from its
first paint (see dashboard.py).
"""

from __future__ import annotations

import json

import streamlit as st

from portfolio import texts

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

  const nameProgressBars = () => {
    for (const bar of document.querySelectorAll('[data-testid="stProgress"] [role="progressbar"]')) {
      const shown = bar.closest('[data-testid="stProgress"]').querySelector('[data-testid="stMarkdownContainer"]');
      const name = (shown && shown.textContent.trim()) || __PROGRESS_LABEL__;
      if (bar.getAttribute("aria-label") !== name) bar.setAttribute("aria-label", name);
    }
  };
  nameProgressBars();
  const progress = new MutationObserver(nameProgressBars);
  progress.observe(document.body, { childList: true, subtree: true, characterData: true,
                                    attributes: true, attributeFilter: ["aria-label"] });
  return () => { language.disconnect(); progress.disconnect(); };
}
""".replace("__LANGUAGE__", LANGUAGE).replace("__PROGRESS_LABEL__", json.dumps(texts.PROGRESS_LABEL))

_document_language = st.components.v2.component(COMPONENT_NAME, js=_SCRIPT)


def set_document_language() -> None:
    """Mark the page as Norwegian bokmål (``<html lang="nb">``) and name its
    progress bars in Norwegian. Call once per run, from the entry point,
    before the pages draw."""
    _document_language(key=KEY, height=0)
