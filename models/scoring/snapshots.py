"""Probability models trained on past snapshots of a history, shared by churn and lead scoring.

A *snapshot* is a day ``s`` in the past: features from what was known before ``s``, a label
from what happened in the ``horizon`` days after it. :class:`SnapshotClassifier` chooses
between gradient boosting and logistic regression on the latest snapshot(s), held out (the
candidates are trained on snapshots whose label windows end on or before it), then refits
the chosen one on every snapshot.

Calibration. Both candidates minimise log loss, so their probabilities are calibrated on
the snapshots they learn from, which span a year of seasons. An extra Platt map fitted on
the latest held-out snapshot (``calibrate=True``) was measured on the benchmark
(``benchmarks/results/risk.md``) and made the expected number of lapses *worse*: the
held-out window is in a different season from the one being scored (a winter quarter
calibrated on an autumn one). It stays available, off by default; the held-out check
(expected vs actual) is kept in ``validation_``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from models.core.errors import DataError
from models.core.formatting import format_day, format_number
from models.core.i18n import t

ESTIMATORS = ("boosting", "logistic", "blend")
MIN_PER_CLASS = 5  # fewer positives or negatives than this in the history: nothing to learn
RARE_LEVEL = 10  # categories seen fewer times in training are pooled


class Blend(ClassifierMixin, BaseEstimator):
    """The average of the probabilities of several classifiers fitted on the same rows."""

    def __init__(self, members: tuple = ()):
        self.members = members

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> Blend:
        self.members_ = [clone(m).fit(X, y) for m in self.members]
        self.classes_ = self.members_[0].classes_
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        check_is_fitted(self, "members_")
        return np.mean([m.predict_proba(X) for m in self.members_], axis=0)


def make_estimator(
    kind: str, numeric: list[str], categorical: list[str], seed: int
) -> Pipeline | Blend:
    """An unfitted pipeline of the given kind over the named columns.

    ``boosting`` is scikit-learn's histogram gradient boosting (categorical columns encoded
    as ordinals and split natively); ``logistic`` standardises the numeric columns and
    one-hot encodes the categorical ones; ``blend`` averages the two.
    """
    if kind == "blend":
        return Blend(
            (
                make_estimator("boosting", numeric, categorical, seed),
                make_estimator("logistic", numeric, categorical, seed),
            )
        )
    if kind == "boosting":
        pre = ColumnTransformer(
            [
                (
                    "cat",
                    OrdinalEncoder(
                        handle_unknown="use_encoded_value",
                        unknown_value=-1,
                        encoded_missing_value=-1,
                        min_frequency=RARE_LEVEL,
                        max_categories=60,
                    ),
                    categorical,
                ),
                ("num", "passthrough", numeric),
            ],
            verbose_feature_names_out=False,
        )
        mask = [True] * len(categorical) + [False] * len(numeric)
        model = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=200,
            max_leaf_nodes=15,
            min_samples_leaf=40,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=seed,
            categorical_features=mask if categorical else None,
        )
        return Pipeline([("pre", pre), ("model", model)])
    if kind == "logistic":
        parts = [("num", StandardScaler(), numeric)]
        if categorical:
            parts.append(
                (
                    "cat",
                    OneHotEncoder(
                        handle_unknown="infrequent_if_exist",
                        min_frequency=RARE_LEVEL,
                        sparse_output=False,
                    ),
                    categorical,
                )
            )
        return Pipeline(
            [("pre", ColumnTransformer(parts)), ("model", LogisticRegression(C=1.0, max_iter=2000))]
        )
    raise ValueError(f"unknown estimator {kind!r}; expected one of {ESTIMATORS}")


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


@dataclass(frozen=True)
class Validation:
    """How each candidate did on the held-out snapshots (before calibration)."""

    snapshot: pd.Timestamp
    n_rows: int
    n_positive: int
    log_loss: dict[str, float]
    auc: dict[str, float]
    expected: dict[str, float]  # sum of the probabilities on the held-out rows


class SnapshotClassifier(ClassifierMixin, BaseEstimator):
    """Choose, calibrate and refit a classifier on time-ordered snapshots.

    Parameters
    ----------
    numeric, categorical
        Feature columns of ``X``.
    horizon
        Days of each snapshot's label window: a snapshot trains the model used to score the
        held-out one only if its labels were known by then (``s + horizon <= s_holdout``).
    candidates
        Estimator kinds tried (see :func:`make_estimator`); the one with the lowest log loss
        on the held-out snapshots wins.
    n_holdout
        How many of the latest snapshots are held out to choose and calibrate.
    refit
        After calibrating, refit the chosen estimator on every snapshot (held-out ones too).
    seed
        Random state of the boosting model (the logistic fit is deterministic).
    """

    def __init__(
        self,
        numeric: tuple[str, ...] = (),
        categorical: tuple[str, ...] = (),
        horizon: int = 90,
        candidates: tuple[str, ...] = ESTIMATORS,
        n_holdout: int = 1,
        refit: bool = True,
        calibrate: bool = True,
        seed: int = 0,
    ):
        self.numeric = numeric
        self.categorical = categorical
        self.horizon = horizon
        self.candidates = candidates
        self.n_holdout = n_holdout
        self.refit = refit
        self.calibrate = calibrate
        self.seed = seed

    @staticmethod
    def _enough(y: np.ndarray) -> bool:
        return min(y.sum(), len(y) - y.sum()) >= MIN_PER_CLASS

    def _make(self, kind: str) -> Pipeline | Blend:
        return make_estimator(kind, list(self.numeric), list(self.categorical), self.seed)

    def fit(self, X: pd.DataFrame, y: pd.Series, snapshot: pd.Series) -> SnapshotClassifier:
        """Learn from the rows of every snapshot; ``snapshot`` gives each row's day."""
        # One thread: OpenMP threads in boosting are 20-30 times slower, not faster, when
        # other processes share the cores (measured on the 2-core CI machine).
        with threadpool_limits(limits=1):
            return self._fit(X, y, snapshot)

    def _fit(self, X: pd.DataFrame, labels: pd.Series, snapshots: pd.Series) -> SnapshotClassifier:
        y = np.asarray(labels, dtype=int)
        snapshot = pd.to_datetime(pd.Series(np.asarray(snapshots)))
        if min(y.sum(), len(y) - y.sum()) < MIN_PER_CLASS:
            raise DataError.coded(
                "too_few_examples", positive=int(y.sum()), negative=int(len(y) - y.sum())
            )
        self.classes_ = np.array([0, 1])
        days = np.sort(snapshot.unique())[::-1]
        holdout = snapshot.isin(days[: self.n_holdout]).to_numpy()
        first_held = days[: self.n_holdout].min()
        # strictly: train on snapshots whose labels were known when the held-out ones start;
        # on a short history, on every older snapshot (validation is then a little optimistic)
        train = (snapshot + pd.Timedelta(days=self.horizon) <= first_held).to_numpy()
        if not self._enough(y[train]):
            train = (snapshot < first_held).to_numpy()
        y_hold = y[holdout]
        if not (self._enough(y[train]) and 0 < y_hold.sum() < len(y_hold)):
            # too short a history to hold anything out: logistic, uncalibrated
            self.estimator_name_ = "logistic"
            self.model_ = self._make("logistic").fit(X, y)
            self.calibrator_ = None
            self.validation_ = None
            return self
        losses: dict[str, float] = {}
        aucs: dict[str, float] = {}
        held: dict[str, np.ndarray] = {}
        for kind in self.candidates:
            if kind == "blend" and {"boosting", "logistic"} <= held.keys():
                held[kind] = (held["boosting"] + held["logistic"]) / 2  # same fits, averaged
            else:
                model = self._make(kind).fit(X[train], y[train])
                held[kind] = model.predict_proba(X[holdout])[:, 1]
            losses[kind] = float(log_loss(y_hold, held[kind], labels=[0, 1]))
            aucs[kind] = float(roc_auc_score(y_hold, held[kind]))
        self.estimator_name_ = min(losses, key=losses.__getitem__)
        self.validation_ = Validation(
            pd.Timestamp(first_held),
            int(holdout.sum()),
            int(y_hold.sum()),
            losses,
            aucs,
            {k: float(v.sum()) for k, v in held.items()},
        )
        self.calibrator_ = (
            LogisticRegression(C=1e6, max_iter=1000).fit(
                _logit(held[self.estimator_name_]).reshape(-1, 1), y_hold
            )
            if self.calibrate
            else None
        )
        if self.refit:
            self.model_ = self._make(self.estimator_name_).fit(X, y)
        else:
            self.model_ = self._make(self.estimator_name_).fit(X[train], y[train])
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        check_is_fitted(self, "model_")
        with threadpool_limits(limits=1):
            raw = self.model_.predict_proba(X)[:, 1]
        if self.calibrator_ is not None:
            raw = self.calibrator_.predict_proba(_logit(raw).reshape(-1, 1))[:, 1]
        return np.column_stack([1 - raw, raw])


