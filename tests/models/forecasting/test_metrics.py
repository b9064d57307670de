"""Forecast accuracy metrics against values computed by hand."""

import math

import numpy as np
import pytest

from models.forecasting.metrics import coverage, interval_score, mase, mase_scale, msis, smape

# --- sMAPE -------------------------------------------------------------------------------


def test_smape_by_hand():
    # 200*10/210 = 9.5238..., 200*20/380 = 10.5263...; mean 10.0251...
    assert smape([100, 200], [110, 180]) == pytest.approx((2000 / 210 + 4000 / 380) / 2)


def test_smape_is_symmetric_in_actual_and_forecast():
    assert smape([100, 50], [120, 40]) == pytest.approx(smape([120, 40], [100, 50]))


def test_smape_bounds():
    assert smape([5, 5], [5, 5]) == 0
    assert smape([10], [0]) == 200  # a zero forecast of a non-zero actual
    assert smape([-10], [10]) == 200  # opposite signs: the M3 maximum


def test_smape_both_zero_is_a_perfect_forecast():
    assert smape([0, 10], [0, 10]) == 0
    assert smape([0, 10], [0, 30]) == pytest.approx((0 + 200 * 20 / 40) / 2)


def test_smape_vectorised_over_rows():
    y = np.array([[100, 200], [10, 10]])
    f = np.array([[110, 180], [10, 30]])
    np.testing.assert_allclose(smape(y, f), [smape(y[0], f[0]), smape(y[1], f[1])])
    assert smape(y, f)[1] == pytest.approx((0 + 200 * 20 / 40) / 2)


def test_smape_nan_propagates_and_empty_is_nan():
    assert math.isnan(smape([1, np.nan], [1, 1]))
    assert math.isnan(smape([], []))


def test_shapes_must_match():
    with pytest.raises(ValueError):
        smape([1, 2, 3], [1, 2])


# --- MASE --------------------------------------------------------------------------------


def test_mase_by_hand_seasonal():
    # season 2: |3-1|, |4-2|, |6-3|, |8-4| -> scale (2+2+3+4)/4 = 2.75
    insample = [1, 2, 3, 4, 6, 8]
    assert mase_scale(insample, season=2) == pytest.approx(2.75)
    # forecast errors 1 and 4 -> MAE 2.5 -> 2.5 / 2.75
    assert mase([10, 10], [9, 14], insample, season=2) == pytest.approx(2.5 / 2.75)


def test_mase_by_hand_lag_one():
    # lag 1 on [1, 2, 3, 4, 5]: scale 1; errors 1 and 2 -> 1.5
    assert mase([13, 14], [12, 12], insample=[1, 2, 3, 4, 5], season=1) == 1.5


def test_mase_falls_back_to_lag_one_when_shorter_than_season_plus_one():
    short = [1, 3, 6, 10]  # 4 points < 12 + 1
    assert mase_scale(short, season=12) == pytest.approx((2 + 3 + 4) / 3)
    exactly = list(range(13))  # 13 points = 12 + 1: the seasonal lag applies
    assert mase_scale(exactly, season=12) == 12


def test_mase_constant_insample_is_nan():
    assert math.isnan(mase_scale([7, 7, 7, 7], season=1))
    assert math.isnan(mase([1, 2], [1, 1], insample=[5] * 30, season=12))


def test_mase_periodic_insample_has_zero_seasonal_scale():
    # A perfectly seasonal history: seasonal naive is exact in-sample, the scale is 0.
    assert math.isnan(mase([1], [2], insample=[1, 2, 3] * 5, season=3))


def test_mase_too_short_insample_is_nan():
    assert math.isnan(mase_scale([4.0], season=12))
    assert math.isnan(mase_scale([], season=1))


def test_mase_perfect_forecast_is_zero_and_rows_share_the_scale():
    insample = [1, 2, 3, 4, 6, 8]
    assert mase([3, 4], [3, 4], insample, season=2) == 0
    np.testing.assert_allclose(
        mase([[10, 10], [0, 0]], [[9, 14], [1, 1]], insample, season=2), [2.5 / 2.75, 1 / 2.75]
    )


def test_mase_rejects_a_bad_season_or_shape():
    with pytest.raises(ValueError):
        mase_scale([1, 2, 3], season=0)
    with pytest.raises(ValueError):
        mase_scale([[1, 2], [3, 4]], season=1)


# --- coverage ----------------------------------------------------------------------------


def test_coverage_by_hand_bounds_included():
    assert coverage([1, 5, 9, 0], [0, 0, 0, 0], [5, 5, 5, 5]) == 0.75


def test_coverage_vectorised_and_empty():
    y = [[1, 2], [3, 4]]
    np.testing.assert_allclose(coverage(y, [[0, 0], [0, 0]], [[1, 1], [4, 4]]), [0.5, 1.0])
    assert math.isnan(coverage([], [], []))
    assert math.isnan(coverage([1, 2], [0, np.nan], [3, 3]))


# --- interval score ----------------------------------------------------------------------


def test_interval_score_by_hand():
    # width 10 each; 12 is 2 above an 80 % interval: penalty 2/0.2 * 2 = 20 -> (10 + 30) / 2
    assert interval_score([5, 12], [0, 0], [10, 10], level=80) == pytest.approx(20)
    # below the lower bound by 1 with a 95 % interval: 2/0.05 * 1 = 40, plus width 2
    assert interval_score([-1], [0], [2], level=95) == pytest.approx(42)


def test_interval_score_is_the_width_when_everything_is_inside():
    assert interval_score([1, 2, 3], [0, 0, 0], [4, 4, 4], level=95) == pytest.approx(4)


def test_interval_score_rejects_a_bad_level():
    for level in (0, 100):
        with pytest.raises(ValueError):
            interval_score([1], [0], [2], level=level)


def test_msis_divides_by_the_seasonal_naive_scale():
    insample = [1, 2, 3, 4, 6, 8]  # scale 2.75 at lag 2
    assert msis([5, 12], [0, 0], [10, 10], insample, level=80, season=2) == pytest.approx(20 / 2.75)
