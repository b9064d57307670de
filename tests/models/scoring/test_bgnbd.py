"""BG/NBD (Fader, Hardie & Lee 2005): the likelihood recovers known parameters on simulated data."""

import numpy as np
import pandas as pd
import pytest

from models import DataError
from models.scoring.bgnbd import (
    BgNbdParams,
    expected_purchases,
    fit_bgnbd,
    p_alive,
    p_no_purchase,
    rfm_summary,
    simulate_bgnbd,
)

CDNOW = BgNbdParams(r=0.243, alpha=4.414, a=0.793, b=2.426)  # the paper's estimates


def test_recovers_the_cdnow_parameters_from_simulated_customers():
    rng = np.random.default_rng(7)
    T = 39 - rng.uniform(0, 12, 8000)  # CDNOW: first purchases over 12 weeks, 39-week window
    fitted = fit_bgnbd(simulate_bgnbd(CDNOW, T, seed=11))
    for name, tolerance in (("r", 0.1), ("alpha", 0.15), ("a", 0.25), ("b", 0.3)):
        assert getattr(fitted, name) == pytest.approx(getattr(CDNOW, name), rel=tolerance), name


def test_expected_purchases_of_a_new_customer_match_simulation():
    t = 52.0
    simulated = simulate_bgnbd(CDNOW, np.full(40_000, t), seed=3)["x"].mean()
    zero = np.zeros(1)
    assert expected_purchases(CDNOW, t, zero, zero, zero)[0] == pytest.approx(simulated, rel=0.05)
    # a new customer makes no purchase with probability E[exp(-lambda t)]
    silent = (simulate_bgnbd(CDNOW, np.full(40_000, t), seed=4)["x"] == 0).mean()
    assert p_no_purchase(CDNOW, t, zero, zero, zero)[0] == pytest.approx(silent, abs=0.01)


def test_probabilities_behave():
    x = np.array([0, 1, 5, 5])
    t_x = np.array([0, 10, 30, 5])
    T = np.array([39, 39, 39, 39])
    alive = p_alive(CDNOW, x, t_x, T)
    assert alive[0] == 1 and alive[2] > alive[3]  # recent buyers are more likely alive
    p0 = p_no_purchase(CDNOW, 13, x, t_x, T)
    assert ((p0 >= 0) & (p0 <= 1)).all() and p0[2] < p0[3]


def test_rfm_summary_by_hand():
    days = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "A"],
            "day": pd.to_datetime(
                ["2026-01-01", "2026-01-15", "2026-01-29", "2026-01-08", "2026-03-01"]
            ),
        }
    )
    summary = rfm_summary(days, pd.Timestamp("2026-02-12"))
    assert summary.loc["A"].tolist() == [2, 4, 6]
    assert summary.loc["B"].tolist() == [0, 0, 5]


def test_no_repeat_purchase_is_a_data_error():
    with pytest.raises(DataError, match="repeat"):
        fit_bgnbd(pd.DataFrame({"x": [0, 0], "t_x": [0, 0], "T": [3, 4]}))


def test_likelihood_matches_the_papers_formula():
    from scipy.special import betaln, gammaln

    from models.scoring.bgnbd import log_likelihood

    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    x, t_x, T = np.array([0.0, 3.0]), np.array([0.0, 20.0]), np.array([30.0, 38.0])
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    alive = np.exp(betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(alpha + T))
    dead = np.array([0.0, np.exp(betaln(a + 1, b + 2) - betaln(a, b) - 3.243 * np.log(24.414))])
    expected = a1 + np.log(alive + dead)
    assert log_likelihood(CDNOW, x, t_x, T) == pytest.approx(expected, rel=1e-10)


def test_a_polish_from_nearby_parameters_finds_the_same_fit():
    rng = np.random.default_rng(5)
    summary = simulate_bgnbd(CDNOW, 39 - rng.uniform(0, 12, 3000), seed=6)
    full = fit_bgnbd(summary)
    near = BgNbdParams(**{k: v * 1.3 for k, v in full.__dict__.items()})
    polished = fit_bgnbd(summary, tuple(near.__dict__.values()), search=False)
    for name in ("r", "alpha", "a", "b"):
        assert getattr(polished, name) == pytest.approx(getattr(full, name), rel=0.02), name
