"""The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)).

While alive, a customer buys at Poisson rate lambda ~ Gamma(r, alpha); after each purchase
they drop out with probability p ~ Beta(a, b). A customer's history is summarised by
``x`` (repeat purchases), ``t_x`` (time of the last purchase) and ``T`` (time observed), all
counted from their first purchase. Used here as the benchmark's baseline for churn risk
and, on request, as inputs of the churn model (:func:`bgnbd_features`); times are in
weeks, as in the paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

from models.core.errors import DataError

# Inputs that bgnbd_features gives a classifier.
FEATURES = ("bg_alive", "bg_silent", "bg_expected")


@dataclass(frozen=True)
class BgNbdParams:
    r: float
    alpha: float
    a: float
    b: float


def rfm_summary(
    purchase_days: pd.DataFrame, end: pd.Timestamp, unit_days: float = 7.0
) -> pd.DataFrame:
    """``x``, ``t_x`` and ``T`` per customer from one row per customer and purchase day.

    ``purchase_days`` has ``customer_id`` and ``day`` columns; days on or after ``end`` are
    ignored. Times are in ``unit_days`` (weeks by default).
    """
    known = purchase_days[purchase_days["day"] < end]
    grouped = known.groupby("customer_id")["day"]
    first, last = grouped.min(), grouped.max()
    return pd.DataFrame(
        {
            "x": grouped.nunique() - 1,
            "t_x": (last - first).dt.days / unit_days,
            "T": (end - first).dt.days / unit_days,
        }
    )


def log_likelihood(
    params: BgNbdParams | np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """Each customer's log-likelihood (the paper's equation 6)."""
    r, alpha, a, b = params.__dict__.values() if isinstance(params, BgNbdParams) else params
    ln_a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    # alive at T: B(a, b+x)/B(a, b) / (alpha+T)^(r+x); dropped out after the last purchase
    # (x > 0 only): B(a+1, b+x-1)/B(a, b) / (alpha+t_x)^(r+x). The beta functions of
    # vectors are written with gammaln, which is ten times faster than betaln.
    ln_b = betaln(a, b)
    ln_alive = gammaln(b + x) - gammaln(a + b + x) + gammaln(a) - ln_b - (r + x) * np.log(alpha + T)
    b_dead = np.maximum(b + x - 1, 1e-12)
    ln_dead = np.where(
        x > 0,
        gammaln(b_dead)
        - gammaln(a + 1 + b_dead)
        + gammaln(a + 1)
        - ln_b
        - (r + x) * np.log(alpha + t_x),
        -np.inf,
    )
    return ln_a1 + np.logaddexp(ln_alive, ln_dead)


def fit_bgnbd(
    summary: pd.DataFrame,
    start: tuple[float, float, float, float] = (1, 1, 1, 1),
    search: bool = True,
) -> BgNbdParams:
    """Maximum-likelihood parameters from an :func:`rfm_summary` frame.

    A Nelder-Mead search from ``start`` then a quasi-Newton polish; ``search=False`` only
    polishes, which is enough (and ten times faster) when ``start`` is already close, e.g.
    the parameters fitted on the same customers a month earlier.
    """
    if summary.empty or summary["x"].sum() == 0:
        raise DataError.coded("no_repeat_buyers")
    x, t_x, T = (summary[c].to_numpy(float) for c in ("x", "t_x", "T"))

    def negative(log_params: np.ndarray) -> float:
        return -float(log_likelihood(np.exp(log_params), x, t_x, T).sum())

    best_x = np.log(start)
    if search:
        best_x = minimize(
            negative,
            best_x,
            method="Nelder-Mead",
            options={"xatol": 1e-6, "fatol": 1e-8, "maxiter": 20_000, "maxfev": 20_000},
        ).x
    best = minimize(negative, best_x, method="L-BFGS-B")
    return BgNbdParams(*np.exp(best.x))


def p_alive(params: BgNbdParams, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """P(still alive at T | x, t_x, T) (the paper's equation 11)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    with np.errstate(divide="ignore", over="ignore"):
        odds = a / np.maximum(b + x - 1, 1e-12) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    return np.where(x > 0, 1 / (1 + odds), 1.0)


def expected_purchases(
    params: BgNbdParams, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """E[purchases in (T, T + t] | x, t_x, T] (the paper's equation 10)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    z = t / (alpha + T + t)
    head = (a + b + x - 1) / (a - 1)
    tail = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    return head * tail * p_alive(params, x, t_x, T)


def p_no_purchase(
    params: BgNbdParams, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """P(no purchase in (T, T + t] | x, t_x, T).

    Dead customers never buy; an alive one's rate has the posterior Gamma(r + x, alpha + T),
    and a BG/NBD customer only drops out right after a purchase, so an alive customer makes
    no purchase with probability ((alpha + T) / (alpha + T + t)) ** (r + x).
    """
    alive = p_alive(params, x, t_x, T)
    silent = ((params.alpha + T) / (params.alpha + T + t)) ** (params.r + x)
    return 1 - alive + alive * silent


def bgnbd_features(
    days: pd.DataFrame, at: pd.Timestamp, window: int, start: BgNbdParams | None = None
) -> tuple[pd.DataFrame, BgNbdParams | None]:
    """What BG/NBD fitted on the purchase days before ``at`` says of each customer.

    ``bg_alive`` (logit of P(alive)), ``bg_silent`` (logit of P(no purchase in the next W
    days)) and ``bg_expected`` (log of 1 + expected purchases in them); the classifier can
    then only add to BG/NBD. ``start`` (the parameters of a nearby snapshot) makes the fit a
    short polish. Returns the features and the parameters (``None`` without repeat buyers,
    when the features are 0).
    """
    summary = rfm_summary(days, at)
    try:
        params = (
            fit_bgnbd(summary)
            if start is None
            else fit_bgnbd(summary, tuple(start.__dict__.values()), search=False)
        )
    except DataError:
        return pd.DataFrame(0.0, index=summary.index, columns=list(FEATURES)), None
    x, t_x, age = (summary[c].to_numpy(float) for c in ("x", "t_x", "T"))
    with np.errstate(all="ignore"):
        alive = p_alive(params, x, t_x, age)
        silent = p_no_purchase(params, window / 7, x, t_x, age)
        expected = expected_purchases(params, window / 7, x, t_x, age)
    frame = pd.DataFrame(
        {
            "bg_alive": _logit(alive),
            "bg_silent": _logit(silent),
            "bg_expected": np.log1p(np.nan_to_num(expected, nan=0.0).clip(0)),
        },
        index=summary.index,
    )
    return frame.fillna(0.0), params


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.nan_to_num(p, nan=0.5), 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


def simulate_bgnbd(params: BgNbdParams, T: np.ndarray, seed: int = 0) -> pd.DataFrame:
    """Simulated ``x``, ``t_x``, ``T`` of customers observed for ``T`` each (for tests)."""
    rng = np.random.default_rng(seed)
    n = len(T)
    lam = rng.gamma(params.r, 1 / params.alpha, n)
    p = rng.beta(params.a, params.b, n)
    xs, txs = np.zeros(n), np.zeros(n)
    for i in range(n):
        now, count = 0.0, 0
        while True:
            now += rng.exponential(1 / lam[i])
            if now > T[i]:
                break
            count += 1
            txs[i] = now
            if rng.random() < p[i]:
                break
        xs[i] = count
    return pd.DataFrame({"x": xs, "t_x": txs, "T": np.asarray(T, float)})
