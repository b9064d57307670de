"""Helpers shared by the browser tests (conftest.py) and the README screenshot script.

No pytest in here: ``tests/browser/screenshots.py`` imports this module as a plain script.

* :func:`live_server` runs ``streamlit run app.py`` on a free loopback port and yields its URL
  once ``/_stcore/health`` answers, then stops it.
* :data:`CHROMIUM` / :func:`chromium_launch_args` point Playwright at Debian's chromium
  (``playwright install`` is never used: its download is not reachable here).
* :func:`wait_for_app` is the one condition to wait on after any action: script idle,
  websocket connected **and** the expected text on the page (health, or "idle" alone, is not
  enough: the script state is also idle just *before* a rerun starts).
* :func:`guard_network` aborts and records every request that would leave loopback.
"""

from __future__ import annotations

import ast
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = "app.py"
NAVIGATION = ROOT / "pages" / "_shared" / "navigation.py"  # the app's menu: its st.Page(...)
LAUNCHER = "serve.py"  # what `make run` starts: `streamlit run app.py` with a warm-up
CHROMIUM = Path(os.environ.get("OBJECTIF_CHROMIUM", "/usr/bin/chromium"))  # Debian's package
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 60_000  # the first script run imports pandas & co; generous for loaded CI boxes
SERVER_START_TIMEOUT_S = 60

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


# --- the browser ----------------------------------------------------------------------------
def chromium_launch_args(base: dict | None = None) -> dict:
    """Playwright ``launch()`` kwargs for the system chromium."""
    return {
        **(base or {}),
        "executable_path": str(CHROMIUM),
        "args": list(CHROMIUM_ARGS),
        "headless": True,
        "timeout": TIMEOUT_MS,
    }


