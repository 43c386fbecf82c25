"""The event model: one linear layer over the sentence's features, read by three heads.

- `acled`: which of ACLED's 25 sub-event types the text reports as having happened (or as claimed to have),
  or NONE. An event is any of 25 kinds, so "is it an event" is read from this head as 1 - P(NONE), which a
  single yes/no direction learns worse; that probability is calibrated (Platt scaling fitted on held-out
  folds, see calibration.py).
- `plover`: which of PLOVER's 16 types, or NONE.
- `status`: happened, claimed, denied, planned, hypothetical, historical.

Inference needs numpy only; fitting lives in train.py (scikit-learn, `make train`). The weights ship in
the package (event_model.npz) and load on first use, never at import.
"""
from __future__ import annotations

import json
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources as package_files
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .features import feature_weights, features

MODEL_FILE = "event_model.npz"
CARD_FILE = "event_model.json"
HEADS = ("acled", "plover", "status")
Candidate = tuple[str, str, "dict[str, str] | None"]  # sentence, headline, the rules' reading (features.reading_of)
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the model thinks of one sentence."""

    event: float  # calibrated probability of an ACLED-scope event that happened
    acled: dict[str, float]  # sub-event type -> probability, given that it is an ACLED-scope event
    plover: dict[str, float]  # PLOVER type or NONE -> probability
    status: dict[str, float]

    @property
    def acled_type(self) -> str:
        return max(self.acled, key=self.acled.__getitem__)

    @property
    def plover_type(self) -> str:
        return max(self.plover, key=self.plover.__getitem__)

    @property
    def status_label(self) -> str:
        return max(self.status, key=self.status.__getitem__)


class EventModel:
    """A fitted event model. Build one with `EventModel.load()` (the shipped one) or `train.fit(...)`."""

    def __init__(self, *, vocabulary: Sequence[str], weights: np.ndarray, bias: np.ndarray,
                 labels: dict[str, Sequence[str]], calibration: tuple[float, float], card: dict | None = None):
        self.vocabulary_ = {feature: i for i, feature in enumerate(vocabulary)}
        self.weights_ = np.asarray(weights, dtype=np.float32)
        self.bias_ = np.asarray(bias, dtype=np.float32)
        self.labels_ = {head: tuple(labels[head]) for head in HEADS}
        self.calibration_ = (float(calibration[0]), float(calibration[1]))
        self.card = card or {}
        reading_weight = float(self.card.get("config", {}).get("reading_weight", 1.0))
        if not reading_weight >= 0:
            raise ModelError(f"reading_weight {reading_weight!r} is not a weight of 0 or more", code="E602")
        self.feature_weights_ = feature_weights(vocabulary, reading_weight).astype(np.float32)
        widths = [len(self.labels_[head]) for head in HEADS]
        if self.weights_.shape != (len(vocabulary), sum(widths)) or self.bias_.shape != (sum(widths),):
            raise ModelError(f"weights of shape {self.weights_.shape} do not fit {len(vocabulary)} features and "
                             f"heads of widths {widths}", code="E602")
        ends = np.cumsum(widths)
        self._slices = {head: slice(int(end - width), int(end))
                        for head, width, end in zip(HEADS, widths, ends, strict=True)}

    @property
    def threshold(self) -> float:
        """The event probability above which an event is given, chosen on development data for precision."""
        return float(self.card.get("threshold", 0.2))  # 0.2: training/config.json's

    # -- inference
    def scores(self, candidates: Iterable[Candidate]) -> np.ndarray:
        """The linear layer's raw scores, one row per (text, context, reading)."""
        rows = []
        for text, context, reading in candidates:
            columns = sorted({self.vocabulary_[f] for f in features(text, context, reading) if f in self.vocabulary_})
            row = self.bias_.copy()
            if columns:
                values = self.feature_weights_[columns]
                row += values @ self.weights_[columns] / math.sqrt(max(float(values @ values), 1e-12))
            rows.append(row)
        return np.vstack(rows) if rows else np.zeros((0, self.bias_.shape[0]), dtype=np.float32)

    def event_logit(self, scores: np.ndarray) -> np.ndarray:
        """log P(event) / P(no event) before calibration, from the acled head's scores."""
        return event_logit(scores[:, self._slices["acled"]], self.labels_["acled"].index(NONE))

    def event_probability(self, scores: np.ndarray) -> np.ndarray:
        """Calibrated P(event) for rows of raw scores."""
        a, b = self.calibration_
        return 1.0 / (1.0 + np.exp(-(a * self.event_logit(scores) + b)))

    def judge(self, candidates: Iterable[Candidate]) -> list[Judgement]:
        """A Judgement per (sentence, article headline, the rules' reading or None)."""
        scores = self.scores(candidates)
        if not len(scores):
            return []
        event = self.event_probability(scores)
        heads = {head: _softmax(scores[:, self._slices[head]]) for head in HEADS}
        types = [label for label in self.labels_["acled"] if label != NONE]
        keep = [i for i, label in enumerate(self.labels_["acled"]) if label != NONE]
        acled = heads["acled"][:, keep]
        acled = acled / acled.sum(axis=1, keepdims=True)
        return [Judgement(float(event[i]), dict(zip(types, map(float, acled[i]), strict=True)),
                          *({label: float(p) for label, p in zip(self.labels_[head], heads[head][i], strict=True)}
                            for head in ("plover", "status")))
                for i in range(len(scores))]

    # -- files
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        vocabulary = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        np.savez_compressed(folder / MODEL_FILE, vocabulary=np.array(vocabulary), weights=self.weights_,
                            bias=self.bias_)
        card = {**self.card, "labels": {h: list(v) for h, v in self.labels_.items()},
                "calibration": list(self.calibration_)}
        (folder / CARD_FILE).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path | None = None) -> EventModel:
        """The model in `folder`, or the one shipped in the package."""
        base = Path(folder) if folder is not None else package_files.files("dateline.classify")
        try:
            card = json.loads(base.joinpath(CARD_FILE).read_text(encoding="utf-8"))
            with base.joinpath(MODEL_FILE).open("rb") as f, np.load(f, allow_pickle=False) as arrays:
                vocabulary, weights, bias = arrays["vocabulary"].tolist(), arrays["weights"], arrays["bias"]
            return cls(vocabulary=vocabulary, weights=weights, bias=bias, labels=card["labels"],
                       calibration=tuple(card["calibration"]), card=card)
        except FileNotFoundError as error:
            raise ModelError(f"no event model at {base}: {error.filename} is missing (run `make train`)",
                             code="E601") from error
        except (ValueError, KeyError, TypeError, OSError, zipfile.BadZipFile) as error:
            raise ModelError(f"the event model at {base} cannot be read: {error!r}", code="E602") from error


def event_logit(acled: np.ndarray, none: int) -> np.ndarray:
    """log sum over the 25 event columns minus the NONE column: the same from raw scores or log
    probabilities (the softmax's normaliser cancels), so training calibrates what inference computes."""
    acled = acled.astype(np.float64)
    events = np.delete(acled, none, axis=1)
    top = events.max(axis=1)
    return top + np.log(np.exp(events - top[:, None]).sum(axis=1)) - acled[:, none]


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
