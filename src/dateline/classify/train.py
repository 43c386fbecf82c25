"""Fit the event model from the training corpus: `make train`, or

    python -m dateline.classify.train training/corpus --config training/config.json --out src/dateline/classify

Deterministic: the files are read in name order, the split is by a hash of the text, the solver is
lbfgs on one thread. Needs scikit-learn (the `train` extra); the fitted model needs only numpy.
Settings (training/config.json): `min_count` (a feature seen in fewer examples is dropped), `c` (inverse
regularisation per head), `folds` (for calibration), `threshold` (stored in the model card),
`reading_weight` (what a feature of the rules' reading counts against a word's 1, features.feature_weights), and
`allow_missing_labels` (a partial corpus, while writing one: a label with no example is never given).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError
from . import corpus
from .calibration import expected_calibration_error, fit_platt, reliability_table
from .features import feature_weights, features
from .model import HEADS, NONE, Candidate, EventModel, event_logit
from .readings import rule_readings

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

Readings = Sequence[dict[str, str] | None]  # the rules' reading of each example (None: they found none)

DEFAULTS: dict[str, Any] = {"min_count": 2, "c": {"acled": 8.0, "plover": 8.0, "status": 4.0}, "folds": 5,
                            "threshold": 0.2, "reading_weight": 1.0}


# besides the corpus, what the model's inputs are made from: a change to any of them calls for `make train`
INPUT_FILES = ("classify/features.py", "stages/events/frame.py", "data/event_triggers.json", "data/acled_words.json")


def inputs_digest(corpus_folder: str | Path) -> str:
    """sha1 of the corpus files and of the code and data that turn an example into features."""
    package = Path(__file__).resolve().parent.parent
    parts = [p.read_bytes() for p in corpus.files(corpus_folder)] + [(package / f).read_bytes() for f in INPUT_FILES]
    return hashlib.sha1(b"".join(parts)).hexdigest()


def vocabulary_of(candidates: list[Candidate], min_count: int) -> list[str]:
    """Features seen in at least `min_count` training examples, in a fixed order."""
    seen: Counter = Counter()
    for text, context, reading in candidates:
        seen.update(set(features(text, context, reading)))
    return sorted(f for f, n in seen.items() if n >= min_count)


def vectorize(vocabulary: dict[str, int], candidates: list[Candidate], reading_weight: float = 1.0) -> csr_matrix:
    """Each feature its weight (features.feature_weights), each row scaled to unit length (what
    EventModel.scores computes)."""
    from scipy.sparse import csr_matrix

    weights = feature_weights(sorted(vocabulary, key=vocabulary.__getitem__), reading_weight)
    indptr, indices, data = [0], [], []
    for text, context, reading in candidates:
        columns = sorted({vocabulary[f] for f in features(text, context, reading) if f in vocabulary})
        values = weights[columns]
        indices.extend(columns)
        data.extend((values / math.sqrt(max(float(values @ values), 1e-12))).tolist())
        indptr.append(len(indices))
    return csr_matrix((np.array(data, dtype=np.float64), indices, indptr), shape=(len(candidates), len(vocabulary)),
                      dtype=np.float64)


def _fit_head(x: csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        raise ModelError(f"a head needs at least two labels, got {sorted(set(y))}", code="E604")
    return LogisticRegression(C=c, max_iter=3000, solver="lbfgs").fit(x, y)


def _out_of_fold(x: csr_matrix, y: np.ndarray, c: float, folds: int) -> np.ndarray:
    """The event logit of each training example from a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(y))
    for train, held in StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(x, y):
        fitted = _fit_head(x[train], y[train], c)
        scores[held] = event_logit(fitted.predict_log_proba(x[held]), list(fitted.classes_).index(NONE))
    return scores


def candidates_of(examples: list[corpus.Example], readings: Readings | None = None) -> list[Candidate]:
    """(text, context, the rules' reading) of each example; the readings are computed when not given."""
    readings = rule_readings([e.text for e in examples]) if readings is None else readings
    return [(e.text, e.context, r) for e, r in zip(examples, readings, strict=True)]


