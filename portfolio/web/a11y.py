"""Accessibility helpers shared by the entry points (dashboard.py, public.py).

Streamlit serves its page as ``<html lang="en">`` whatever the content is,
so screen readers would read the Norwegian text with English pronunciation
(WCAG 3.1.1 Language of Page). `set_document_language()` mounts a tiny
JavaScript-only component (Streamlit's components v2, which run in the app
page itself, without an iframe) that sets ``lang="nb"`` on the document and
keeps it there. The script is a constant: it carries no data.

The same script repairs one structure in Streamlit's sidebar navigation:
with sections, Streamlit 1.67 renders ``<ul>`` whose children are ``<div>``
section wrappers (header and ``<li>`` links inside), which is not a valid
list (axe: "list", "listitem", serious). The script marks that ``<ul>`` and
its ``<li>`` as ``role="none"``: the links stay in the labelled ``<nav>``
landmark under their section names, without a broken list around them.
"""

from __future__ import annotations

import streamlit as st

LANGUAGE = "nb"  # Norwegian bokmål (BCP 47)
COMPONENT_NAME = "portfolio_document_language"
KEY = "portfolio_document_language"

_SCRIPT = """
export default function () {
  const root = document.documentElement;
  const wanted = "%s";
  const setLanguage = () => { if (root.lang !== wanted) root.lang = wanted; };
  const repairNavigation = () => {
    for (const list of document.querySelectorAll('[data-testid="stSidebarNavItems"]')) {
      if (list.querySelector(":scope > li")) continue;  // a flat list is valid as it is
      if (list.getAttribute("role") !== "none") list.setAttribute("role", "none");
      for (const item of list.querySelectorAll("li")) {
        if (item.getAttribute("role") !== "none") item.setAttribute("role", "none");
      }
    }
  };
  setLanguage();
  repairNavigation();
  const language = new MutationObserver(setLanguage);
  language.observe(root, { attributes: true, attributeFilter: ["lang"] });
  const navigation = new MutationObserver(repairNavigation);
  navigation.observe(document.body, { childList: true, subtree: true });
  return () => { language.disconnect(); navigation.disconnect(); };
}
""" % LANGUAGE

_document_language = st.components.v2.component(COMPONENT_NAME, js=_SCRIPT)


def set_document_language() -> None:
    """Mark the page as Norwegian bokmål (``<html lang="nb">``). Call once per
    run, from the entry point, before the pages draw."""
    _document_language(key=KEY, height=0)