def as_categories(values: pd.Series) -> pd.Series:
    """Text labels for a categorical feature; blanks become ``(empty)``."""
    return values.astype("string").fillna("(empty)").astype(object)


def snapshot_days(
    first: pd.Timestamp, as_of: pd.Timestamp, horizon: int, step: int, n_max: int, warm_up: int
) -> list[pd.Timestamp]:
    """Snapshot days, latest first: ``as_of - horizon``, then back by ``step`` days.

    A snapshot needs ``warm_up`` days of history before it; its labels (the ``horizon``
    days after it) end on or before ``as_of``.
    """
    days: list[pd.Timestamp] = []
    day = as_of - pd.Timedelta(days=horizon)
    while len(days) < n_max and day >= first + pd.Timedelta(days=warm_up):
        days.append(day)
        day -= pd.Timedelta(days=step)
    return days


def random_hits(n_top: int, base_rate: float, lang: str = "en") -> str:
    """What a random pick of ``n_top`` would have caught, in words ("23", "0.4" / "0,4")."""
    expected = base_rate * n_top
    return format_number(expected, lang, 0 if expected >= 1 or expected == 0 else 1)


def lift_sentence(
    key: str,
    lang: str,
    *,
    as_of: pd.Timestamp,
    window: int,
    n: int,
    n_top: int,
    hits: int,
    base_rate: float,
    expected: float,
    actual: int,
) -> str:
    """A ranking's check on its last known window in words (``risk.lift``, ``leads.lift``):
    of the ``n_top`` ranked first on ``as_of``, ``hits`` did it within ``window`` days, against
    what a random pick would have caught; ``expected`` against ``actual`` among all ``n``."""
    count = lambda value: format_number(value, lang)  # noqa: E731
    return t(
        key,
        lang,
        n_top=count(n_top),
        day=format_day(as_of, lang),
        hits=count(hits),
        window=window,
        random=random_hits(n_top, base_rate, lang),
        expected=count(expected),
        n=count(n),
        actual=count(actual),
    )


