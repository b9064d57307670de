"""serve.py, the launcher `make run` uses: the app's first page runs once as the server starts.

The launcher itself starts every live server of the browser tests (tests/browser/live_app.py);
tests/browser/test_first_request.py checks on a real server that the run happens before any
browser connects, and that a browser arriving the instant the server answers gets its page.
"""

import asyncio
import threading
from types import SimpleNamespace
from typing import ClassVar

import pytest
from streamlit.runtime import RuntimeState
from streamlit.runtime.state import SCRIPT_RUN_WITHOUT_ERRORS_KEY

import serve


class FakeSession:
    """An AppSession whose run ends with ``outcome`` (True: no error) or never (None)."""

    outcome: bool | None = True
    made: ClassVar[list["FakeSession"]] = []

    def __init__(self, **kwargs):
        self.session_state, self.shut_down = {}, False
        FakeSession.made.append(self)

    def request_rerun(self, client_state):
        if self.outcome is not None:
            self.session_state[SCRIPT_RUN_WITHOUT_ERRORS_KEY] = self.outcome

    def shutdown(self):
        self.shut_down = True


@pytest.fixture
def fake_session(monkeypatch):
    import streamlit.runtime.app_session as app_session

    FakeSession.made = []
    monkeypatch.setattr(app_session, "AppSession", FakeSession)
    return FakeSession


def run(coroutine):
    """Run ``coroutine`` on an event loop of its own thread (as the runtime's loop is): after
    the browser tests, Playwright's sync API leaves a loop running in this one."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=asyncio.run(coroutine)))
    thread.start()
    thread.join(timeout=30)
    return result["value"]


def started_runtime(state=RuntimeState.NO_SESSIONS_CONNECTED):
    return SimpleNamespace(
        _main_script_path="app.py",
        _is_hello=False,
        uploaded_file_mgr=None,
        _script_cache=None,
        state=state,
    )


@pytest.mark.parametrize("outcome, status", [(True, "ok"), (False, "error")])
def test_the_first_run_says_whether_the_page_ran_without_error(
    fake_session, monkeypatch, outcome, status
):
    monkeypatch.setattr(fake_session, "outcome", outcome)
    assert run(serve.first_run(started_runtime())) == status
    assert fake_session.made[0].shut_down


def test_the_first_run_stops_when_a_visitor_connects(fake_session, monkeypatch):
    monkeypatch.setattr(fake_session, "outcome", None)  # still running when the visitor comes
    runtime = started_runtime()

    async def visitor_connects_then_run():
        async def connect():
            await asyncio.sleep(0.1)
            runtime.state = RuntimeState.ONE_OR_MORE_SESSIONS_CONNECTED

        task = asyncio.create_task(connect())
        status = await serve.first_run(runtime, poll_s=0.01)
        await task
        return status

    assert run(visitor_connects_then_run()) == "visitor"
    assert fake_session.made[0].shut_down  # shutting the session down stops its run


class LoopRuntime:
    """A started runtime with a running event loop, as run_app_once finds it."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def _get_async_objs(self):
        return SimpleNamespace(eventloop=self.loop)


@pytest.fixture
def answering(monkeypatch):
    from streamlit.runtime import Runtime

    runtime = LoopRuntime()
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: runtime))

    def answer(status):
        async def first_run(_runtime):
            if isinstance(status, Exception):
                raise status
            return status

        monkeypatch.setattr(serve, "first_run", first_run)

    yield answer
    runtime.loop.call_soon_threadsafe(runtime.loop.stop)


@pytest.mark.parametrize("status", ["ok", "visitor"])
def test_a_completed_or_handed_over_first_run_is_silent(answering, capsys, status):
    answering(status)
    assert serve.run_app_once() == status
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "status, why",
    [("error", "(error)"), ("timeout", "(timeout)"), (RuntimeError("loop closed"), "loop closed")],
)
def test_a_failed_first_run_is_reported_and_the_server_goes_on(answering, capsys, status, why):
    answering(status)
    serve.run_app_once()
    err = capsys.readouterr().err
    assert "first run at start did not complete" in err and why in err
