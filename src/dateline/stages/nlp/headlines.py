"""What the model reads of a headline: Title Case lowered, "IS" spelled out and a describing word that opens a
line lowered, the text itself untouched.

spaCy's small English model was trained on running text. It reads "Turkish Army Kills 26 Fighters Of PKK"
as one long name and the "IS" of "IS sniper kills journalist" as the verb *is*. The model is run on a
*view* of such a text, token for token: common words of a Title Case line in lower case ("Turkish army
kills 26 fighters of PKK"), the acronym IS as ISIS, and a line's first word when it describes the name after
it ("Deadly Baghdad bombings kill 20" is read "deadly Baghdad bombings...", not as a man named Deadly Baghdad).
A wire service's slug before a headline ("UPDATE 2-", "WRAPUP 1-", "TOPSHOTS") is shown as a dash, so it
becomes no one's name. A headline the model finds no main verb in is read again with its event verb in the
past tense: "Iraqi army shells IS positions" (taken for a noun phrase, "army shells") is read "Iraqi army
shelled IS positions". The tags, parse and entities of the view are then laid on a document made of the
original words, so every offset and every word the later stages read is the article's own.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
SPELLED = {"IS": "ISIS"}  # acronyms the model takes for a common word
LOOKS_SPELLED = re.compile(r"(?<![\w'’])IS(?![\w'’])")
TITLE_WORD = re.compile(r"[A-Z][a-z'’]+")
SLUG_WORDS = {"UPDATE", "WRAPUP", "WRAP", "TOPSHOTS", "TOPSHOT", "CORRECTED", "REFILE", "RPT", "INTERVIEW", "COLUMN",
              "ANALYSIS", "EXCLUSIVE", "FACTBOX", "INSIGHT", "PREVIEW", "EXPLAINER", "TIMELINE", "BREAKINGVIEWS"}
SLUG = re.compile(rf"^[ \t]*(?:{'|'.join(sorted(SLUG_WORDS))})\b", re.MULTILINE)  # wire slugs opening a line
OPENING = re.compile(r"^[ \t\"“‘']*([A-Z][a-z]+) [A-Z]", re.MULTILINE)  # a line's first word before a name
NEW_CLAUSE = {":", "-", "–", "—", "|", "'", "‘", '"', "“"}  # a word after these keeps its capital
MIN_WORDS, MAX_WORDS = 4, 25  # a headline's length
PAST = {"strike": "struck", "shoot": "shot", "hit": "hit", "fight": "fought", "take": "took", "beat": "beat",
        "seize": "seized", "sting": "stung", "blow": "blew"}
QUOTES = {"'", "‘", "’", '"', "“", "”"}  # "army 'shells' villages": the model reads the quote as a possessive
SUBJECT_END = {"NOUN", "PROPN", "PUNCT"}  # what may come before a headline's verb: "army", "State", a quote
OBJECT_START = {"DET", "NUM", "ADJ", "NOUN", "PROPN", "PUNCT"}  # and after it: "IS positions", "60 people"
MODIFIERS = {"compound", "amod", "nummod", "det", "poss"}  # "shells rebel positions": "rebel" taken for a verb
INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ied", "y"), ("ing", ""), ("ing", "e"))


class HeadlineView:
    """Rewrites the words of a text the model would misread. `proper(words)` tells names from common words."""

    def __init__(self, vocabulary: Collection[str], proper: Callable[[str], bool], describes: Callable[[str], bool],
                 *, event_verbs: Collection[str] = (), compounds: Collection[tuple[str, str]] = ()) -> None:
        self.vocabulary = vocabulary  # lower-case common words: nouns, verbs, adjectives, adverbs
        self.proper = proper
        self.describes = describes  # the word is also a verb, an adjective or an adverb
        self.event_verbs = event_verbs  # lemmas of the verbs that name events ("shell", "attack", "execute")
        self.compounds = compounds  # event nouns of two words, first and last ("car", "bomb"): no verb inside

    def known(self, word: str) -> bool:
        """A common word or an inflection of one ("kills", "forces", "killed", "fleeing", "casualties")."""
        stems = [word] + [word[:-len(end)] + add for end, add in INFLECTIONS if word.endswith(end)]
        return any(stem in self.vocabulary for stem in stems)

    def needed(self, text: str) -> bool:
        """A cheap look for anything to rewrite: most texts have none and are parsed as they are."""
        if LOOKS_SPELLED.search(text) or SLUG.search(text):
            return True
        return any(self._title_case(line) for line in text.splitlines() if TITLE_WORD.match(line.lstrip())) \
            or any(self._describing(m.group(1)) for m in OPENING.finditer(text))

    def words(self, tokens: Doc) -> list[str] | None:
        """The view's word for each token, or None when the model can read the text as it is."""
        words = [t.text for t in tokens]
        lines: list[list] = [[]]
        for token in tokens:
            if "\n" in token.text:
                lines.append([])
            elif not token.is_space:
                lines[-1].append(token)
            if token.text in SPELLED and not _shouting(token):
                words[token.i] = SPELLED[token.text]
        for line in lines:
            if self._title_case(" ".join(t.text for t in line)):
                for token in self._common(line):
                    words[token.i] = token.text.lower()
            if line and line[0].text in SLUG_WORDS:  # "UPDATE 2-Iraqi forces...": the slug and its number
                words[line[0].i] = "--"
                if len(line) > 2 and line[1].like_num and line[2].text == "-":
                    words[line[1].i] = "--"
            opening = next((t for t in line if not t.is_punct and words[t.i] != "--"), None)
            if opening is not None and opening.i + 1 < len(tokens) and \
                    self._describes_name(opening, tokens[opening.i + 1]):
                words[opening.i] = opening.text.lower()
        return None if words == [t.text for t in tokens] else words

    def verbs(self, doc: Doc) -> dict[int, str]:
        """Event verbs the model took for plural nouns in a sentence it found no main verb in, between what can
        be a subject and what can be an object: {token index: the past tense the view shows instead}."""
        found: dict[int, str] = {}
        for sentence in doc.sents:
            if sentence.root.pos_ in ("VERB", "AUX"):
                continue
            for token in sentence[1:-1]:
                before, after = doc[token.i - 1], doc[token.i + 1]
                lemma = self._verb_of(token.lower_) if token.tag_ == "NNS" else None
                object_like = after.pos_ in OBJECT_START or after.dep_ in MODIFIERS or after.text in QUOTES
                if lemma and before.pos_ in SUBJECT_END | {"PART"} and object_like \
                        and after.text not in (",", ":", "-", ".") and (before.lower_, lemma) not in self.compounds:
                    found[token.i] = _past(lemma)
                    break  # one verb a headline
        return found

    def _verb_of(self, word: str) -> str | None:
        """"shells" -> shell, "executes" -> execute, "reaches" -> reach, when an event verb."""
        for stem in (word[:-1], word[:-2]) if word.endswith("s") else ():
            if stem in self.event_verbs:
                return stem
        return None

    def _describing(self, word: str) -> bool:
        return self.describes(word) and not self.proper(word)

    def _describes_name(self, token: Token, after: Token) -> bool:
        """"Deadly Baghdad", "Fresh Mosul": a describing word, then a name the two do not make together
        ("New York", "Twin Falls" and "Iraqi forces" keep their capital)."""
        return bool(TITLE_WORD.fullmatch(token.text)) and after.text[:1].isupper() and not after.is_punct \
            and self._describing(token.text) and not self.proper(f"{token.text} {after.text}")

    def _title_case(self, line: str) -> bool:
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        content = [w for w in words[1:] if w.lower() not in STOP_WORDS]
        if not MIN_WORDS <= len(words) <= MAX_WORDS or len(content) < 2:
            return False
        lower = sum(w[0].islower() for w in content)  # a name-heavy sentence still has its verbs in lower case
        common = sum(1 for w in content if TITLE_WORD.fullmatch(w) and self.known(w.lower()))
        return lower <= 1 and common >= 2

    def _common(self, line: list[Token]) -> Iterator[Token]:
        """Capitalised common words of a Title Case line, names left alone ("Islamic State", "Southern Turkey")."""
        names: set[int] = set()
        for start in range(len(line)):
            for size in (4, 3, 2, 1):
                span = line[start:start + size]
                if len(span) == size and all(t.text[:1].isupper() for t in span) \
                        and not (size == 1 and span[0].lower_ in STOP_WORDS) \
                        and self.proper(" ".join(t.text for t in span)):
                    names.update(t.i for t in span)
                    break
        for position, token in enumerate(line):
            if position == 0 or line[position - 1].text in NEW_CLAUSE or token.i in names:
                continue
            if TITLE_WORD.fullmatch(token.text) and (token.lower_ in STOP_WORDS or self.known(token.lower_)):
                yield token


