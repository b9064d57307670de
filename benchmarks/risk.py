"""How well churn risk and lead scoring predict, on time-ordered splits only.

Run from the repository root::

    .venv/bin/python benchmarks/risk.py [--realdata ../shared/realdata] [--out benchmarks/results]
                                        [--only demo superstore olist olist_funnel] [--stacking]

Churn: for each data set and each evaluation day T (every T + W is inside the data), the
app's :func:`models.scoring.customers.churn_risk` is trained on what happened before T only, and its
``p_churn`` is compared with who placed no order in ``[T, T + W)``. Same run, same customers,
two baselines: *recency* (the same snapshot training and calibration with the days since the
last order as the only input) and *BG/NBD* (Fader, Hardie & Lee 2005, fitted by maximum
likelihood on the purchases before T; customers ranked by expected purchases in the window,
probabilities from P(no purchase in the window)). Figures are given for every customer who
ordered before T (``all``) and for those who ordered in the W days before T (``active``: the
customers the page lists and the churn KPI counts). ``--stacking`` adds *objectif + BG/NBD*:
the same model with BG/NBD's P(alive), P(no purchase) and expected purchases, fitted at each
training snapshot on the purchases before it, as extra inputs.

Leads: :func:`models.scoring.leads.lead_scores` on the Olist marketing funnel (and the demo
company), against the conversion rate of each origin among the leads created before T - C.

Writes ``<out>/risk.md`` (also printed) and ``<out>/risk.csv`` (one row per data set,
population, T and method). See ``benchmarks/README.md``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"  # one core: the machine is shared

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import load_table, sample_tables
from models.scoring import FEATURES as BGNBD
from models.scoring import (
    NUMERIC,
    RiskSpec,
    churn_risk,
    conversion_labels,
    expected_purchases,
    fit_bgnbd,
    lapse_labels,
    lead_scores,
    p_no_purchase,
    purchase_days,
    rfm_summary,
    usable_leads,
)

WINDOW = 90
RECENCY = RiskSpec(features=("log_recency",), candidates=("logistic",), categorical=())
STACKING = RiskSpec(features=NUMERIC + BGNBD)


# --------------------------------------------------------------------------- data
def superstore(realdata: Path) -> dict[str, pd.DataFrame]:
    path = realdata / "superstore/classic_kaggle_2014_2017/Sample - Superstore.csv"
    return {"orders": load_table(path, "orders")}


def olist_orders(realdata: Path) -> dict[str, pd.DataFrame]:
    """Olist 15k: orders joined to their payments (amount) and customers (the person)."""
    folder = realdata / "olist_ecommerce_sample15k"
    orders = pd.read_csv(folder / "olist_orders_dataset.csv")
    payments = pd.read_csv(folder / "olist_order_payments_dataset.csv")
    customers = pd.read_csv(folder / "olist_customers_dataset.csv")
    amount = payments.groupby("order_id")["payment_value"].sum()
    person = customers.set_index("customer_id")["customer_unique_id"]
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(orders["order_purchase_timestamp"]),
            "customer_id": orders["customer_id"].map(person).astype("string"),
            "amount": orders["order_id"].map(amount).astype(float),
            "order_id": orders["order_id"].astype("string"),
        }
    )
    return {"orders": frame.dropna(subset=["customer_id", "amount"])}


def olist_funnel(realdata: Path) -> dict[str, pd.DataFrame]:
    folder = realdata / "olist_marketing_funnel"
    return {
        "leads": load_table(folder / "olist_marketing_qualified_leads_dataset.csv", "leads"),
        "conversions": load_table(folder / "olist_closed_deals_dataset.csv", "conversions"),
    }


def evaluation_days(end: str, n: int, every: int) -> list[pd.Timestamp]:
    """T = end - W, then back by ``every`` days (oldest first); ``end`` is exclusive."""
    last = pd.Timestamp(end) - pd.Timedelta(days=WINDOW)
    return sorted(last - pd.Timedelta(days=every * k) for k in range(n))


# --------------------------------------------------------------------------- churn
def score(
    name: str,
    population: str,
    at: pd.Timestamp,
    method: str,
    y: np.ndarray,
    p: np.ndarray,
    rank: np.ndarray | None = None,
    seconds: float = np.nan,
) -> dict:
    rank = p if rank is None else rank
    both = 0 < y.sum() < len(y)
    return {
        "data": name,
        "population": population,
        "T": at.date(),
        "method": method,
        "n": len(y),
        "positives": int(y.sum()),
        "auc": roc_auc_score(y, rank) if both else np.nan,
        "brier": brier_score_loss(y, p),
        "expected": float(p.sum()),
        "actual": int(y.sum()),
        "gap": float(p.sum()) / y.sum() - 1 if y.sum() else np.nan,
        "seconds": seconds,
    }


def churn_rows(
    name: str, tables: dict[str, pd.DataFrame], days: list[pd.Timestamp], stacking: bool = False
) -> list[dict]:
    rows = []
    everything = purchase_days(tables["orders"], pd.Timestamp.max.normalize())
    for at in days:
        started = time.perf_counter()
        ours = churn_risk(tables, at, WINDOW)
        ours_s = time.perf_counter() - started
        started = time.perf_counter()
        recency = churn_risk(tables, at, WINDOW, RECENCY).reindex(ours.index)
        recency_s = time.perf_counter() - started
        if stacking:
            started = time.perf_counter()
            stacked = churn_risk(tables, at, WINDOW, STACKING).reindex(ours.index)
            stacked_s = time.perf_counter() - started
        started = time.perf_counter()
        summary = rfm_summary(everything, at).reindex(ours.index)
        params = fit_bgnbd(summary)
        args = (WINDOW / 7, *(summary[c].to_numpy(float) for c in ("x", "t_x", "T")))
        bg_p0 = p_no_purchase(params, *args)
        bg_rank = -expected_purchases(params, *args)
        bg_s = time.perf_counter() - started
        y_all = lapse_labels(everything, ours.index, at, WINDOW).to_numpy()
        for population, mask in (
            ("all", np.ones(len(ours), bool)),
            ("active", ours["active"].to_numpy()),
        ):
            y = y_all[mask]
            rows.append(
                score(
                    name,
                    population,
                    at,
                    "objectif",
                    y,
                    ours["p_churn"].to_numpy()[mask],
                    seconds=ours_s,
                )
                | {"estimator": ours.attrs["estimator"]}
            )
            rows.append(
                score(
                    name,
                    population,
                    at,
                    "recency",
                    y,
                    recency["p_churn"].to_numpy()[mask],
                    seconds=recency_s,
                )
            )
            if stacking:
                rows.append(
                    score(
                        name,
                        population,
                        at,
                        "objectif + BG/NBD",
                        y,
                        stacked["p_churn"].to_numpy()[mask],
                        seconds=stacked_s,
                    )
                    | {"estimator": stacked.attrs["estimator"]}
                )
            rows.append(
                score(
                    name,
                    population,
                    at,
                    "BG/NBD E[X]",
                    y,
                    bg_p0[mask],
                    rank=bg_rank[mask],
                    seconds=bg_s,
                )
                | {
                    "estimator": f"r={params.r:.3f} α={params.alpha:.2f} "
                    f"a={params.a:.3f} b={params.b:.3f} (weeks)"
                }
            )
            rows.append(score(name, population, at, "BG/NBD P(0)", y, bg_p0[mask]))
        print(f"  {name} {at.date()}: {ours_s:.1f}s ours, {bg_s:.1f}s BG/NBD", file=sys.stderr)
    return rows


# --------------------------------------------------------------------------- leads
def origin_rates(leads: pd.DataFrame, at: pd.Timestamp, window: int) -> pd.Series:
    """Baseline: share of each origin's leads created before T - C that converted within C days."""
    past = leads[leads["created"] < at - pd.Timedelta(days=window)]
    hit = (past["converted_day"] - past["created"]).dt.days.le(window) & past["converted_day"].lt(
        at
    )
    return hit.groupby(past["source"].astype("string").fillna("(empty)")).mean(), hit.mean()


