"""Files the app serves itself, so that no page asks another host for
anything (a `:material/…:` page icon would make every browser fetch the
favicon from fonts.gstatic.com; tests/test_privacy.py checks every page)."""

from pathlib import Path

# The browser tab's icon (st.set_page_config(page_icon=...)): served by
# Streamlit from the app's own /media/ URL.
ICON = str(Path(__file__).with_name("icon.png"))