def _shouting(token: Token) -> bool:
    """An all-capitals sentence ("THE SITUATION IS DIRE"): there IS is the verb."""
    neighbours = [t for t in token.doc[max(0, token.i - 3):token.i + 4] if t.is_alpha and t.i != token.i]
    return bool(neighbours) and all(t.text.isupper() for t in neighbours)


def _past(lemma: str) -> str:
    if lemma in PAST:
        return PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def view_doc(vocab: Vocab, tokens: Doc, words: list[str], starts: Collection[int] = ()) -> Doc:
    """The view as a document for the model to read, token for token with the text; the parser keeps the
    sentence starts given (`starts`, token indices) and finds the others."""
    return Doc(vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens],
               sent_starts=[True if t.i in starts else None for t in tokens])


def original_doc(tokens: Doc, parsed: Doc) -> Doc:
    """A document of the original tokens carrying what the model found in the view."""
    doc = Doc(parsed.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    doc.from_array(ATTRS, parsed.to_array(ATTRS))  # type: ignore[arg-type]  # spaCy's stub calls the uint64 ids floats
    for token, seen in zip(doc, parsed, strict=True):
        if token.text in SPELLED and seen.text == SPELLED[token.text]:
            token.lemma_ = token.text  # "IS" stays IS to the stages after the model
        elif seen.lower_ != token.lower_ and seen.tag_ == "VBD":
            token.tag_ = "VBZ"  # "shells", read as "shelled": a verb in the present, lemma "shell"
    return doc
