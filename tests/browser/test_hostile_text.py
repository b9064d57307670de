"""Hostile text in a real browser: names, values, a header, a file name and a shared link
that are Markdown show as their own characters, and nothing they name is fetched or linked.

Escaped values carry an invisible word joiner (U+2060) after ``:`` and ``@`` and inside
``www.`` (see ``models.core.markup``): the visible text is compared with it taken out.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from live_app import click_nav, full_page_screenshot, wait_for_app, wait_settled
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.fixtures import hostile

pytestmark = pytest.mark.browser
FIT_TIMEOUT_MS = 240_000  # the What-if page fits one forecast per driver on its first visit
WORD_JOINER = "\u2060"

# What Markdown would have made of the hostile values; found in the whole app (main area,
# sidebar, toasts), each is a list of offenders that must stay empty.
RENDERED_FROM_DATA = r"""() => {
  const app = document.body;
  const remote = (url) => {
    const parsed = new URL(url, location.href);
    return !['data:', 'blob:'].includes(parsed.protocol)
      && !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  };
  const texts = (selector) => [...app.querySelectorAll(selector)].map((e) => e.outerHTML);
  const payload = new Set(['p', 'click', 'alert', 'bold', 'code', 'heading', 'item', 'strike',
                           'x', 'busy', 'hdr', 'file', 'f', 'b', 'Session expired - log in again']);
  const md = '[data-testid="stMarkdownContainer"] ';
  return {
    links: [...app.querySelectorAll('a[href]')].filter((a) => remote(a.href))
      .map((a) => a.outerHTML),
    images: [...app.querySelectorAll('img[src], image, source[srcset]')]
      .filter((i) => remote(i.getAttribute('src') || i.getAttribute('href')
                            || i.getAttribute('srcset') || '')).map((i) => i.outerHTML),
    latex: texts('.katex'),
    colours: texts('.stMarkdownColoredText, .stMarkdownColoredBackground'),
    icons_and_emoji: texts(md + '[aria-label="home icon"]')
      .concat(app.innerText.includes('\u{1F604}') ? ['emoji :smile:'] : []),
    formatting: [...app.querySelectorAll(['strong', 'em', 'code', 'del', 'h1', 'h2', 'h3',
                                          'li', 'blockquote', 'b', 'i'].map((t) => md + t)
                                          .join(', '))]
      .filter((e) => payload.has(e.innerText.trim())).map((e) => e.outerHTML),
  };
}"""


def visible_text(page: Page) -> str:
    """The page's text as a reader sees it (the invisible word joiners taken out)."""
    return page.locator("body").inner_text().replace(WORD_JOINER, "")


def wait_for_literal(page: Page, text: str, timeout_ms: int = 30_000) -> None:
    """Wait until ``text`` is on the page as a reader sees it, and the app is idle. If it
    never shows, go on: the assertion that follows says what the page shows instead."""
    try:
        page.wait_for_function(
            "(text) => document.body.innerText.replaceAll('\\u2060', '').includes(text)",
            arg=text,
            timeout=timeout_ms,
        )
    except PlaywrightTimeoutError:
        pass
    wait_for_app(page)


def assert_shown_as_text(page: Page, *values: str) -> None:
    """``values`` are on the page as their own characters, and nothing was made of them."""
    wait_settled(page)
    rendered = page.evaluate(RENDERED_FROM_DATA)
    assert rendered == {kind: [] for kind in rendered}, rendered
    assert page.blocked_requests == [], page.blocked_requests  # type: ignore[attr-defined]
    text = visible_text(page)
    missing = [value for value in values if value not in text]
    assert not missing, f"not shown literally: {missing}"


def upload(page: Page, label: str, name: str, data: bytes) -> None:
    """Send ``data`` as a file called ``name`` through the uploader labelled ``label``."""
    uploader = page.get_by_test_id("stFileUploader").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    )
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (its options are plain text)."""
    page.get_by_test_id("stSelectbox").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    ).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_hostile_values_headers_names_and_links_render_as_plain_text(
    app_page: Page, app_url, artifacts
):
    page = app_page
    page.goto(f"{app_url}/data", wait_until="domcontentloaded")
    wait_for_app(page, heading="Data")
    upload(page, "Orders file", hostile.FILE_NAME, hostile.orders_csv())
    wait_for_app(page, "loaded as orders")
    assert_shown_as_text(page, f"{hostile.FILE_NAME} loaded as orders")

    page.get_by_role("tab", name="Calls").click()
    upload(page, "Calls file", "calls.csv", hostile.calls_csv())
    wait_for_app(page, "loaded as calls")
    assert_shown_as_text(page, f"Outcome: {hostile.OUTCOME}")  # the value-mapping question
    full_page_screenshot(page, artifacts / "hostile_data.png")

    click_nav(page, "Forecast")
    wait_for_app(page, "Trained on", heading="Forecast")
    for dimension, names in (("rep", hostile.REPS), ("region", hostile.REGIONS)):
        choose(page, "For", f"each {dimension}")
        for name in list(names.values())[:3]:
            choose(page, dimension.capitalize(), name)  # plain options: the name as it is
            wait_for_literal(page, f"{name}'s history")
            assert_shown_as_text(page, f"{name}'s history")
    full_page_screenshot(page, artifacts / "hostile_forecast.png")

    click_nav(page, "Data")
    wait_for_app(page, heading="Data")
    upload(page, "Orders file", hostile.FILE_NAME, hostile.orders_without_amount_csv())
    wait_for_app(page, "The data loaded before is still in use.")
    assert_shown_as_text(page, hostile.FILE_NAME, hostile.HEADER)

    # a shared link whose value is a phishing link: the warning quotes it as text
    page.goto(f"{app_url}/whatif?leads={quote(hostile.LINK_VALUE)}", wait_until="domcontentloaded")
    wait_for_app(page, "Shared link:", heading="What-if", timeout_ms=FIT_TIMEOUT_MS)
    assert_shown_as_text(page, f"leads='{hostile.LINK_VALUE}' is not a number")
    full_page_screenshot(page, artifacts / "hostile_whatif.png")
    name = hostile.REPS["Alice Martin"]
    page.get_by_label("Name this scenario").fill(name)
    page.get_by_label("Name this scenario").press("Enter")
    page.get_by_role("button", name="Save", exact=True).click()
    wait_for_literal(page, f"Saved “{name}”.")
    assert_shown_as_text(page, f"Saved “{name}”.")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.page_errors == [], page.page_errors  # type: ignore[attr-defined]
