"""Charts saved as PNG and SVG, offline, in the user's locale."""

import pandas as pd
import pytest

from models.presentation.chart_export import chart_png, chart_svg
from models.presentation.charts import plot_kpi_trend

MONTHS = pd.date_range("2026-01-01", periods=6, freq="MS")
FRAME = pd.DataFrame(
    {"revenue": [1234567.0, 1300000, 1250000, 1400000, 1380000, 1500000]},
    index=pd.Index(MONTHS, name="period"),
)


def test_png_is_an_image():
    data = chart_png(plot_kpi_trend(FRAME, "revenue"))
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000


@pytest.mark.parametrize(
    "lang, month, number, title",
    [
        ("fr", "janv.", "1\u202f300\u202f000", "Chiffre d'affaires"),
        ("en", "Jan", "1,300,000", "Revenue"),
    ],
)
def test_svg_speaks_the_language_of_the_page(lang, month, number, title):
    svg = chart_svg(plot_kpi_trend(FRAME, "revenue", lang=lang)).decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    assert month in svg, "month names in the language"
    assert number in svg, "thousands separators of the locale"
    assert title in svg or title.replace("'", "&#39;") in svg


def test_funnel_labels_use_the_locale_formats():
    from models.presentation.charts import plot_funnel

    funnel = pd.DataFrame(
        {"stage": ["Leads", "Converted"], "count": [2560, 214], "rate": [float("nan"), 214 / 2560]}
    )

    def labels(lang: str) -> list[str]:
        (rows,) = plot_funnel(funnel, lang).to_dict()["datasets"].values()
        return [row["label"] for row in rows]

    assert labels("en") == ["2,560", "214 (8%)"]
    assert labels("fr") == ["2\u202f560", "214 (8\u00a0%)"]