@dataclass(frozen=True)
class LiftReport:
    """How well a ranking did on the last window whose outcome is known.

    ``n`` were ranked on ``as_of`` (active customers, open leads); of the ``n_top`` ranked
    first, ``hits`` did it (lapsed, converted) within ``window`` days, against ``base_rate``
    among all; ``expected`` is the sum of their probabilities, ``actual`` how many did it.
    ``key`` names the sentence in the catalogue (``risk.lift``, ``leads.lift``).
    """

    key: str
    as_of: pd.Timestamp
    window: int
    n: int
    n_top: int
    hits: int
    base_rate: float
    expected: float
    actual: int
    auc: float

    def sentence(self, lang: str = "en") -> str:
        """The check in words, in ``lang``."""
        return lift_sentence(
            self.key,
            lang,
            as_of=self.as_of,
            window=self.window,
            n=self.n,
            n_top=self.n_top,
            hits=self.hits,
            base_rate=self.base_rate,
            expected=self.expected,
            actual=self.actual,
        )


def check_ranking(
    key: str,
    as_of: pd.Timestamp,
    window: int,
    probabilities: pd.Series,
    outcomes: pd.Series,
    top: int,
) -> LiftReport:
    """The :class:`LiftReport` of ``probabilities`` (ranked, highest first) against what
    happened (``outcomes``: 1 when it did, in the same order); the top is at most half."""
    n_top = int(min(top, max(1, len(probabilities) // 2)))
    has_both = 0 < outcomes.sum() < len(outcomes)
    return LiftReport(
        key=key,
        as_of=as_of,
        window=window,
        n=len(probabilities),
        n_top=n_top,
        hits=int(outcomes.iloc[:n_top].sum()),
        base_rate=float(outcomes.mean()),
        expected=float(probabilities.sum()),
        actual=int(outcomes.sum()),
        auc=float(roc_auc_score(outcomes, probabilities)) if has_both else float("nan"),
    )
