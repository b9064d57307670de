"""Screenshots of every page for the README, taken in a real browser on the demo company.

    .venv/bin/python tests/browser/screenshots.py [--out docs/screenshots] [--lang fr]

Starts ``streamlit run app.py`` on a free loopback port (log:
``artifacts/streamlit-screenshots.log``; objectives in a throw-away SQLite file), drives
Debian's chromium at 1280x900 and writes one full-page PNG per ``st.Page`` of ``app.py`` (with a
128-colour palette, to keep the repository small),
named after the page's file (``dashboard.png``, ``data.png``, ``overview.png``, ...). Each page
is shot in a new browser session on the demo company, except ``data.png``: the Data page after
uploading ``tests/fixtures/french_export_cp1252.csv``, i.e. the data-quality report that the
README's caption describes (on the demo data that page is an almost empty upload form).

Exits non-zero when the demo data is missing, the app shows an exception, or a request tries
to leave loopback (all such requests are aborted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_app import (
    CHROMIUM,
    ROOT,
    TIMEOUT_MS,
    VIEWPORT,
    AppPage,
    app_pages,
    chromium_launch_args,
    full_page_screenshot,
    guard_network,
    live_server,
    metric_value,
    nav_link,
    scratch_db_env,
    table_after_heading,
    upload,
    wait_for_app,
)

DEMO_ORDERS = ROOT / "sample_data" / "orders.csv"
FRENCH_EXPORT = ROOT / "tests" / "fixtures" / "french_export_cp1252.csv"
# pages shown in a state worth a picture, through their shareable address
QUERIES = {"whatif": "leads=20&churn_rate=-20&average_basket=5"}
# what the Data page says once the French export is in, per interface language
REPORT_TEXTS = {
    "en": (
        "Orders file",
        "french_export_cp1252.csv loaded as orders",
        "Rows read",
        "Rows dropped",
        "readable date",
    ),
    "fr": (
        "Fichier de commandes",
        "french_export_cp1252.csv chargé comme commandes",
        "Lignes lues",
        "Lignes écartées",
        "date lisible",
    ),
}


def show_quality_report(page, lang: str) -> None:
    """On the Data page: upload the French export and wait for its full report."""
    from playwright.sync_api import expect

    uploader, loaded, rows_read, dropped, reason = REPORT_TEXTS[lang]
    upload(page, uploader, FRENCH_EXPORT)
    wait_for_app(page, loaded)
    expect(metric_value(page, rows_read)).to_have_text("6")
    grid = table_after_heading(page, dropped)
    expect(grid).to_be_visible()
    expect(grid).to_contain_text(reason)


def shrink(path: Path, colors: int = 128) -> None:
    """Rewrite the PNG with a palette: about a third of the bytes, no visible change for flat
    UI colours (the README's pictures live in git)."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    small.save(path, optimize=True)


def address(url: str, spec: AppPage, lang: str) -> str:
    """The page's address, in ``lang`` (English is the default: no parameter)."""
    query = "&".join(q for q in (QUERIES.get(spec.slug, ""), f"lang={lang}" * (lang != "en")) if q)
    return f"{url}/{spec.url_path}" + (f"?{query}" if query else "")


def shoot(browser, url: str, spec: AppPage, out: Path, lang: str) -> tuple[Path, list[str]]:
    """One page in a new session; returns the PNG and the requests that were blocked."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport=dict(VIEWPORT))
    try:
        blocked = guard_network(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(address(url, spec, lang), wait_until="domcontentloaded")
        # fresh document: the first run is done (raises on an exception); What-if fits first
        wait_for_app(page, timeout_ms=4 * TIMEOUT_MS)
        if lang == "en":  # the navigation's titles are English in app.py's specs
            expect(nav_link(page, spec.title)).to_have_attribute("aria-current", "page")
        if spec.slug == "data":
            show_quality_report(page, lang)
        path = out / f"{spec.slug}.png"
        full_page_screenshot(page, path)  # waits for lazy elements and charts first
        shrink(path)
        return path, blocked
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "screenshots",
        help="folder for the PNGs (default: docs/screenshots)",
    )
    parser.add_argument(
        "--lang",
        choices=sorted(REPORT_TEXTS),
        default="en",
        help="interface language (default: en)",
    )
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
    pages = sorted(app_pages(), key=lambda spec: not spec.default)  # the home page first
    started = time.perf_counter()
    shots, blocked = [], []
    with (
        tempfile.TemporaryDirectory(prefix="objectif-shots-") as scratch,
        live_server(
            ROOT / "artifacts" / "streamlit-screenshots.log", env=scratch_db_env(Path(scratch))
        ) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(**chromium_launch_args())
        try:
            for spec in pages:
                path, leaks = shoot(browser, url, spec, out, args.lang)
                shots.append(path)
                blocked += leaks
                print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        finally:
            browser.close()
    if blocked:
        print(f"requests tried to leave loopback (aborted): {blocked}", file=sys.stderr)
        return 1
    print(f"{len(shots)} screenshots in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
