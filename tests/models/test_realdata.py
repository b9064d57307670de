"""Real public files (../shared/realdata): each loads as its kind, or fails saying what is missing.

Skipped when the folder is absent; CI has it beside the clone.
"""

import pandas as pd
import pytest

from models import DataError, import_table, list_sheets

pytestmark = pytest.mark.realdata

SUPERSTORE = "superstore/{}/Sample - Superstore.{}"


@pytest.mark.parametrize(
    "folder, ext, encoding",
    [
        ("classic_kaggle_2014_2017", "csv", "windows-1252"),
        ("tableau_2020_utf8bom", "csv", "utf-8-sig"),
    ],
)
def test_superstore_published_totals(realdata, folder, ext, encoding):
    result = import_table(realdata / SUPERSTORE.format(folder, ext), "orders")
    orders = result.table
    assert round(orders["amount"].sum(), 2) == 2_297_200.86
    assert orders["order_id"].nunique() == 5_009
    assert orders["customer_id"].nunique() == 793
    assert result.report.rows_dropped == 0
    assert result.report.detected["encoding"] == encoding
    assert any("month/day/year" in note for note in result.report.notes)


def test_superstore_2023_csv_and_xls_agree(realdata):
    csv = import_table(realdata / SUPERSTORE.format("tableau_2023_xls", "csv"), "orders")
    assert any("day/month/year" in note for note in csv.report.notes)  # DD/MM/YY
    path = realdata / SUPERSTORE.format("tableau_2023_xls", "xls")
    assert list_sheets(path) == ["Orders", "People", "Returns"]
    xls = import_table(path, "orders", sheet="Orders")
    for frame in (csv.table, xls.table):
        assert len(frame) == 10_194
    pd.testing.assert_series_equal(csv.table["date"], xls.table["date"])
    assert csv.table["amount"].sum() == pytest.approx(xls.table["amount"].sum(), abs=0.01)


def test_olist_funnel_leads(realdata):
    leads = import_table(
        realdata / "olist_marketing_funnel/olist_marketing_qualified_leads_dataset.csv", "leads"
    ).table
    assert len(leads) == 8000
    assert leads["source"].isna().sum() > 0 and "unknown" in set(leads["source"].dropna())


def test_olist_funnel_conversion_by_origin_matches_pandas(realdata):
    from models import compute_kpis, load_table

    folder = realdata / "olist_marketing_funnel"
    leads = load_table(folder / "olist_marketing_qualified_leads_dataset.csv", "leads")
    deals = load_table(folder / "olist_closed_deals_dataset.csv", "conversions")
    k = compute_kpis(
        {"leads": leads, "conversions": deals},
        freq="Y",
        by="source",
        settings=__import__("models").KpiSettings(conversion_window=3650),
    )
    ours = k.groupby(level="source")[["leads", "converted_leads"]].sum()
    # independent computation straight from the raw files
    mql = pd.read_csv(folder / "olist_marketing_qualified_leads_dataset.csv")
    won = pd.read_csv(folder / "olist_closed_deals_dataset.csv")
    mql["origin"] = mql["origin"].fillna("(empty)")
    mql["won"] = mql["mql_id"].isin(won["mql_id"])
    theirs = mql.groupby("origin").agg(leads=("mql_id", "size"), converted_leads=("won", "sum"))
    pd.testing.assert_frame_equal(
        ours, theirs.rename_axis("source"), check_dtype=False, check_index_type=False
    )
    assert ours["converted_leads"].sum() == 842


def test_olist_orders_without_amount_say_where_it_is(realdata):
    with pytest.raises(DataError, match="payments"):
        import_table(realdata / "olist_ecommerce_sample15k/olist_orders_dataset.csv", "orders")


def test_olist_reviews_as_feedback(realdata):
    feedback = import_table(
        realdata / "olist_ecommerce_sample15k/olist_order_reviews_dataset.csv", "feedback"
    ).table
    assert feedback["csat"].between(1, 5).all()
    assert len(feedback) == 14_944


def test_bank_call_centre(realdata):
    result = import_table(
        realdata / "call_center_anonymous_bank_1999/data_anonymous_bank_february.txt", "calls"
    )
    calls = result.table
    raw = pd.read_csv(
        realdata / "call_center_anonymous_bank_1999/data_anonymous_bank_february.txt",
        sep="\t",
        dtype=str,
    )
    assert len(calls) == (raw["outcome"] != "PHANTOM").sum()
    assert (calls["outcome"] == "missed").sum() == (raw["outcome"] == "HANG").sum()
    assert calls["timestamp"].iloc[0] == pd.Timestamp("1999-02-01 07:02:47")  # date + vru_entry


def test_pwc_calls_and_satisfaction_from_excel(realdata):
    path = realdata / "pwc_call_center_demo/Contact-Center-Dataset.xlsx"
    calls = import_table(path, "calls").table
    assert len(calls) == 5000 and set(calls["outcome"]) == {"answered", "missed"}
    assert calls["timestamp"].dt.hour.gt(0).all()  # the Time column was joined
    feedback = import_table(path, "feedback").table
    assert feedback["csat"].dropna().between(1, 5).all()


