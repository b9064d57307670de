import pandas as pd
import pytest

from models import DataError, ImportOptions, import_table, load_table, propose_mapping
from tests.conftest import FIXTURES, named_file


def test_french_export_loads_with_no_mapping_and_exact_totals():
    result = import_table(FIXTURES / "french_export_cp1252.csv", "orders")
    orders, report = result.table, result.report
    # hand computation: 1234.56 + 89.90 + 2000.00 - 45.50 + 12.05
    assert orders["amount"].sum() == pytest.approx(3291.01, abs=1e-9)
    assert orders["date"].tolist() == list(
        pd.to_datetime(["2026-01-03", "2026-01-15", "2026-02-28", "2026-03-13", "2026-03-31"])
    )
    assert orders["customer_id"].nunique() == 4
    assert orders["order_id"].tolist() == ["F-001", "F-002", "F-003", "F-004", "F-005"]
    assert orders["rep"].iloc[0] == "Élodie" and orders["region"].iloc[1] == "Île-de-France"
    assert report.detected == {
        "encoding": "windows-1252",
        "separator": "semicolon (;)",
        "title rows skipped": "2",
    }
    assert (report.rows_read, report.rows_kept) == (6, 5)
    assert report.dropped == {"rows without a readable date (order date)": [9]}  # "Total" line
    assert report.negative_amounts == 1 and report.negative_total == -45.5
    assert report.empty_share["rep"] == pytest.approx(0.2)
    assert any("day/month/year" in note for note in report.notes)


def test_the_quality_report_reads_in_french():
    report = import_table(FIXTURES / "french_export_cp1252.csv", "orders").report
    said = {
        key.text("fr"): value.text("fr") if hasattr(value, "text") else value
        for key, value in report.detected.items()
    }
    assert said == {
        "encodage": "windows-1252",
        "séparateur": "point-virgule (;)",
        "lignes de titre ignorées": "2",
    }
    assert [reason.text("fr") for reason in report.dropped] == [
        "lignes sans date lisible (date de commande)"
    ]
    assert any("dates lues comme jour/mois/année" in note.text("fr") for note in report.notes)


def test_an_unusable_file_says_why_in_french():
    data = b"Date;Client;Montant\nhier;A;12\ndemain;B;13\n"
    with pytest.raises(DataError) as caught:
        import_table(named_file(data, "ventes.csv"), "orders")
    assert "has no readable value (e.g. 'hier', 'demain')" in str(caught.value)
    assert caught.value.text("fr").startswith(
        "fichier de commandes « ventes.csv » : la colonne « Date » choisie pour date de commande "
        "n'a aucune valeur lisible (par exemple « hier », « demain »)"
    )


@pytest.mark.parametrize(
    "headers, expected",
    [
        (
            ["Date de commande", "Code client", "Montant TTC"],
            ("Date de commande", "Code client", "Montant TTC"),
        ),
        (
            ["Order Date", "Ship Date", "Customer ID", "Customer Name", "Sales", "Profit"],
            ("Order Date", "Customer ID", "Sales"),
        ),
        (["date", "client", "CA"], ("date", "client", "CA")),
        (
            ["Date facture", "N° client", "Montant HT (€)"],
            ("Date facture", "N° client", "Montant HT (€)"),
        ),
        (
            ["order_purchase_timestamp", "customer_id", "payment_value"],
            ("order_purchase_timestamp", "customer_id", "payment_value"),
        ),
    ],
)
def test_header_synonyms_in_french_and_english(headers, expected):
    mapping = propose_mapping(headers, "orders")
    assert (mapping["date"], mapping["customer_id"], mapping["amount"]) == expected


def test_no_file_column_is_used_twice():
    mapping = propose_mapping(["Date", "Client", "Montant", "Commercial"], "orders")
    used = [v for v in mapping.values() if v]
    assert len(used) == len(set(used)) == 4


def test_user_mapping_overrides_the_proposal():
    text = "when,who,how much,other amount\n2026-01-02,C1,10,99\n"
    orders = load_table(
        named_file(text),
        "orders",
        mapping={"date": "when", "customer_id": "who", "amount": "other amount"},
    )
    assert orders["amount"].tolist() == [99.0]


def test_canonical_dtypes():
    orders = load_table(
        named_file("date,customer,amount,quantity\n2026-01-02,007,10,2\n"), "orders"
    )
    assert orders["date"].dtype == "datetime64[ns]"
    assert orders["customer_id"].iloc[0] == "007"  # ids stay text: leading zeros kept
    assert orders["amount"].dtype == "float64" and orders["quantity"].dtype == "float64"