def is_loopback(url: str) -> bool:
    """True for requests that stay on this machine (loopback hosts, ``data:``, ``blob:``…)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def guard_network(context) -> list[str]:
    """Abort every non-loopback HTTP(S) request and WebSocket of ``context``; return the
    (live) list of the URLs that were attempted."""
    blocked: list[str] = []

    def leaves_loopback(url: str) -> bool:
        return not is_loopback(url)

    def abort(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    def refuse(ws_route) -> None:  # never connected to the real server
        blocked.append(ws_route.url)
        ws_route.close()

    context.route(leaves_loopback, abort)
    context.route_web_socket(leaves_loopback, refuse)
    return blocked


# --- the server -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


def server_command(port: int, launcher: bool = True, entrypoint: str = ENTRYPOINT) -> list[str]:
    """The command `make run` uses (``serve.py``), or plain ``streamlit run app.py`` (or
    another ``entrypoint``, e.g. a benchmark's reference page)."""
    if launcher and entrypoint != ENTRYPOINT:
        raise ValueError("serve.py starts app.py only: pass launcher=False for another page")
    start = (
        [sys.executable, LAUNCHER]
        if launcher
        else [sys.executable, "-m", "streamlit", "run", entrypoint]
    )
    return [
        *start,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]


def scratch_db_env(folder: Path) -> dict[str, str]:
    """Point the app's objectives store at a throw-away SQLite file in ``folder``, never at the
    developer's ``.objectif/`` database or a team database from ``$OBJECTIF_DB_URL``."""
    folder.mkdir(parents=True, exist_ok=True)
    return {"OBJECTIF_DB_URL": f"sqlite:///{folder / 'objectif.sqlite'}"}


@contextlib.contextmanager
def live_server(
    log_path: Path,
    timings: dict | None = None,
    env: dict[str, str] | None = None,
    launcher: bool = True,
    entrypoint: str = ENTRYPOINT,
) -> Iterator[str]:
    """Run the app on a free loopback port; yield its base URL; stop it afterwards.

    The server's stdout and stderr go to ``log_path``; ``env`` is added to its environment.
    ``launcher=False`` starts plain ``streamlit run app.py`` (or ``entrypoint``) instead of
    ``serve.py``.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            server_command(port, launcher, entrypoint),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        try:
            deadline = started + SERVER_START_TIMEOUT_S
            while not healthy(url):
                if proc.poll() is not None:
                    raise RuntimeError(
                        f"streamlit exited with code {proc.returncode}; its log "
                        f"({log_path}):\n{log_path.read_text(errors='replace')}"
                    )
                if time.perf_counter() > deadline:
                    raise TimeoutError(
                        f"no /_stcore/health after {SERVER_START_TIMEOUT_S} s; log "
                        f"({log_path}):\n{log_path.read_text(errors='replace')}"
                    )
                time.sleep(0.05)  # poll interval, not a fixed wait
            if timings is not None:
                timings["server_start_to_health_s"] = round(time.perf_counter() - started, 3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --- the app's pages (read from its menu, so the tests follow new pages) -----------------------
@dataclass(frozen=True)
class AppPage:
    path: str  # "pages/data.py", relative to the entry point
    title: str  # the menu label
    url_path: str  # "" for the default page, else the URL segment ("data")
    default: bool

    @property
    def slug(self) -> str:
        return Path(self.path).stem


def _is_text_lookup(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("t", "tr")
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
    )


def app_pages(navigation: Path = NAVIGATION, lang: str = "en") -> list[AppPage]:
    """The ``st.Page(...)`` declarations of the app's menu (``pages/_shared/navigation.py``),
    in source (menu) order, with paths relative to the entry point; titles looked up in the
    i18n catalogue are given in ``lang``."""
    if str(ROOT) not in sys.path:  # run as a script (screenshots.py), not under pytest
        sys.path.insert(0, str(ROOT))
    from models.core.i18n import t

    pages = []
    calls = sorted(
        (
            node
            for node in ast.walk(ast.parse(navigation.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
        ),
        key=lambda node: (node.lineno, node.col_offset),
    )
    for node in calls:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "Page" and node.args):
            continue
        path = _page_path(node.args[0])
        kwargs = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        kwargs.update(
            {
                k.arg: t(k.value.args[0].value, lang)
                for k in node.keywords
                if _is_text_lookup(k.value)
            }
        )  # title=tr("page.data")
        default = bool(kwargs.get("default", False))
        title = kwargs.get("title") or Path(path).stem.replace("_", " ").title()
        url_path = "" if default else (kwargs.get("url_path") or Path(path).stem)
        pages.append(AppPage(path, title, url_path, default))
    if not pages:
        raise RuntimeError(f"no st.Page(...) found in {navigation}")
    return pages


def _page_path(node: ast.AST) -> str:
    """``"pages/data.py"`` of ``st.Page("pages/data.py")`` or of ``st.Page(ROOT / "pages" /
    "data.py")`` (the folder of the entry point, then literal parts)."""
    if isinstance(node, ast.Constant):
        return node.value
    parts = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        if not isinstance(node.right, ast.Constant):
            break
        parts.insert(0, node.right.value)
        node = node.left
    if not (parts and isinstance(node, ast.Name)):
        raise RuntimeError(f"st.Page path not understood: {ast.unparse(node)}")
    return "/".join(parts)


# --- waiting and acting on the page ---------------------------------------------------------
READY = """({texts, heading, anyHeading}) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning'
      || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stException"]')) return true;  // fail fast
  const h1s = [...document.querySelectorAll('[data-testid="stMain"] h1')]
    .map((h) => h.innerText.trim());
  if (heading !== null && !h1s.includes(heading)) return false;
  if (anyHeading && h1s.length === 0) return false;
  const body = document.body.innerText;
  return texts.length === 0 || texts.some((text) => body.includes(text));
}"""

SETTLED = """() => {
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;  // lazy elements
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    if (!chart.querySelector('canvas, svg')) return false;
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]'))  // canvas grids:
    if (grid.checkVisibility() && !grid.querySelector('table[role="grid"] th')) return false;
  return true;
}"""


class AppException(AssertionError):
    """The app showed an uncaught exception (``st.exception`` box) instead of the page."""


def wait_for_app(
    page,
    text: str | Sequence[str] = (),
    *,
    heading: str | None = None,
    timeout_ms: int = TIMEOUT_MS,
) -> float:
    """Block until the script is idle, the websocket connected and the page shows what we
    expect: ``text`` (with several texts: any one of them) and/or the ``st.title`` ``heading``.
    With neither, any ``st.title``: only safe right after ``goto`` (a fresh document).

    Waiting on idle alone is wrong: the script state is also idle just *before* a rerun.
    Raises :class:`AppException` as soon as the app shows an uncaught exception instead.
    Returns the seconds waited. Some elements (metrics, dataframes, buttons, charts) are lazily
    loaded and show a skeleton for a moment after this returns: assert on them with
    ``expect(...)``, which retries, or call :func:`wait_settled`.
    """
    started = time.perf_counter()
    texts = [text] if isinstance(text, str) else list(text)
    arg = {"texts": texts, "heading": heading, "anyHeading": not texts and heading is None}
    page.wait_for_function(READY, arg=arg, polling="raf", timeout=timeout_ms)
    waited = time.perf_counter() - started
    exceptions = page.get_by_test_id("stException")
    if exceptions.count():
        raise AppException(
            f"the app raised instead of showing {texts or heading}:\n"
            + "\n---\n".join(exceptions.all_inner_texts())
        )
    return waited


def wait_settled(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until lazy elements are loaded, charts drawn and visible grids filled (a grid's
    accessibility table gets its headers once the data is drawn)."""
    page.wait_for_function(SETTLED, polling="raf", timeout=timeout_ms)


