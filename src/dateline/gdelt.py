"""A happening as a row of GDELT 2.0's event table (61 columns, GDELT's order).

GDELT codes events in CAMEO; dateline codes them in PLOVER and ACLED. `EventCode` is the CAMEO code that
tells the ACLED sub-event type most closely, else the root code of the PLOVER type; `QuadClass` and
`GoldsteinScale` follow from the root code. What dateline does not compute (CAMEO actor codes, tone,
actors' own places) is left empty.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{part}" for n in (1, 2) for part in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
PLOVER_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
               "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13",
               "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18"}
ACLED_CAMEO = {"Armed clash": "190", "Government regains territory": "192",
               "Non-state actor overtakes territory": "192",
               "Chemical weapon": "2041", "Air/drone strike": "195", "Suicide bomb": "1831",
               "Shelling/artillery/missile attack": "194", "Remote explosive/landmine/IED": "183",
               "Grenade": "183", "Sexual violence": "1821", "Attack": "180", "Abduction/forced disappearance": "181",
               "Peaceful protest": "141", "Protest with intervention": "141",
               "Excessive force against protesters": "175", "Violent demonstration": "145", "Mob violence": "145",
               "Agreement": "057", "Arrests": "173", "Change to group/activity": "",
               "Disrupted weapons use": "", "Headquarters or base established": "",
               "Looting/property destruction": "1712",
               "Non-violent transfer of territory": "0874", "Other": ""}
# CAMEO root codes: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict, 14-20 material
QUAD_CLASS = {**dict.fromkeys(("01", "02", "03", "04", "05"), 1), **dict.fromkeys(("06", "07", "08"), 2),
              **dict.fromkeys(("09", "10", "11", "12", "13"), 3),
              **dict.fromkeys(("14", "15", "16", "17", "18", "19", "20"), 4)}
GOLDSTEIN = {"01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
             "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
             "18": -9.0, "19": -10.0, "20": -10.0}
ACTOR_TYPE = {"state_forces": "MIL", "government": "GOV", "rebels": "REB", "political_militia": "UAF",
              "identity_militia": "UAF", "rioters": "CVL", "protesters": "OPP", "civilians": "CVL",
              "external": "MIL", "media": "MED", "organization": "NGO"}


def event_code(e: dict[str, Any]) -> str:
    return ACLED_CAMEO.get(e["acled_sub_event_type"] or "") or PLOVER_ROOT.get(e["type"] or "", "") + "0"


def geo_type(e: dict[str, Any]) -> int:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    precision, us = e["location_precision"], e["country_code"] == "US"
    if precision in ("country", "region"):
        return 1
    if precision in ("admin1", "admin2"):
        return 2 if us else 5
    return (3 if us else 4) if precision else 0


def gdelt_row(e: dict[str, Any], countries: dict[str, dict]) -> dict[str, Any]:
    day = dt.date.fromisoformat(e["date"]) if e["date"] else None
    code = event_code(e)
    root = code[:2]
    iso3 = {side: countries.get(e[f"{side}_country"] or "", {}).get("iso3", "") for side in ("actor", "recipient")}
    fips = countries.get(e["country_code"] or "", {}).get("fips", "")
    first = e.get("first_reported") or e.get("published")
    row: dict[str, Any] = dict.fromkeys(COLUMNS, "")
    row.update({
        "GLOBALEVENTID": e["id"], "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "", "Year": day.year if day else "",
        "FractionDate": round(day.year + day.timetuple().tm_yday / 365, 4) if day else "",
        "Actor1Name": e["actor_name"], "Actor1CountryCode": iso3["actor"],
        "Actor1Type1Code": ACTOR_TYPE.get(e["actor_type"] or "", ""),
        "Actor2Name": e["recipient_name"], "Actor2CountryCode": iso3["recipient"],
        "Actor2Type1Code": ACTOR_TYPE.get(e["recipient_type"] or "", ""),
        "IsRootEvent": 1, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root,
        "QuadClass": QUAD_CLASS.get(root, ""), "GoldsteinScale": GOLDSTEIN.get(root, ""),
        "NumMentions": e.get("n_mentions") or 1, "NumSources": e.get("n_independent") or 1,
        "NumArticles": e.get("n_articles") or 1,
        "ActionGeo_Type": geo_type(e), "ActionGeo_FullName": e["place_name"],
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips + e["admin1"].split(".", 1)[1] if e["admin1"] and "." in e["admin1"] else fips,
        "ActionGeo_Lat": e["lat"], "ActionGeo_Long": e["lon"], "ActionGeo_FeatureID": e["geonameid"],
        "DATEADDED": first.replace("-", "") + "000000" if first else "",
        "SOURCEURL": e.get("url") or e.get("doc_id"),
    })
    return row