def test_rows_with_unusable_values_are_dropped_with_reasons_and_row_numbers():
    text = (
        "date,customer,amount\n2026-01-02,C1,10\nnot a date,C2,20\n2026-01-04,,30\n"
        "2026-01-05,C4,n/a\n2026-01-06,C5,50\n"
    )
    result = import_table(named_file(text), "orders")
    assert result.table["customer_id"].tolist() == ["C1", "C5"]
    assert result.report.dropped == {
        "rows without a readable date (order date)": [3],
        "rows with an empty required field (customer)": [4],
        "rows without a readable number (amount)": [5],
    }
    assert result.report.rows_dropped == 3


def test_quality_report_counts_duplicates_gaps_and_empty_optional_fields():
    text = (
        "date,customer,amount,rep\n2026-01-02,C1,10,Ann\n2026-01-02,C1,10,Ann\n2026-04-01,C2,-5,\n"
    )
    report = import_table(named_file(text), "orders").report
    assert report.duplicates == 1
    assert report.empty_periods == ["2026-02", "2026-03"]
    assert report.empty_share == {"rep": pytest.approx(1 / 3)}
    assert report.summary()["from"] == "2026-01-02" and report.summary()["to"] == "2026-04-01"


@pytest.mark.parametrize(
    "text, message",
    [
        ("a,b,c\n1,2,3\n", r"no column for order date, customer, amount \(required\)"),
        ("order_id,customer_id,order_purchase_timestamp\nX,C1,2026-01-01\n", "payments"),
        ("date,customer,amount\nfoo,C1,10\nbar,C2,20\n", "column 'date' .* no readable value"),
        ("date,customer,amount\n2026-01-01,C1,abc\n", "column 'amount' .* no readable value"),
        ("date,customer,amount\n2026-01-01,,10\n", "column 'customer' .*it is empty"),
        ("date,customer,amount\n2026-01-01,,10\nbad,C2,5\n", "no usable row"),
    ],
)
def test_wrong_files_raise_data_error_naming_file_and_column(text, message):
    with pytest.raises(DataError, match=message) as info:
        load_table(named_file(text, "mine.csv"), "orders")
    assert "'mine.csv'" in str(info.value)


def test_unknown_kind_and_unknown_mapped_column():
    with pytest.raises(DataError, match="unknown table kind"):
        load_table(named_file("a,b\n1,2\n"), "invoices")
    with pytest.raises(DataError, match="not in the file"):
        load_table(
            named_file("date,customer,amount\n2026-01-01,C1,1\n"),
            "orders",
            mapping={"amount": "Montant"},
        )


def test_options_force_date_order_and_decimal_mark():
    text = "date;client;montant\n01/02/2026;C1;1,5\n"
    default = load_table(named_file(text), "orders")
    assert default["date"].iloc[0] == pd.Timestamp("2026-02-01")
    assert default["amount"].iloc[0] == 1.5
    forced = load_table(
        named_file(text), "orders", options=ImportOptions(date_order="monthfirst", decimal=".")
    )
    assert forced["date"].iloc[0] == pd.Timestamp("2026-01-02")
    assert forced["amount"].iloc[0] == 15.0  # comma taken as a thousands separator


def test_leads_with_flag_and_close_date_keep_only_real_conversion_dates():
    text = (
        "opportunity_id,engage_date,deal_stage,close_date,sales_agent,close_value\n"
        "A,2017-01-01,Won,2017-02-01,Ann,100\nB,2017-01-02,Lost,2017-03-01,Bob,0\n"
        "C,2017-01-03,Engaging,,Ann,\nD,,Prospecting,,Bob,\n"
    )
    result = import_table(named_file(text), "leads")
    leads = result.table
    assert leads["lead_id"].tolist() == ["A", "B", "C"]
    assert leads["converted"].tolist() == [True, False, False]
    assert leads["converted_date"].notna().tolist() == [True, False, False]
    assert result.report.dropped == {"rows without a readable date (created)": [5]}


def test_leads_conversion_from_a_date_alone():
    text = "lead id,created,source,won date\nL1,2026-01-01,Salon,2026-01-20\nL2,2026-01-02,Web,\n"
    leads = load_table(named_file(text), "leads")
    assert leads["converted"].tolist() == [True, False]
    assert leads["source"].tolist() == ["Salon", "Web"]


