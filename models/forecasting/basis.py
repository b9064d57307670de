"""What a history allowed the forecaster to learn, as data and as sentences.

A fit (:func:`models.forecasting.engine.fit_forecast`) records how many periods it saw, how
many full seasons, whether a seasonal pattern stood out and was used, and how many
re-forecasts of the past (backtests) stand behind its accuracy and its bands. The Forecast
and What-if pages say it in words: "18 months: one full year seen, seasonality taken from
it".
"""

from __future__ import annotations

from dataclasses import dataclass

THIN_ORIGINS = 2  # fewer backtest origins than this: the accuracy is thin evidence


@dataclass(frozen=True)
class HistoryBasis:
    """What the history allowed (machine-readable).

    Attributes
    ----------
    n_periods
        Periods of history the forecast was fitted on.
    season
        Periods per year (12 monthly; 1 when there is no season to learn).
    n_seasons
        Full years seen (``n_periods // season``; 0 for a non-seasonal frequency).
    seasonal
        Whether the forecast uses a seasonal pattern (one stood out from the noise).
    learnable
        Whether the history could show one at all: more than a year, each period of the
        year seen at least once and some twice.
    n_origins
        Re-forecasts of the past (backtest origins) behind the accuracy figures.
    n_errors
        Forecast points those re-forecasts compared with what happened.
    from_backtest
        Whether the bands are set from those errors (else from the history's own spread).
    """

    n_periods: int
    season: int
    n_seasons: int
    seasonal: bool
    learnable: bool
    n_origins: int
    n_errors: int
    from_backtest: bool

    @property
    def thin_evidence(self) -> bool:
        """A backtest exists but rests on fewer than ``THIN_ORIGINS`` re-forecasts."""
        return 0 < self.n_origins < THIN_ORIGINS

    def phrases(self) -> list[tuple[str, dict[str, object]]]:
        """The sentences that say it, as catalogue keys and their fields
        (``models.core.i18n.t(key, lang, **fields)``); monthly histories only."""
        if self.season != 12:
            return []
        n = self.n_periods
        said: list[tuple[str, dict[str, object]]]
        if not self.learnable:
            said = [("basis.no_season", {"n": n})]
        elif self.seasonal:
            said = [
                (
                    "basis.one_year_seasonal" if self.n_seasons == 1 else "basis.years_seasonal",
                    {"n": n, "years": self.n_seasons},
                )
            ]
        else:
            said = [
                (
                    "basis.one_year_flat" if self.n_seasons == 1 else "basis.years_flat",
                    {"n": n, "years": self.n_seasons},
                )
            ]
        if self.n_origins == 0:
            said.append(("basis.no_backtest", {}))
        elif not self.from_backtest:
            said.append(("basis.bands_from_history", {"points": self.n_errors}))
        return said
