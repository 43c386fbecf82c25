"""Place names as the index keys them: normalised (case, accents, apostrophes, hyphens), with and without the
Arabic article, and the names the news uses for countries and US states beside GeoNames' own."""
from __future__ import annotations

import re
import unicodedata

# Names the news uses for countries beside GeoNames' own (normalised form -> ISO alpha-2).
COUNTRY_ALIASES = {
    "us": "US", "u s": "US", "usa": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "drc": "CD", "dr congo": "CD", "democratic republic of the congo": "CD", "democratic republic of congo": "CD",
    "congo brazzaville": "CG", "republic of the congo": "CG", "ivory coast": "CI", "cote d ivoire": "CI",
    "south korea": "KR", "north korea": "KP", "russia": "RU", "iran": "IR", "syria": "SY", "vietnam": "VN",
    "laos": "LA", "palestine": "PS", "palestinian territories": "PS", "burma": "MM", "turkiye": "TR",
    "czech republic": "CZ", "holland": "NL", "the netherlands": "NL", "uae": "AE", "emirates": "AE",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "macedonia": "MK",
    "east timor": "TL", "swaziland": "SZ", "cape verde": "CV", "vatican": "VA", "taiwan": "TW",
}

# The news agencies' abbreviations of US states (AP style), as names of the states.
STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.",
    "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}


def normalise(name: str) -> str:
    """Lower case, no accents, no apostrophes, hyphens and dots as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’‘`ʻʼ]", "", text)
    text = re.sub(r"[-‐–—_./,]", " ", text)
    return " ".join(text.split())


ARABIC_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "ath", "az", "an")  # as transliterated
ARABIC_ARTICLE = re.compile(rf"^(?:{'|'.join(ARABIC_ARTICLES)})\s+(?=\w{{4}})")


def own_name(name: str, key: str) -> bool:
    """`key` (normalised) is the place's own name, not an alternate one: "qamishli" for "Al Qāmishlī" too."""
    own = normalise(name)
    return own == key or _without_article(own) == key


def _without_article(key: str) -> str | None:
    """"al qamishli" is also written "qamishli", "al hasakah" "hasakah": the Arabic article is often left out."""
    stripped = ARABIC_ARTICLE.sub("", key)
    return stripped if stripped != key else None


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", name))

