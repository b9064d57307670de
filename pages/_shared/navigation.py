"""Every page runs through the entry point, app.py, and its navigation.

The pages live in a folder named ``pages/`` (the layout the product was asked for). Streamlit
takes such a folder as its legacy multipage app until ``st.navigation`` has been called once
in the process: it then runs a page file on its own, without the entry point — on a fresh
server's first request for a page's address, and in AppTest after ``switch_page``. Streamlit
advises renaming the folder; instead, with public calls only, a page that finds the app's
navigation never called (:func:`run_through_entry_point`) declares it and reruns, and from
then on app.py runs every page. Browser-tested: tests/browser/test_first_request.py;
tests/app/test_entry_point_routing.py fails if a Streamlit upgrade changes this.
"""

from pathlib import Path

import streamlit as st

from pages._shared.language import tr

ROOT = Path(__file__).resolve().parents[2]  # the folder of app.py

# Process-wide, about the process, never about a visitor: has the app's navigation been
# declared yet? Streamlit's legacy mode ends for the whole process with the first call.
_navigation_called = False


def configure_page() -> None:
    """The browser tab's title and icon, and the wide layout: the first call of a run."""
    st.set_page_config(page_title="Objectif", page_icon="🎯", layout="wide")


def app_navigation():
    """The app's menu (``st.navigation`` over its pages, in menu order); returns the page to run."""
    global _navigation_called
    _navigation_called = True
    return st.navigation(
        [
            st.Page(
                ROOT / "pages" / "dashboard.py",
                title=tr("page.dashboard"),
                icon=":material/monitoring:",
                default=True,
            ),
            st.Page(
                ROOT / "pages" / "forecast.py",
                title=tr("page.forecast"),
                icon=":material/trending_up:",
            ),
            st.Page(ROOT / "pages" / "whatif.py", title=tr("page.whatif"), icon=":material/tune:"),
            st.Page(
                ROOT / "pages" / "objectives.py",
                title=tr("page.objectives"),
                icon=":material/flag:",
            ),
            st.Page(
                ROOT / "pages" / "risk.py", title=tr("page.risk"), icon=":material/person_alert:"
            ),
            st.Page(ROOT / "pages" / "leads.py", title=tr("page.leads"), icon=":material/target:"),
            st.Page(
                ROOT / "pages" / "data.py", title=tr("page.data"), icon=":material/upload_file:"
            ),
            st.Page(
                ROOT / "pages" / "overview.py",
                title=tr("page.overview"),
                icon=":material/table_view:",
            ),
        ]
    )


def run_through_entry_point() -> None:
    """Called first by every page: when Streamlit's legacy mode ran this page file on its own
    (the app's navigation never declared in this process), declare the app's navigation and
    rerun, so that app.py runs the page with its menu and sidebar. Once per process only:
    later runs (and AppTest, which runs pages on their own after ``switch_page``) go on
    without a rerun, which would swallow a button's click."""
    if not _navigation_called:
        configure_page()
        app_navigation()
        st.rerun()
