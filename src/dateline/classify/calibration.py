"""Calibration of the event head, kept apart from fitting (as scikit-learn's CalibratedClassifierCV is):
Platt scaling fitted on decision values of examples the model did not see, and the measures of it."""
from __future__ import annotations

import numpy as np

BINS = 10


def fit_platt(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """(a, b) such that 1 / (1 + exp(-(a * score + b))) is a calibrated probability."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(np.asarray(scores).reshape(-1, 1), truth)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def reliability_table(p: np.ndarray, truth: np.ndarray, bins: int = BINS) -> list[dict]:
    """Per probability bin: how many examples, the mean probability given, and how often it was an event."""
    rows = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = (p >= low) & ((p < high) if k < bins - 1 else (p <= high))
        if inside.any():
            rows.append({"bin": f"{low:.1f}-{high:.1f}", "n": int(inside.sum()),
                         "mean_p": round(float(p[inside].mean()), 4), "events": round(float(truth[inside].mean()), 4)})
    return rows


def expected_calibration_error(p: np.ndarray, truth: np.ndarray, bins: int = BINS) -> float:
    """The mean gap between probability given and frequency found, weighted by each bin's size."""
    if len(p) == 0:
        return 0.0
    return float(sum(row["n"] * abs(row["mean_p"] - row["events"]) for row in reliability_table(p, truth, bins))
                 / len(p))
