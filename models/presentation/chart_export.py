"""Charts as files (PNG, SVG) with the same locale as on screen, rendered offline.

vl-convert renders Vega-Lite in an embedded engine: no browser, no network
(``allowed_base_urls=[]`` forbids any fetch). The d3 locales travel in the spec
(``config.locale``, see :mod:`models.presentation.charts`), so a French PNG reads ``1 234`` and
``janv. 2026`` like the page.
"""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

VEGA_LITE = "6.4"  # the schema altair 6.3 writes (v6.4.1)
NO_FETCH: list[str] = []  # allowed_base_urls: none


def chart_svg(chart: alt.TopLevelMixin) -> bytes:
    """The chart as an SVG document (UTF-8 bytes)."""
    return vlc.vegalite_to_svg(
        chart.to_dict(), vl_version=VEGA_LITE, allowed_base_urls=NO_FETCH
    ).encode("utf-8")


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG image, ``scale`` times its on-screen size (sharp on slides)."""
    return vlc.vegalite_to_png(
        chart.to_dict(), vl_version=VEGA_LITE, scale=scale, allowed_base_urls=NO_FETCH
    )