def lead_rows(name: str, tables: dict[str, pd.DataFrame], days: list[pd.Timestamp]) -> list[dict]:
    rows = []
    leads = usable_leads(tables)
    for at in days:
        started = time.perf_counter()
        ours = lead_scores(tables, at, WINDOW)
        seconds = time.perf_counter() - started
        y = conversion_labels(leads, ours.index, at, WINDOW).to_numpy()
        rows.append(
            score(
                name, "open leads", at, "objectif", y, ours["p_convert"].to_numpy(), seconds=seconds
            )
            | {
                "estimator": ours.attrs["estimator"]
                + (f"; left out {ours.attrs['left_out']}" if ours.attrs["left_out"] else "")
            }
        )
        rates, overall = origin_rates(leads, at, WINDOW)
        source = leads.drop_duplicates("lead_id").set_index("lead_id")["source"].reindex(ours.index)
        baseline = (
            source.astype("string").fillna("(empty)").map(rates).astype(float).fillna(overall)
        )
        rows.append(score(name, "open leads", at, "rate by origin", y, baseline.to_numpy()))
        print(f"  {name} leads {at.date()}: {seconds:.1f}s", file=sys.stderr)
    return rows


# --------------------------------------------------------------------------- report
def fmt(value, spec: str) -> str:
    return (
        "–"
        if value is None or (isinstance(value, float) and np.isnan(value))
        else format(value, spec)
    )


