"""No value from data, a file or a link renders as Markdown: names, headers, file names and a
shared link reach Markdown elements escaped (the browser test checks what they look like)."""

import re
from pathlib import Path

from google.protobuf.descriptor import FieldDescriptor
from streamlit.testing.v1 import AppTest

from models.core.markup import escape_markdown
from tests.fixtures import hostile

ROOT = Path(__file__).resolve().parents[2]
# what Streamlit renders as Markdown: text, alerts, toasts, metrics (label, value, delta),
# tooltips, tab and expander labels, widget labels, segmented-control options
MARKDOWN_FIELDS = {"body", "label", "help", "delta", "content"}
UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")  # "](" starts a link's target


def markdown_texts(at: AppTest) -> list[str]:
    """Every text of the app's current run that Streamlit renders as Markdown."""
    texts: list[str] = []

    def collect(message) -> None:
        radio = message.DESCRIPTOR.name == "Radio"  # radio options are Markdown too
        for field, value in message.ListFields():
            values = value if field.is_repeated else [value]
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                for item in values:
                    collect(item)
            elif field.type == FieldDescriptor.TYPE_STRING and (
                field.name in MARKDOWN_FIELDS or (radio and field.name == "options")
            ):
                texts.extend(values)

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            collect(node.proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return texts


def raw(value: str) -> re.Pattern:
    """``value`` where it is not escaped (not right after a backslash)."""
    return re.compile(r"(?<!\\)" + re.escape(value))


def shown_as_text(at: AppTest, seen: set[str]) -> None:
    """No hostile value is in the run's Markdown unescaped; remember those seen escaped."""
    assert not at.exception, at.exception
    texts = markdown_texts(at)
    for text in texts:
        assert not UNESCAPED_LINK.search(text), text
        for value in hostile.HOSTILE:
            assert not raw(value).search(text), (value, text)
            if escape_markdown(value) in text:
                seen.add(value)


def upload(at: AppTest, kind: str, name: str, data: bytes) -> AppTest:
    uploader = next(u for u in at.file_uploader if u.key.startswith(f"upload_{kind}_"))
    return uploader.set_value((name, data, "text/csv")).run()


def start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at.switch_page("pages/data.py").run()


def test_hostile_names_values_headers_and_file_names_are_escaped_on_every_page():
    at, seen = start(), set()
    upload(at, "orders", hostile.FILE_NAME, hostile.orders_csv())
    assert at.session_state["data_source"] == "own" and not at.error
    shown_as_text(at, seen)
    assert hostile.FILE_NAME in seen  # "… loaded as orders"
    upload(at, "leads", "leads.csv", hostile.leads_csv())
    upload(at, "calls", "calls.csv", hostile.calls_csv())  # asks what the outcome means
    shown_as_text(at, seen)
    assert hostile.OUTCOME in seen

    for page in (
        "pages/dashboard.py",
        "pages/whatif.py",
        "pages/objectives.py",
        "pages/risk.py",
        "pages/leads.py",
        "pages/overview.py",
    ):
        at.switch_page(page).run()
        shown_as_text(at, seen)
    at.switch_page("pages/dashboard.py").run()
    next(s for s in at.selectbox if s.label == "Break down by").select("region").run()
    shown_as_text(at, seen)

    at.switch_page("pages/forecast.py").run()
    for by in ("rep", "region", "segment"):
        at.selectbox(key="forecast_by").select(by).run()
        for group in at.selectbox(key="forecast_group").options:
            at.selectbox(key="forecast_group").select(group).run()
            shown_as_text(at, seen)  # "… of {group}'s history"
    names = [*hostile.REPS.values(), *hostile.REGIONS.values(), *hostile.SEGMENTS.values()]
    assert set(names) <= seen, set(names) - seen


def test_a_refused_file_names_its_hostile_header_and_file_name_escaped():
    at, seen = start(), set()
    upload(at, "orders", hostile.FILE_NAME, hostile.orders_without_amount_csv())
    assert at.error  # no amount column: the data loaded before stays in use
    shown_as_text(at, seen)
    assert {hostile.HEADER, hostile.FILE_NAME} <= seen


def test_a_shared_link_and_a_scenario_name_are_echoed_escaped():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["leads"] = hostile.LINK_VALUE
    at.run()
    at.switch_page("pages/whatif.py").run()
    seen: set[str] = set()
    shown_as_text(at, seen)
    assert hostile.LINK_VALUE in seen, [w.value for w in at.warning]
    at.text_input(key="whatif_name").input(hostile.REPS["Alice Martin"]).run()
    at.button(key="whatif_save").click().run()
    shown_as_text(at, seen)  # the toast says the name; the saved list shows it as plain text
    assert hostile.REPS["Alice Martin"] in seen
