"""Lead scoring: only open leads, no look-ahead, fields written at conversion left out."""

import numpy as np
import pandas as pd
import pytest

from models import DataError, lead_lift, lead_scores
from models.scoring.leads import LeadSpec

AS_OF = pd.Timestamp("2026-01-01")
FAST = LeadSpec(n_snapshots=8)
RATES = {"Web": 0.05, "Referral": 0.4, "Fair": 0.15}


def make_leads(n: int = 1500, days: int = 600, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    source = rng.choice(list(RATES), n)
    created = AS_OF - pd.to_timedelta(rng.integers(0, days, n), unit="D")
    won = rng.random(n) < pd.Series(source).map(RATES).to_numpy()
    delay = pd.to_timedelta(rng.integers(1, 80, n), unit="D")
    return pd.DataFrame(
        {
            "lead_id": [f"L{i:04d}" for i in range(n)],
            "created": created,
            "source": source,
            "rep": rng.choice(["Ann", "Bob"], n),
            "value": rng.integers(1, 50, n) * 100.0,
            "converted": won,
            "converted_date": pd.Series(created + delay).where(won).to_numpy(),
        }
    )


def test_scores_open_leads_only_without_look_ahead():
    leads = make_leads()
    scores = lead_scores({"leads": leads}, AS_OF, 90, FAST)
    known = leads[leads["created"] < AS_OF]
    open_ids = set(known.loc[~(known["converted_date"] < AS_OF), "lead_id"])
    assert set(scores.index) == open_ids
    assert scores["p_convert"].between(0, 1).all()
    cut = leads[leads["created"] < AS_OF].assign(
        converted_date=lambda f: f["converted_date"].where(f["converted_date"] < AS_OF),
        converted=lambda f: f["converted_date"].notna(),
    )
    pd.testing.assert_frame_equal(scores, lead_scores({"leads": cut}, AS_OF, 90, FAST))
    pd.testing.assert_frame_equal(scores, lead_scores({"leads": leads}, AS_OF, 90, FAST))
    young = scores[scores["age_days"] < 30]
    by_source = young.groupby("source")["p_convert"].mean()
    assert by_source["Referral"] > by_source["Fair"] > by_source["Web"]
    assert scores["expected_value"].equals(scores["p_convert"] * scores["value"])


def test_a_field_filled_only_on_converted_leads_is_left_out():
    leads = make_leads()
    leads["segment"] = np.where(leads["converted"], "Retail", None)
    scores = lead_scores({"leads": leads}, AS_OF, 90, FAST)
    assert scores.attrs["left_out"] == ["segment"]
    assert "segment" not in scores


def test_lift_sentence():
    report = lead_lift({"leads": make_leads()}, 90, top=30, spec=FAST)
    assert report.n_top == 30
    assert report.sentence().startswith("Of the 30 open leads we ranked most likely to convert")


def test_missing_leads_or_dates_say_what_to_load():
    with pytest.raises(DataError, match="needs a leads file"):
        lead_scores({"orders": pd.DataFrame()})
    undated = make_leads().drop(columns="converted_date")
    with pytest.raises(DataError, match="date each lead converted"):
        lead_scores({"leads": undated}, AS_OF)
    with pytest.raises(DataError, match="no lead created before"):
        lead_scores({"leads": make_leads()}, "2020-01-01")


def test_demo_company_leads():
    from models import sample_tables

    scores = lead_scores(sample_tables())
    assert len(scores) > 0 and scores["p_convert"].between(0, 1).all()
    assert scores["expected_value"].is_monotonic_decreasing
