"""The training scripts' own options (bench/): what they promise about the models they write."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def test_the_markup_models_fit_runs_on_the_threads_it_is_given_and_they_do_not_change_the_model():
    """``--threads`` (default 1) caps OpenMP's threads during the fit; one thread or two give the same trees."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_info

    import train_markup_model

    rng = np.random.default_rng(0)
    rows = rng.normal(size=(4000, 12))
    labels = (rows[:, 0] + 0.5 * rows[:, 3] * rows[:, 5] + rng.normal(scale=0.5, size=4000) > 0).astype(int)

    def fitted(threads: int):
        with train_markup_model.limited_threads(threads):
            openmp = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "openmp"]
            model = HistGradientBoostingClassifier(max_iter=30, max_depth=4, random_state=0).fit(rows, labels)
        return openmp, model.predict_proba(rows)[:, 1]

    threads_one, one = fitted(1)
    threads_two, two = fitted(2)
    assert threads_one and set(threads_one) == {1}
    assert set(threads_two) == {2}
    assert np.array_equal(one, two)