def nav_link(page, title: str):
    """The ``st.navigation`` sidebar link labelled exactly ``title`` (icons are text too)."""
    return page.get_by_test_id("stSidebarNavLink").filter(has=page.get_by_text(title, exact=True))


def click_nav(page, title: str) -> None:
    """Click a page in the ``st.navigation`` sidebar menu."""
    nav_link(page, title).click()


def upload(page, label: str, path: Path | str) -> None:
    """Send a file through the real ``<input type=file>`` of the uploader labelled ``label``."""
    uploader = page.get_by_test_id("stFileUploader").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    )
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))


def metric_value(page, label: str):
    """The value locator of the ``st.metric`` whose label is exactly ``label``."""
    return (
        page.get_by_test_id("stMetric")
        .filter(
            has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True),
        )
        .get_by_test_id("stMetricValue")
    )


def table_after_heading(page, heading: str):
    """The ``st.dataframe`` right after the markdown line ``heading`` (e.g. ``**Rows dropped**``).

    ``st.dataframe`` draws on a canvas; its text is in the grid's accessibility ``<table>``, so
    assert with ``to_contain_text`` (which reads ``textContent``).
    """
    return page.locator(
        f'[data-testid="stElementContainer"]:has([data-testid="stMarkdownContainer"] '
        f':text-is("{heading}")) + [data-testid="stElementContainer"] '
        f'[data-testid="stDataFrame"]'
    )


def full_page_screenshot(page, path: Path | str) -> None:
    """A screenshot of the whole page, once lazy elements, charts and grids are drawn.

    Streamlit scrolls inside ``[data-testid=stMain]``, not the document, so Playwright's
    ``full_page=True`` alone stops at the viewport: grow the viewport to the content first.
    """
    wait_settled(page)  # before measuring: skeletons are shorter than what replaces them
    original = page.viewport_size or VIEWPORT
    height = page.evaluate("""() => {
      const main = document.querySelector('[data-testid="stMain"]');
      const doc = document.documentElement.scrollHeight;
      return Math.ceil(Math.max(main ? main.scrollHeight : 0, doc));
    }""")
    grown = max(original["height"], min(int(height), 10_000))
    if grown != original["height"]:
        page.set_viewport_size({"width": original["width"], "height": grown})
    try:
        wait_settled(page)  # grids and charts redraw after a resize
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if grown != original["height"]:
            page.set_viewport_size(original)
