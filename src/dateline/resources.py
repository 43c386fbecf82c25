"""Models and dictionaries the stages share, loaded on first use and once per process.

Nothing is loaded at import or in a constructor: a `Resources` object is cheap to make, and each property
loads its part when a stage first asks for it. A worker process builds one and keeps it.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer

    from .classify.model import EventModel
    from .gazetteer import Country, Gazetteer
    from .stages.actors import ActorDictionary
    from .stages.events import EventLexicon


class Resources:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @cached_property
    def nlp(self) -> Language:
        import spacy

        return spacy.load(self.settings.model)

    @cached_property
    def word_classes(self) -> dict[str, frozenset[str]]:
        """Lower-case English words and their classes (noun, verb, adj, adv), from the model's lemmatizer
        tables: WordNet's words, a few famous places among the nouns ("mosul", "lincoln")."""
        lemmatizer = cast("Lemmatizer", self.nlp.get_pipe("lemmatizer"))
        index = lemmatizer.lookups.get_table("lemma_index")
        classes: dict[str, set[str]] = {}
        for pos in ("noun", "verb", "adj", "adv"):
            for word in index[pos]:
                classes.setdefault(word, set()).add(pos)
        return {word: frozenset(found) for word, found in classes.items()}

    def describes(self, word: str) -> bool:
        """The word is also an English verb, adjective or adverb ("Police", "Central", "Man"): capitalised, it
        is more likely a common word than a name. Nouns alone say little: WordNet's include "mosul"."""
        return bool(self.word_classes.get(word.lower(), frozenset()) & {"verb", "adj", "adv"})

    @cached_property
    def countries(self) -> dict[str, Country]:
        from .gazetteer import load_countries

        return load_countries()

    @cached_property
    def actors(self) -> ActorDictionary:
        from .stages.actors import ActorDictionary

        return ActorDictionary.load(self.countries)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .gazetteer import Gazetteer

        return Gazetteer.load(min_population=self.settings.min_population, path=self.settings.gazetteer)

    @cached_property
    def event_model(self) -> EventModel:
        from .classify.model import EventModel

        return EventModel.load(self.settings.event_model)

    @cached_property
    def lexicon(self) -> EventLexicon:
        from .stages.events import EventLexicon

        return EventLexicon.load()
