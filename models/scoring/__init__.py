"""Who and which: customers at risk of lapsing and leads likely to convert.

The pages import from here; the modules below are this package's own business.
"""

from models.scoring.bgnbd import FEATURES, expected_purchases, fit_bgnbd, p_no_purchase, rfm_summary
from models.scoring.customers import (
    NUMERIC,
    RiskSpec,
    churn_lift,
    churn_risk,
    explain,
    lapse_labels,
    purchase_days,
)
from models.scoring.leads import conversion_labels, lead_lift, lead_scores, usable_leads

__all__ = [
    "FEATURES",
    "NUMERIC",
    "RiskSpec",
    "churn_lift",
    "churn_risk",
    "conversion_labels",
    "expected_purchases",
    "explain",
    "fit_bgnbd",
    "lapse_labels",
    "lead_lift",
    "lead_scores",
    "p_no_purchase",
    "purchase_days",
    "rfm_summary",
    "usable_leads",
]