def fit(examples: list[corpus.Example], config: dict | None = None, readings: Readings | None = None) -> EventModel:
    """An EventModel fitted on these examples (all of them: split before calling)."""
    config = {**DEFAULTS, **(config or {})}
    c = {**DEFAULTS["c"], **config.get("c", {})}
    if not config["reading_weight"] >= 0:
        raise ModelError(f"reading_weight {config['reading_weight']!r} is not a weight of 0 or more", code="E604")
    candidates = candidates_of(examples, readings)
    vocabulary = vocabulary_of(candidates, config["min_count"])
    index = {f: i for i, f in enumerate(vocabulary)}
    x = vectorize(index, candidates, config["reading_weight"])
    labels: dict[str, Sequence[str]] = {"acled": (NONE, *corpus.SUB_EVENTS), "plover": (NONE, *corpus.PLOVER),
                                        "status": corpus.STATUSES}
    targets = {
        "acled": np.array([e.acled if e.is_event else NONE for e in examples], dtype=object),
        "plover": np.array([e.plover or NONE for e in examples], dtype=object),
        "status": np.array([e.status for e in examples], dtype=object),
    }
    rows = {"acled": np.arange(len(examples)), "plover": np.arange(len(examples)),
            "status": np.array([i for i, e in enumerate(examples) if e.status is not None])}
    blocks, biases = [], []
    for head in HEADS:
        y = targets[head][rows[head]]
        missing = sorted(set(labels[head]) - set(map(str, y)))
        if missing and not config.get("allow_missing_labels"):
            raise ModelError(f"the {head} head has no training example for {', '.join(missing)}", code="E604")
        fitted = _fit_head(x[rows[head]], y, c[head])
        classes = list(fitted.classes_)
        coef = fitted.coef_ if len(classes) > 2 else np.vstack([-fitted.coef_[0] / 2, fitted.coef_[0] / 2])
        intercept = fitted.intercept_ if len(classes) > 2 else np.array([-fitted.intercept_[0] / 2,
                                                                         fitted.intercept_[0] / 2])
        # a label with no example (a partial corpus, allowed only by allow_missing_labels) is never given
        blocks.append(np.column_stack([coef[classes.index(label)] if label in classes else np.zeros(x.shape[1])
                                       for label in labels[head]]))
        biases.append(np.array([intercept[classes.index(label)] if label in classes else -1e4
                                for label in labels[head]]))
    is_event = np.array([e.is_event for e in examples])
    calibration = fit_platt(_out_of_fold(x, targets["acled"], c["acled"], config["folds"]), is_event)
    card = {"threshold": config["threshold"], "config": config, "training_examples": len(examples),
            "features": len(vocabulary)}
    return EventModel(vocabulary=vocabulary, weights=np.hstack(blocks), bias=np.concatenate(biases),
                      labels=labels, calibration=calibration, card=card)


def evaluate(model: EventModel, examples: list[corpus.Example], readings: Readings | None = None) -> dict:
    """Figures of a model on examples it was not trained on (our test split)."""
    judged = model.judge(candidates_of(examples, readings))
    truth = np.array([e.is_event for e in examples])
    p = np.array([j.event for j in judged])
    given = p >= model.threshold
    tp = int((given & truth).sum())
    figures = {"examples": len(examples), "events": int(truth.sum()),
               "event_precision": _ratio(tp, int(given.sum())), "event_recall": _ratio(tp, int(truth.sum())),
               "non_events_rejected": _ratio(int((~given & ~truth).sum()), int((~truth).sum())),
               "ece": round(expected_calibration_error(p, truth), 4),
               "reliability": reliability_table(p, truth)}
    for head, gold in (("acled", lambda e: e.acled if e.is_event else None), ("plover", lambda e: e.plover or NONE),
                       ("status", lambda e: e.status)):
        pairs = [(label, getattr(j, f"{head}_type" if head != "status" else "status_label"))
                 for e, j in zip(examples, judged, strict=True) if (label := gold(e)) is not None]
        figures[head] = _per_class(pairs)
    return figures


def _per_class(pairs: list[tuple[str, str]]) -> dict:
    labels = sorted({g for g, _ in pairs})
    table, f1s = {}, []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        f1s.append(f1)
        table[label] = {"support": tp + fn, "precision": precision, "recall": recall, "f1": f1}
    return {"accuracy": _ratio(sum(1 for g, p in pairs if g == p), len(pairs)),
            "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0, "per_class": table}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dateline.classify.train", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="folder of training files (*.jsonl)")
    parser.add_argument("--config", help="JSON file of training settings (training/config.json)")
    parser.add_argument("--out", required=True, help="folder to write event_model.npz and event_model.json to")
    parser.add_argument("--report", help="write the corpus report (counts, diversity) to this Markdown file")
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    from .report import corpus_report

    config = json.loads(Path(args.config).read_text(encoding="utf-8")) if args.config else {}
    examples, removed = corpus.deduplicate(corpus.read(corpus.files(args.corpus)))
    train, test = corpus.split(examples)
    print(f"{len(examples)} examples after removing {len(removed)} near-duplicates: "
          f"{len(train)} to train on, {len(test)} held back", file=sys.stderr)
    readings = rule_readings([e.text for e in examples])
    by_text = dict(zip((e.text for e in examples), readings, strict=True))
    with threadpool_limits(1):
        model = fit(train, config, [by_text[e.text] for e in train])
    model.card["test"] = evaluate(model, test, [by_text[e.text] for e in test])
    model.card["inputs_sha1"] = inputs_digest(args.corpus)
    model.card["near_duplicates_removed"] = len(removed)
    model.save(args.out)
    if args.report:
        Path(args.report).write_text(corpus_report(examples, removed, model.card["test"]), encoding="utf-8")
    figures = model.card["test"]
    print(json.dumps({k: figures[k] for k in ("event_precision", "event_recall", "non_events_rejected", "ece")}
                     | {h: figures[h]["macro_f1"] for h in ("acled", "plover", "status")}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