def test_calls_join_date_and_time_and_map_outcomes():
    text = (
        "date\tvru_entry\toutcome\tserver\tser_time\n990201\t7:02:47\tAGENT\tDORIT\t166\n"
        "990201\t7:31:45\tHANG\tNO_SERVER\t0\n990202\t8:00:00\tPHANTOM\tNO_SERVER\t0\n"
    )
    result = import_table(named_file(text, "calls.txt"), "calls")
    calls = result.table
    assert calls["timestamp"].tolist() == [
        pd.Timestamp("1999-02-01 07:02:47"),
        pd.Timestamp("1999-02-01 07:31:45"),
    ]
    assert calls["outcome"].tolist() == ["answered", "missed"]
    assert calls["direction"].tolist() == ["inbound", "inbound"]
    assert calls["duration"].tolist() == [166.0, 0.0]
    assert result.report.dropped == {"calls marked as phantom/ignored": [4]}
    assert any("every call taken as inbound" in note for note in result.report.notes)


def test_calls_value_map_rescues_unknown_outcomes():
    text = "datetime,direction,outcome\n2026-01-05 10:00,sortant,décroché\n2026-01-05 11:00,entrant,BOUNCE\n"
    result = import_table(named_file(text), "calls")
    assert result.report.dropped == {"calls whose outcome is not understood": [3]}
    fixed = load_table(
        named_file(text),
        "calls",
        options=ImportOptions(value_map={"outcome": {"BOUNCE": "missed"}}),
    )
    assert fixed["outcome"].tolist() == ["answered", "missed"]
    assert fixed["direction"].tolist() == ["outbound", "inbound"]


def test_feedback_needs_a_score_column():
    feedback = load_table(
        named_file("date,client,satisfaction,nps\n2026-01-01,C1,5,9\n"), "feedback"
    )
    assert (feedback["csat"].iloc[0], feedback["nps"].iloc[0]) == (5.0, 9.0)
    with pytest.raises(DataError, match="at least one of"):
        load_table(named_file("date,client,comment\n2026-01-01,C1,ok\n"), "feedback")


@pytest.mark.parametrize(
    "period, start, freq, label",
    [
        ("2026-03", "2026-03-01", "M", "2026-03"),
        ("03/2026", "2026-03-01", "M", "2026-03"),
        ("2026-Q2", "2026-04-01", "Q", "2026-Q2"),
        ("T3 2026", "2026-07-01", "Q", "2026-Q3"),
        ("2026", "2026-01-01", "Y", "2026"),
    ],
)
def test_objective_periods(period, start, freq, label):
    text = f"période;indicateur;objectif\n{period};Revenue;120 000\n"
    objectives = load_table(named_file(text), "objectives")
    row = objectives.iloc[0]
    assert (row["period_start"], row["freq"], row["period"]) == (pd.Timestamp(start), freq, label)
    assert row["kpi"] == "revenue" and row["target"] == 120000.0


def test_unrecognised_values_are_listed_for_the_user():
    from models import read_raw, unrecognised_values

    raw = read_raw(
        named_file(
            "datetime,direction,outcome\n2026-01-05 10:00,in,BOUNCE\n"
            "2026-01-05 11:00,sideways,AGENT\n"
        )
    )
    found = unrecognised_values(raw, "calls", propose_mapping(list(raw.frame.columns), "calls"))
    assert found == {
        "direction": (["sideways"], ["inbound", "outbound"]),
        "outcome": (["BOUNCE"], ["answered", "missed", "ignored"]),
    }


def test_every_objective_left_out_of_an_import_is_reported_with_its_line_and_reason():
    text = (
        "period,kpi,target\n2027-01,revenue,1000\n2027-13,revenue,5\n2027-02,revenue,abc\n"
        "2027-03,happiness,4\n2027-04,orders,-3\n2027-05,revenue,1e30\n"
        '2027-06,revenue,"1 234,5"\n'
    )
    result = import_table(named_file(text, "targets.csv"), "objectives")
    assert result.table["target"].tolist() == [1000.0, 1234.5]
    assert result.report.lines == (2, 8)  # the file's line of each row kept
    dropped = {lines[0]: str(reason) for reason, lines in result.report.dropped.items()}
    assert sorted(dropped) == [3, 4, 5, 6, 7]
    assert dropped[3].startswith("line 3: period '2027-13' is not a month")
    assert dropped[4] == "line 4: target 'abc' is not a number"
    assert dropped[5].startswith("line 5: unknown KPI 'happiness'")
    assert dropped[6] == "line 6: Orders target -3 is out of range: it cannot be negative"
    assert dropped[7].startswith("line 7: Revenue target 1e+30 is out of range: it must be")