def markdown(results: pd.DataFrame, command: str, elapsed: float, load: tuple[float, float]) -> str:
    lines = [
        f"# Churn risk and lead scoring (W = C = {WINDOW} days)",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on 1 process: `{command}` — "
        f"{elapsed:.0f} s in total; 1-minute load average {load[0]:.1f} at the start, "
        f"{load[1]:.1f} at the end.",
        "",
        "Every model is trained on what happened before T only; *actual* counts who did "
        "not order (churn) or converted (leads) in the W days from T. *gap* = expected / "
        "actual − 1. BG/NBD E[X] ranks by expected purchases and gives P(no purchase) as "
        "the probability; BG/NBD P(0) ranks by that probability too.",
        "",
    ]
    header = (
        "| data | population | T | method | n | actual | expected | gap | AUC | Brier | "
        "s | estimator |"
    )
    for (data, population), frame in results.groupby(["data", "population"], sort=False):
        lines += [
            f"## {data} — {population}",
            "",
            header,
            "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for row in frame.itertuples():
            lines.append(
                f"| {data} | {population} | {row.T} | {row.method} | {row.n} | {row.actual} | "
                f"{row.expected:.1f} | {fmt(row.gap, '+.1%')} | {fmt(row.auc, '.3f')} | "
                f"{row.brier:.4f} | {fmt(row.seconds, '.1f')} | "
                f"{row.estimator if isinstance(row.estimator, str) else ''} |"
            )
        lines.append("")
    lines += ["## Targets", "", target_table(results), ""]
    return "\n".join(lines)


def target_table(results: pd.DataFrame) -> str:
    """Per data set, population and T: AUC margin over the better BG/NBD ranking, and the gap."""
    churn = results[
        results["method"].isin(["objectif", "objectif + BG/NBD", "BG/NBD E[X]", "BG/NBD P(0)"])
        & results["population"].ne("open leads")
    ]
    stacked = "objectif + BG/NBD" in set(results["method"])
    lines = [
        "| data | population | T | AUC − best BG/NBD AUC | ≥ 0.01 | expected vs actual | "
        "within 5 % |" + (" same, objectif + BG/NBD |" if stacked else ""),
        "| --- | --- | --- | ---: | --- | ---: | --- |" + (" ---: |" if stacked else ""),
    ]
    for (data, population, at), frame in churn.groupby(["data", "population", "T"], sort=False):
        auc = frame.set_index("method")["auc"]
        best = max(auc["BG/NBD E[X]"], auc["BG/NBD P(0)"])
        margin = auc["objectif"] - best
        gap = frame.set_index("method").at["objectif", "gap"]
        lines.append(
            f"| {data} | {population} | {at} | {fmt(margin, '+.3f')} | "
            f"{'yes' if margin >= 0.01 else 'no'} | {fmt(gap, '+.1%')} | "
            f"{'yes' if abs(gap) <= 0.05 else 'no'} |"
            + (f" {fmt(auc['objectif + BG/NBD'] - best, '+.3f')} |" if stacked else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realdata", type=Path, default=ROOT.parent / "shared" / "realdata")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument(
        "--only", nargs="*", default=["demo", "superstore", "olist", "demo_leads", "olist_funnel"]
    )
    parser.add_argument(
        "--stacking",
        action="store_true",
        help="also run the model with BG/NBD features (objectif + BG/NBD)",
    )
    args = parser.parse_args(argv)
    started, load = time.perf_counter(), os.getloadavg()[0]
    rows: list[dict] = []
    demo = sample_tables()
    jobs = {
        "demo": lambda: churn_rows(
            "demo", demo, evaluation_days("2026-11-01", 4, 91), args.stacking
        ),
        "superstore": lambda: churn_rows(
            "superstore",
            superstore(args.realdata),
            evaluation_days("2017-12-31", 6, 91),
            args.stacking,
        ),
        "olist": lambda: churn_rows(
            "olist 15k",
            olist_orders(args.realdata),
            evaluation_days("2018-09-01", 4, 61),
            args.stacking,
        ),
        "demo_leads": lambda: lead_rows("demo", demo, evaluation_days("2026-11-01", 4, 91)),
        "olist_funnel": lambda: lead_rows(
            "olist funnel", olist_funnel(args.realdata), evaluation_days("2018-11-13", 4, 30)
        ),
    }
    for key in args.only:
        rows += jobs[key]()
    results = pd.DataFrame(rows)
    if "estimator" not in results:
        results["estimator"] = ""
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if set(args.only) == set(jobs) else "_" + "_".join(args.only)
    results.to_csv(args.out / f"risk{suffix}.csv", index=False)
    elapsed = time.perf_counter() - started
    command = (
        "python benchmarks/risk.py"
        + (f" --only {' '.join(args.only)}" if set(args.only) != set(jobs) else "")
        + (" --stacking" if args.stacking else "")
    )
    text = markdown(results, command, elapsed, (load, os.getloadavg()[0]))
    (args.out / f"risk{suffix}.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
