"""Screenshots of every page for the README, taken in a real browser on the demo company.

    .venv/bin/python tests/browser/screenshots.py [--out docs/screenshots]

Starts ``streamlit run app.py`` on a free loopback port (log: ``artifacts/streamlit-screenshots.log``),
drives Debian's chromium at 1280x900 and writes full-page PNGs:

* ``overview.png``: the Overview page on the demo company;
* ``data.png``: the Data page after uploading ``tests/fixtures/french_export_cp1252.csv``, i.e.
  the data-quality report the README's caption describes.

Exits non-zero when the demo data is missing, the app shows an exception, or a request tries
to leave loopback (all such requests are aborted).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_app import (CHROMIUM, ROOT, TIMEOUT_MS, VIEWPORT, chromium_launch_args,  # noqa: E402
                      click_nav, full_page_screenshot, guard_network, live_server, metric_value,
                      table_after_heading, upload, wait_for_app)

DEMO_ORDERS = ROOT / "sample_data" / "orders.csv"
FRENCH_EXPORT = ROOT / "tests" / "fixtures" / "french_export_cp1252.csv"


def shoot_overview(page, out: Path) -> Path:
    from playwright.sync_api import expect

    wait_for_app(page, "This is the demo company")
    summary = page.get_by_test_id("stDataFrame")
    expect(summary).to_contain_text("orders")  # the grid has drawn its rows
    path = out / "overview.png"
    full_page_screenshot(page, path)
    return path


def shoot_data(page, out: Path) -> Path:
    from playwright.sync_api import expect

    click_nav(page, "Data")
    wait_for_app(page, "Upload your own orders below")
    upload(page, "Orders (required) file", FRENCH_EXPORT)
    wait_for_app(page, "french_export_cp1252.csv loaded as orders")
    expect(metric_value(page, "Rows read")).to_have_text("6")
    for heading, text in [("Rows dropped", "readable date"), ("Empty optional fields", "rep")]:
        grid = table_after_heading(page, heading)
        expect(grid).to_be_visible()
        expect(grid).to_contain_text(text)
    path = out / "data.png"
    full_page_screenshot(page, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots",
                        help="folder for the PNGs (default: docs/screenshots)")
    args = parser.parse_args(argv)

    if not CHROMIUM.is_file():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    if not DEMO_ORDERS.is_file():
        print(f"{DEMO_ORDERS} is missing: run `make sample-data` first", file=sys.stderr)
        return 2
    from playwright.sync_api import expect, sync_playwright

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)
    started = time.perf_counter()
    with live_server(ROOT / "artifacts" / "streamlit-screenshots.log") as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_args())
        try:
            context = browser.new_context(viewport=dict(VIEWPORT))
            blocked = guard_network(context)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            # the app's root first: Overview is the default page
            page.goto(url, wait_until="domcontentloaded")
            shots = [shoot_overview(page, out), shoot_data(page, out)]
            context.close()
        finally:
            browser.close()
    if blocked:
        print(f"requests tried to leave loopback (aborted): {blocked}", file=sys.stderr)
        return 1
    for shot in shots:
        print(f"wrote {shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
