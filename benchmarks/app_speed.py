"""How fast the app feels, measured in a real browser (Debian's chromium), loopback only.

    .venv/bin/python benchmarks/app_speed.py [--sessions 20] [--repeat 10] [--cold 5]

1. **Cold start**: the server started as ``make run`` does (``serve.py``: ``streamlit run
   app.py`` that runs the dashboard once, with no browser, as it starts) until
   ``/_stcore/health`` answers, then a first visitor until the dashboard is drawn (the script
   idle, the first card's value and every chart on screen); ``--cold`` fresh servers, alternating
   with plain ``streamlit run app.py`` for comparison, with the visitor arriving the instant
   the server answers (a script's worst case) and 2 s later (a person opening the address).
   The browser is already running: its own start is not the app's. **The floor**, measured
   alongside: ``benchmarks/floor_page.py``, one title, one card and one Altair chart, the
   same way (cold, the instant the server answers; and a new visitor on a warm server).
2. **Slider rerun**: on What-if, an arrow key on a slider until the new scenario total is
   shown — a browser round trip, so an upper bound of the server-side rerun.
3. **Page switch** with data loaded: a click in the menu until the new page is drawn.
4. **Load**: ``--sessions`` browsers open the dashboard at the same moment; time to render
   each, p50 and p95.

Timed twice: by the browser's clock, from the action to the app being idle with the expected
text on screen (the readiness check of ``tests/browser``; for the dashboard, also its first
card's value and its charts drawn), and on the server, the script run each action caused
(``app.py`` logs each run's duration when ``OBJECTIF_TIMING`` is set).
The browser and the server share this machine's cores, so the browser figures include
Chromium's own drawing. Nothing is asserted: the figures are printed for the README and the
issue notes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from live_app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    READY,
    SETTLED,
    is_loopback,
    live_server,
    scratch_db_env,
)

SETTLED_CARDS = "Revenue"  # the dashboard's first card label
# Idle with the expected text (READY), nothing still loading and every chart drawn (SETTLED),
# the first card's value shown: checked in the page on each frame, so that the time measured
# is when it is drawn, not that plus further round trips to ask about it.
DRAWN = (
    "(arg) => !!document.querySelector('[data-testid=\"stException\"]') || ("
    f"({READY})(arg) && ({SETTLED})()"
    " && !!document.querySelector('[data-testid=\"stMetricValue\"]'))"
)
PAUSE_S = 2.0  # a person opens the page a moment after `make run` prints its address
FLOOR_PAGE = "benchmarks/floor_page.py"  # one title, one card, one chart: Streamlit's own cost


class ServerRuns:
    """The script runs ``app.py`` logged for visitors since the last call: ``[(page, ms), ...]``
    (serve.py's run at start, with no browser, is logged apart: :meth:`at_start`)."""

    def __init__(self, log: Path) -> None:
        self.log, self.seen = log, 0

    def _logged(self, kind: str) -> list[tuple[str, float]]:
        lines = [
            line.split()
            for line in self.log.read_text(errors="replace").splitlines()
            if line.startswith(f"objectif-{kind} ")
        ]
        return [(parts[1], float(parts[2])) for parts in lines]

    def new(self) -> list[tuple[str, float]]:
        runs = self._logged("run")
        fresh, self.seen = runs[self.seen :], len(runs)
        return fresh

    def at_start(self) -> list[tuple[str, float]]:
        return self._logged("start-run")


async def ready(
    page, text: str = "", heading: str | None = None, timeout_ms: int = 240_000, drawn: bool = False
) -> float:
    """Wait until the app is idle and shows ``text`` / ``heading`` (with ``drawn``: also every
    chart and the first card's value drawn); return :func:`time.perf_counter` at that moment."""
    arg = {
        "texts": [text] if text else [],
        "heading": heading,
        "anyHeading": not text and heading is None,
    }
    await page.wait_for_function(
        DRAWN if drawn else READY, arg=arg, polling="raf", timeout=timeout_ms
    )
    shown = time.perf_counter()
    if await page.get_by_test_id("stException").count():
        raise RuntimeError(f"the app raised an exception on {page.url}")
    return shown


async def new_page(browser):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.route(
        "**/*", lambda route: route.continue_() if is_loopback(route.request.url) else route.abort()
    )
    return context, await context.new_page()


async def dashboard_render(browser, url: str) -> float:
    context, page = await new_page(browser)
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded")
        return await ready(page, SETTLED_CARDS, heading="Dashboard", drawn=True) - start
    finally:
        await context.close()


async def interactions(browser, url: str, repeat: int, runs: ServerRuns) -> dict[str, list[float]]:
    """Slider reruns on What-if and page switches, in one session with the demo loaded; the
    ``server_*`` lists hold the script runs each action caused (seconds, summed)."""
    context, page = await new_page(browser)
    times: dict[str, list[float]] = {
        "slider": [],
        "switch": [],
        "server_slider": [],
        "server_switch": [],
    }
    try:
        await page.goto(f"{url}/whatif", wait_until="domcontentloaded")
        await ready(page, "Scenario, 12 months", heading="What-if")
        slider = (
            page.get_by_test_id("stSlider").filter(has_text="Average basket").get_by_role("slider")
        )
        total = page.get_by_test_id("stMetricValue").first
        for _ in range(repeat):
            before = await total.inner_text()
            await slider.focus()
            runs.new()
            start = time.perf_counter()
            await slider.press("ArrowRight")
            await page.wait_for_function(
                "([el, before]) => el.innerText !== before",
                arg=[await total.element_handle(), before],
                polling="raf",
            )
            await ready(page, "Scenario, 12 months")
            times["slider"].append(time.perf_counter() - start)
            times["server_slider"].append(sum(ms for _, ms in runs.new()) / 1000)
        for _ in range(repeat):
            for title, heading in (
                ("Dashboard", "Dashboard"),
                ("Forecast", "Forecast"),
                ("Objectives", "Objectives"),
            ):
                link = page.get_by_test_id("stSidebarNavLink").filter(
                    has=page.get_by_text(title, exact=True)
                )
                runs.new()
                start = time.perf_counter()
                await link.click()
                await ready(page, heading=heading)
                times["switch"].append(time.perf_counter() - start)
                times["server_switch"].append(sum(ms for _, ms in runs.new()) / 1000)
    finally:
        await context.close()
    return times


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms (n={len(ms)})"


@contextlib.contextmanager
def timed_server(launcher: bool = True, timings: dict | None = None, **page):
    """A fresh server with a scratch database that logs its script runs: ``(url, runs)``;
    ``page``: ``entrypoint=`` another page than app.py (with ``launcher=False``)."""
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "server.log"
        env = {**scratch_db_env(Path(scratch)), "OBJECTIF_TIMING": "1"}
        with live_server(log, timings, env=env, launcher=launcher, **page) as url:
            yield url, ServerRuns(log)


async def cold_start(browser, launcher: bool, pause: float, **page) -> tuple[float, ...]:
    """A fresh server and its first visitor, who arrives ``pause`` seconds after the server
    answers: (start to health, first dashboard in the browser, the server's script runs for
    it, start to first dashboard, serve.py's own run at start), in seconds."""
    timings: dict = {}
    started = time.perf_counter()
    with timed_server(launcher, timings, **page) as (url, runs):
        await asyncio.sleep(pause)
        first = await dashboard_render(browser, url)
        total = time.perf_counter() - started
        return (
            timings["server_start_to_health_s"],
            first,
            sum(ms for _, ms in runs.new()) / 1000,
            total,
            sum(ms for _, ms in runs.at_start()) / 1000,
        )


async def run(sessions: int, repeat: int, cold: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
        )
        floor: list[float] = []
        for pause in (0.0, PAUSE_S):
            starts: dict[bool, list[tuple[float, ...]]] = {True: [], False: []}
            for _ in range(cold):  # alternate, so that all see the same machine
                for launcher in (True, False):
                    starts[launcher].append(await cold_start(browser, launcher, pause))
                if not pause:
                    floor.append(
                        (await cold_start(browser, False, pause, entrypoint=FLOOR_PAGE))[1]
                    )
            when = (
                "the instant the server answers"
                if not pause
                else f"{pause:.0f} s after the server answers"
            )
            for launcher, name in (
                (True, "`make run` (serve.py)"),
                (False, "plain `streamlit run app.py`"),
            ):
                health, first, server, total, at_start = zip(*starts[launcher], strict=True)
                print(
                    f"- cold start, {name}, first visitor {when}: dashboard drawn "
                    f"{summary(first)} in the browser; server start to health "
                    f"{summary(health)}; the visitor's script runs on the server "
                    f"{summary(server)}"
                    + (f"; serve.py's run at start {summary(at_start)}" if launcher else "")
                    + f"; server start to first dashboard{' (pause included)' if pause else ''} "
                    f"{summary(total)}"
                )
        with timed_server(False, entrypoint=FLOOR_PAGE) as (url, _):
            await dashboard_render(browser, url)
            floor_warm = [await dashboard_render(browser, url) for _ in range(3)]
        print(
            f"- the floor, a page with one title, one card and one Altair chart "
            f"(`{FLOOR_PAGE}`, plain `streamlit run`): drawn {summary(floor)} after a cold "
            f"start, the instant the server answers; {summary(floor_warm)} for a new visitor "
            f"on a warm server"
        )
        with timed_server() as (url, runs):
            await dashboard_render(browser, url)  # the first visit, measured above
            runs.new()
            warm = [await dashboard_render(browser, url) for _ in range(3)]
            warm_server = [ms / 1000 for _, ms in runs.new()]
            print(
                f"- a new visitor's dashboard (warm server): browser {summary(warm)}; "
                f"server {summary(warm_server)}"
            )
            measured = await interactions(browser, url, repeat, runs)
            print(
                f"- What-if slider rerun: server {summary(measured['server_slider'])}; "
                f"browser, key press to new total: {summary(measured['slider'])}"
            )
            print(
                f"- page switch with data loaded: server "
                f"{summary(measured['server_switch'])}; browser, click to page drawn: "
                f"{summary(measured['switch'])}"
            )
            start = time.perf_counter()
            loads = await asyncio.gather(*(dashboard_render(browser, url) for _ in range(sessions)))
            load_server = [ms / 1000 for _, ms in runs.new()]
            print(
                f"- {sessions} simultaneous sessions, dashboard render: server "
                f"{summary(load_server)} ({len(load_server)} runs); browser "
                f"{summary(loads)}; all done in {time.perf_counter() - start:.1f} s, "
                f"0 errors"
            )
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold", type=int, default=5, help="fresh servers per launcher")
    args = parser.parse_args()
    print(
        f"# App speed in a real browser\n\n{os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f}; `python benchmarks/app_speed.py --sessions {args.sessions} "
        f"--repeat {args.repeat} --cold {args.cold}`\n"
    )
    asyncio.run(run(args.sessions, args.repeat, args.cold))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
