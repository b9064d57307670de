"""Chart specifications (Altair), their images, and file exports.

The pages import from here; the modules below are this package's own business.
"""

from models.presentation.chart_export import chart_png, chart_svg
from models.presentation.charts import (
    plot_breakdown,
    plot_forecast,
    plot_funnel,
    plot_kpi_trend,
    plot_scenario,
)
from models.presentation.exports import to_csv_bytes, to_excel_bytes

__all__ = [
    "chart_png",
    "chart_svg",
    "plot_breakdown",
    "plot_forecast",
    "plot_funnel",
    "plot_kpi_trend",
    "plot_scenario",
    "to_csv_bytes",
    "to_excel_bytes",
]