def test_maven_pipeline_as_leads(realdata):
    result = import_table(realdata / "maven_crm_sales_opportunities/sales_pipeline.csv", "leads")
    raw = pd.read_csv(realdata / "maven_crm_sales_opportunities/sales_pipeline.csv")
    assert result.table["converted"].sum() == (raw["deal_stage"] == "Won").sum()
    assert result.report.rows_dropped == raw["engage_date"].isna().sum()


@pytest.mark.parametrize(
    "path, kind, missing",
    [
        ("olist_marketing_funnel/olist_closed_deals_dataset.csv", "leads", "created"),
        ("us_retail_sales_fred/RSXFSN.csv", "orders", "customer, amount"),
        ("walmart_weekly_store_sales/Walmart.csv", "orders", "customer"),
        ("perrin_freres_champagne/perrin-freres-monthly-champagne-.csv", "orders", "customer"),
        (
            "telco_customer_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv",
            "orders",
            "order date, amount",
        ),
    ],
)
def test_files_that_are_not_that_kind_say_what_is_missing(realdata, path, kind, missing):
    with pytest.raises(DataError, match=f"no column for {missing} \\(required\\)"):
        import_table(realdata / path, kind)


def test_mapped_series_files_load_once_the_user_picks_columns(realdata):
    # Walmart: a user maps Store as the customer to get revenue per store
    orders = import_table(
        realdata / "walmart_weekly_store_sales/Walmart.csv",
        "orders",
        mapping={"customer_id": "Store"},
    ).table
    assert len(orders) == 6435
    assert orders["date"].min() == pd.Timestamp("2010-02-05")  # DD/MM/YY


def test_superstore_revenue_by_month_matches_pandas(realdata):
    from models import compute_kpis

    path = realdata / SUPERSTORE.format("classic_kaggle_2014_2017", "csv")
    ours = compute_kpis({"orders": import_table(path, "orders").table})["revenue"]
    raw = pd.read_csv(path, encoding="cp1252")
    raw["month"] = (
        pd.to_datetime(raw["Order Date"], format="%m/%d/%Y").dt.to_period("M").dt.start_time
    )
    theirs = raw.groupby("month")["Sales"].sum()
    assert len(ours) == 48
    assert ours.to_numpy() == pytest.approx(theirs.to_numpy(), abs=1e-6)
    assert round(ours.sum(), 2) == 2_297_200.86


def test_bank_missed_call_rate_per_agent_matches_pandas(realdata):
    from models import compute_kpis
    from models.kpis.compute import summarise_kpis

    path = realdata / "call_center_anonymous_bank_1999/data_anonymous_bank_february.txt"
    by_rep = summarise_kpis(
        compute_kpis({"calls": import_table(path, "calls").table}, by="rep"), by="rep"
    )
    raw = pd.read_csv(path, sep="\t", dtype=str)
    raw = raw[raw["outcome"] != "PHANTOM"]
    theirs = raw.groupby("server")["outcome"].apply(lambda s: (s == "HANG").mean())
    ours = 1 - by_rep["answer_rate"]
    assert ours.sort_index().to_numpy() == pytest.approx(theirs.sort_index().to_numpy())
    assert by_rep["calls_missed"].sum() == (raw["outcome"] == "HANG").sum()


def test_olist_review_scores_as_csat_match_pandas(realdata):
    from models import compute_kpis

    path = realdata / "olist_ecommerce_sample15k/olist_order_reviews_dataset.csv"
    ours = compute_kpis({"feedback": import_table(path, "feedback").table})
    raw = pd.read_csv(path)
    raw["month"] = pd.to_datetime(raw["review_creation_date"]).dt.to_period("M").dt.start_time
    theirs = raw.groupby("month")["review_score"].agg(lambda s: (s >= 4).mean())
    assert ours["csat"].dropna().to_numpy() == pytest.approx(theirs.to_numpy())
    assert ours["csat_responses"].sum() == raw["review_score"].notna().sum()


def test_churn_risk_on_superstore(realdata):
    from models import churn_risk

    orders = import_table(
        realdata / SUPERSTORE.format("classic_kaggle_2014_2017", "csv"), "orders"
    ).table
    scores = churn_risk({"orders": orders}, "2017-10-01", 90)
    assert len(scores) == orders.loc[orders["date"] < "2017-10-01", "customer_id"].nunique()
    assert scores["p_churn"].between(0, 1).all()


def test_olist_lead_scores_leave_out_the_closed_deal_fields(realdata):
    from models import lead_scores, load_table

    folder = realdata / "olist_marketing_funnel"
    tables = {
        "leads": load_table(folder / "olist_marketing_qualified_leads_dataset.csv", "leads"),
        "conversions": load_table(folder / "olist_closed_deals_dataset.csv", "conversions"),
    }
    scores = lead_scores(tables, "2018-06-01", 90)
    # rep, segment and value exist only on won deals: using them would give the answer away
    assert set(scores.attrs["left_out"]) == {"rep", "segment", "value"}
    assert scores["p_convert"].between(0, 1).all()
