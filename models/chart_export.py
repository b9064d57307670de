"""Charts as files (PNG, SVG) with the same locale as on screen, rendered offline.

vl-convert renders Vega-Lite in an embedded engine: no browser, no network
(``allowed_base_urls=[]`` forbids any fetch). The d3 locales are those of
:mod:`models.charts`, so a French PNG reads ``1 234 €`` and ``janv. 2026`` like the page.
"""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

from models.charts import D3_NUMBER_LOCALES, D3_TIME_LOCALES

VEGA_LITE = "6.4"  # the schema altair 6.3 writes (v6.4.1)


def _options(lang: str) -> dict:
    options: dict = {"vl_version": VEGA_LITE, "allowed_base_urls": [],
                     "format_locale": D3_NUMBER_LOCALES.get(lang, D3_NUMBER_LOCALES["en"])}
    if lang in D3_TIME_LOCALES:
        options["time_format_locale"] = D3_TIME_LOCALES[lang]
    return options


def _spec(chart: alt.TopLevelMixin) -> dict:
    spec = chart.to_dict()
    spec.pop("usermeta", None)  # embed options are for the browser; locales go in _options
    return spec


def chart_svg(chart: alt.TopLevelMixin, lang: str = "en") -> bytes:
    """The chart as an SVG document (UTF-8 bytes)."""
    return vlc.vegalite_to_svg(_spec(chart), **_options(lang)).encode("utf-8")


def chart_png(chart: alt.TopLevelMixin, lang: str = "en", scale: float = 2.0) -> bytes:
    """The chart as a PNG image, ``scale`` times its on-screen size (sharp on slides)."""
    return vlc.vegalite_to_png(_spec(chart), scale=scale, **_options(lang))
