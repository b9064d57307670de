"""Import every file of ../shared/realdata as the table it should be, and print the outcome.

Run: ``.venv/bin/python benchmarks/import_realdata.py [path/to/realdata]``. For each file:
rows kept / read and what was detected, or the DataError message a user would see.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the engine is at the root

from models import DataError, import_table

# file (relative to realdata) -> the kinds a user would try to load it as
EXPECTED = {
    "superstore/classic_kaggle_2014_2017/Sample - Superstore.csv": ["orders"],
    "superstore/tableau_2020_utf8bom/Sample - Superstore.csv": ["orders"],
    "superstore/tableau_2023_xls/Sample - Superstore.csv": ["orders"],
    "superstore/tableau_2023_xls/Sample - Superstore.xls": ["orders"],
    "olist_marketing_funnel/olist_marketing_qualified_leads_dataset.csv": ["leads"],
    "olist_marketing_funnel/olist_closed_deals_dataset.csv": ["leads", "conversions"],
    "olist_ecommerce_sample15k/olist_orders_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/olist_order_payments_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/olist_order_items_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/olist_order_reviews_dataset.csv": ["feedback"],
    "olist_ecommerce_sample15k/olist_customers_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/olist_products_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/olist_sellers_dataset.csv": ["orders"],
    "olist_ecommerce_sample15k/product_category_name_translation.csv": ["orders"],
    "call_center_anonymous_bank_1999/data_anonymous_bank_february.txt": ["calls"],
    "pwc_call_center_demo/Contact-Center-Dataset.xlsx": ["calls", "feedback"],
    "maven_crm_sales_opportunities/sales_pipeline.csv": ["leads"],
    "maven_crm_sales_opportunities/accounts.csv": ["orders"],
    "maven_crm_sales_opportunities/products.csv": ["orders"],
    "maven_crm_sales_opportunities/sales_teams.csv": ["orders"],
    "maven_crm_sales_opportunities/data_dictionary.csv": ["orders"],
    "us_retail_sales_fred/RSXFSN.csv": ["orders"],
    "us_retail_sales_fred/RSAFS.csv": ["orders"],
    "us_retail_sales_fred/MRTSSM44000USS.csv": ["orders"],
    "walmart_weekly_store_sales/Walmart.csv": ["orders"],
    "perrin_freres_champagne/perrin-freres-monthly-champagne-.csv": ["orders"],
    "telco_customer_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv": ["orders"],
}


def main(folder: Path) -> None:
    for relative, kinds in EXPECTED.items():
        for kind in kinds:
            started = time.perf_counter()
            try:
                result = import_table(folder / relative, kind)
            except DataError as err:
                outcome = f"DataError: {err}"
            else:
                r = result.report
                detected = ", ".join(f"{k} {v}" for k, v in r.detected.items())
                outcome = (
                    f"OK {r.rows_kept:,}/{r.rows_read:,} rows kept"
                    f"{f' ({r.rows_dropped:,} dropped: ' + '; '.join(r.dropped) + ')' if r.rows_dropped else ''}"
                    f"; {detected}; " + "; ".join(r.notes)
                )
            print(f"| {relative} | {kind} | {outcome} | {time.perf_counter() - started:.2f}s |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "realdata")
