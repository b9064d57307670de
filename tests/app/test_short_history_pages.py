"""Forecast and What-if pages on 18 and 24 months of one's own orders, in English and French:
they say what the short history allowed (#17)."""

from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
DEMO_ORDERS = (ROOT / "sample_data" / "orders.csv").read_text(encoding="utf-8")

SAID = {  # what the pages say of the revenue's history, by months and language
    (18, "en"): "18 months: one full year seen, seasonality taken from it.",
    (18, "fr"): "18 mois : une année complète vue, saisonnalité tirée de celle-ci.",
    (24, "en"): "24 months: 2 full years seen, seasonality taken from them.",
    (24, "fr"): "24 mois : 2 années complètes vues, saisonnalité tirée de celles-ci.",
}
THIN = {"en": "Thin evidence", "fr": "Indice mince"}


def last_months(months: int) -> bytes:
    """The demo company's orders of its last ``months`` (complete) months, as an upload."""
    orders = pd.read_csv(StringIO(DEMO_ORDERS), dtype=str)
    dates = pd.to_datetime(orders["date"])
    first = (dates.max().to_period("M") - months + 1).to_timestamp()
    return orders[dates >= first].to_csv(index=False).encode()


def open_page_on(page: str, data: bytes, lang: str) -> AppTest:
    """``page`` in ``lang`` after an upload of ``data`` as orders (uploaded in English: AppTest
    cannot leave a French dashboard, whose selectboxes it replays with English labels)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("orders.csv", data, "text/csv")).run()
    at.query_params["lang"] = lang
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("months", [18, 24])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_forecast_page_says_what_a_short_history_allowed(months, lang):
    at = open_page_on("pages/forecast.py", last_months(months), lang)
    captions = [c.value for c in at.caption]
    assert any(SAID[months, lang] in c for c in captions), captions
    accuracy = [i.value for i in at.info]
    assert len(at.metric) == 3 and at.metric[1].value != "—"  # a backtest from 12 months
    assert any(THIN[lang] in i for i in accuracy) == (months == 18), accuracy


@pytest.mark.parametrize("months", [18, 24])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whatif_page_says_what_a_short_history_allowed(months, lang):
    at = open_page_on("pages/whatif.py", last_months(months), lang)
    captions = [c.value for c in at.caption]
    assert any(SAID[months, lang] in c for c in captions), captions
