"""Sentences, tokens, tags, dependencies and named entities from spaCy's English model."""
from __future__ import annotations

from . import Document, stage


@stage("nlp", requires=("article",), assigns=("doc",))
class SpacyStage:
    """Runs the spaCy model. Batched: `pipe` hands the texts to `nlp.pipe` together."""

    def __init__(self, resources):
        self.nlp = resources.nlp

    def __call__(self, document: Document) -> Document:
        document.doc = self.nlp(document.article.text)
        return document

    def pipe(self, documents: list[Document], batch_size: int) -> list[Document]:
        texts = [d.article.text for d in documents]
        for document, doc in zip(documents, self.nlp.pipe(texts, batch_size=batch_size)):
            document.doc = doc
        return documents
