"""Schema changes, applied once each, in order, and recorded in the `migrations` table."""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        title TEXT, sections TEXT, source_id TEXT, published TEXT, outlet TEXT, url TEXT, language TEXT,
        text TEXT NOT NULL, origin TEXT,
        story_id TEXT, duplicate_of TEXT,
        extraction TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type TEXT, mode TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        actor_text TEXT, actor_name TEXT, actor_type TEXT, actor_country TEXT,
        recipient_text TEXT, recipient_name TEXT, recipient_type TEXT, recipient_country TEXT,
        place_name TEXT, geonameid INTEGER, lat REAL, lon REAL, country_code TEXT, admin1 TEXT,
        location_precision TEXT,
        date TEXT, date_precision TEXT, fatalities INTEGER, status TEXT,
        speaker TEXT, speaker_type TEXT, via TEXT, anonymous INTEGER,
        evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, confidence REAL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_acled ON events(acled_event_type);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_country ON events(country_code);
    CREATE TABLE places (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT, start INTEGER, "end" INTEGER, name TEXT, geonameid INTEGER, lat REAL, lon REAL,
        country_code TEXT, admin1 TEXT, feature_code TEXT, precision TEXT
    );
    CREATE INDEX places_article ON places(article_id);
    CREATE TABLE quotes (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT, start INTEGER, "end" INTEGER, speaker TEXT, speaker_type TEXT, via TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE failures (
        origin TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (origin, code)
    );
    """),
    ("0002_stories_and_happenings", """
    CREATE TABLE doc_index (
        doc_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, duplicate_of TEXT,
        sketch TEXT NOT NULL, vector TEXT NOT NULL
    );
    CREATE TABLE doc_sketch (doc_id TEXT NOT NULL, value INTEGER NOT NULL);
    CREATE INDEX doc_sketch_value ON doc_sketch(value);
    CREATE TABLE doc_terms (doc_id TEXT NOT NULL, term TEXT NOT NULL);
    CREATE INDEX doc_terms_term ON doc_terms(term);
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
    CREATE TABLE happenings (
        id TEXT PRIMARY KEY,
        type TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        actor_name TEXT, actor_type TEXT, recipient_name TEXT, recipient_type TEXT,
        geonameid INTEGER, place_name TEXT, country_code TEXT, lat REAL, lon REAL,
        date TEXT, date_precision TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0, n_articles INTEGER NOT NULL DEFAULT 0,
        n_outlets INTEGER NOT NULL DEFAULT 0, n_independent INTEGER NOT NULL DEFAULT 0,
        fatalities TEXT
    );
    CREATE INDEX happenings_lookup ON happenings(type, geonameid, date);
    ALTER TABLE events ADD COLUMN happening_id TEXT REFERENCES happenings(id);
    CREATE INDEX events_happening ON events(happening_id);
    """),
    ("0003_runs_and_actor_indexes", """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        pid INTEGER NOT NULL, inputs TEXT NOT NULL,
        started TEXT NOT NULL, updated TEXT NOT NULL, finished TEXT,
        state TEXT NOT NULL DEFAULT 'running',
        total INTEGER, done INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0
    );
    -- each filter of the events list with the date it is ordered by: the first page is read off the index
    DROP INDEX events_type;
    DROP INDEX events_acled;
    DROP INDEX events_country;
    CREATE INDEX events_type_date ON events(type, date);
    CREATE INDEX events_acled_date ON events(acled_event_type, date);
    CREATE INDEX events_sub_event_date ON events(acled_sub_event_type, date);
    CREATE INDEX events_country_date ON events(country_code, date);
    CREATE INDEX events_admin1_date ON events(admin1, date);
    CREATE INDEX events_status_date ON events(status, date);
    CREATE INDEX events_actor_date ON events(actor_name, date);
    CREATE INDEX events_recipient_date ON events(recipient_name, date);
    CREATE INDEX events_actor_type_date ON events(actor_type, date);
    CREATE INDEX events_recipient_type_date ON events(recipient_type, date);
    CREATE INDEX events_place_date ON events(place_name, date);
    CREATE INDEX events_lat_lon ON events(lat, lon);
    -- actor names with their event counts: the actors list and the actor filter read this, not the events
    CREATE TABLE actor_names (
        name TEXT NOT NULL, type TEXT NOT NULL DEFAULT '', events INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (name, type)
    );
    INSERT INTO actor_names SELECT name, type, count(*) FROM (
        SELECT actor_name AS name, coalesce(actor_type, '') AS type FROM events WHERE actor_name IS NOT NULL
        UNION ALL SELECT recipient_name, coalesce(recipient_type, '') FROM events WHERE recipient_name IS NOT NULL)
        GROUP BY name, type;
    -- place names as written and folded (no case, no accents: "khurmatu" finds "Ţūz Khūrmātū")
    CREATE TABLE place_names (name TEXT PRIMARY KEY, folded TEXT NOT NULL, events INTEGER NOT NULL DEFAULT 0);
    INSERT INTO place_names SELECT place_name, fold(place_name), count(*) FROM events
        WHERE place_name IS NOT NULL GROUP BY place_name;
    """),
    ("0004_watched_sources", """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, modified TEXT, polled TEXT, status INTEGER, error TEXT
    );
    CREATE TABLE feed_items (feed TEXT NOT NULL, item_id TEXT NOT NULL, seen TEXT NOT NULL,
                             PRIMARY KEY (feed, item_id));
    CREATE TABLE folder_files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                               seen TEXT NOT NULL);
    """),
    ("0005_happening_members", """
    -- what a happening's counts count (its articles, outlets, independent outlets, fatality figures), so a
    -- new mention updates them in constant time instead of recounting every mention
    CREATE TABLE happening_members (
        happening_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (happening_id, kind, value)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO happening_members
        SELECT e.happening_id, 'article', CAST(e.article_id AS TEXT) FROM events e WHERE e.happening_id IS NOT NULL;
    INSERT OR IGNORE INTO happening_members
        SELECT e.happening_id, 'outlet', coalesce(a.outlet, a.doc_id) FROM events e
        JOIN articles a ON a.id = e.article_id WHERE e.happening_id IS NOT NULL;
    INSERT OR IGNORE INTO happening_members
        SELECT e.happening_id, 'independent', coalesce(o.outlet, o.doc_id, a.outlet, a.doc_id) FROM events e
        JOIN articles a ON a.id = e.article_id LEFT JOIN articles o ON o.doc_id = a.duplicate_of
        WHERE e.happening_id IS NOT NULL;
    INSERT OR IGNORE INTO happening_members
        SELECT e.happening_id, 'figure', CAST(e.fatalities AS TEXT) FROM events e
        WHERE e.happening_id IS NOT NULL AND e.fatalities IS NOT NULL;
    """),
    ("0006_happening_rows", """
    -- the happening is the row of every list and export: it carries an event's columns (its first report's
    -- sentence, the finest date, the lowest fatality figure, the type most mentions give) beside its counts;
    -- rebuilt, as SQLite changes a column's type (fatalities: figures -> the lowest) no other way
    CREATE TABLE happenings_new (
        id TEXT PRIMARY KEY,
        article_id INTEGER,
        type TEXT, mode TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
        actor_text TEXT, actor_name TEXT, actor_type TEXT, actor_country TEXT,
        recipient_text TEXT, recipient_name TEXT, recipient_type TEXT, recipient_country TEXT,
        place_name TEXT, geonameid INTEGER, lat REAL, lon REAL, country_code TEXT, admin1 TEXT,
        location_precision TEXT,
        date TEXT, date_precision TEXT, fatalities INTEGER, status TEXT,
        speaker TEXT, speaker_type TEXT, via TEXT, anonymous INTEGER,
        evidence TEXT, evidence_start INTEGER, evidence_end INTEGER, confidence REAL,
        n_mentions INTEGER NOT NULL DEFAULT 0, n_articles INTEGER NOT NULL DEFAULT 0,
        n_outlets INTEGER NOT NULL DEFAULT 0, n_independent INTEGER NOT NULL DEFAULT 0,
        fatality_figures TEXT, sources TEXT, first_reported TEXT,
        acled_votes TEXT, acled_disputed INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO happenings_new (id, article_id, type, mode, acled_event_type, acled_sub_event_type, actor_text,
        actor_name, actor_type, actor_country, recipient_text, recipient_name, recipient_type, recipient_country,
        place_name, geonameid, lat, lon, country_code, admin1, location_precision, date, date_precision,
        fatalities, status, speaker, speaker_type, via, anonymous, evidence, evidence_start, evidence_end,
        confidence, n_mentions, n_articles, n_outlets, n_independent, fatality_figures, sources, first_reported,
        acled_votes)
    SELECT h.id, e.article_id, h.type, e.mode, h.acled_event_type, h.acled_sub_event_type, e.actor_text,
        h.actor_name, h.actor_type, e.actor_country, e.recipient_text, h.recipient_name, h.recipient_type,
        e.recipient_country, h.place_name, h.geonameid, h.lat, h.lon, h.country_code, e.admin1,
        e.location_precision, h.date, h.date_precision,
        (SELECT min(CAST(value AS INTEGER)) FROM json_each(h.fatalities)),
        (SELECT min(status) FROM events WHERE happening_id = h.id),
        e.speaker, e.speaker_type, e.via, e.anonymous, e.evidence, e.evidence_start, e.evidence_end,
        (SELECT max(confidence) FROM events WHERE happening_id = h.id),
        h.n_mentions, h.n_articles, h.n_outlets, h.n_independent, h.fatalities,
        (SELECT group_concat(value, '; ') FROM happening_members m
         WHERE m.happening_id = h.id AND m.kind = 'independent'),
        (SELECT min(a.published) FROM events m JOIN articles a ON a.id = m.article_id WHERE m.happening_id = h.id),
        (SELECT json_group_object(sub, n) FROM (SELECT acled_sub_event_type AS sub, count(*) AS n FROM events
         WHERE happening_id = h.id AND acled_sub_event_type IS NOT NULL GROUP BY sub))
    FROM happenings h LEFT JOIN events e ON e.id = h.id;
    UPDATE happenings_new SET acled_disputed = (SELECT count(*) > 1 FROM json_each(acled_votes));
    DROP TABLE happenings;
    ALTER TABLE happenings_new RENAME TO happenings;
    CREATE INDEX happenings_lookup ON happenings(type, geonameid, date);
    -- the list's filters, each with the date it is ordered by, as on the events, and the toll: a filter's
    -- count and fatalities are then read off the index alone
    CREATE INDEX happenings_date ON happenings(date, fatalities);
    CREATE INDEX happenings_type_date ON happenings(type, date, fatalities);
    CREATE INDEX happenings_acled_date ON happenings(acled_event_type, date, fatalities);
    CREATE INDEX happenings_sub_event_date ON happenings(acled_sub_event_type, date, fatalities);
    CREATE INDEX happenings_country_date ON happenings(country_code, date, fatalities);
    CREATE INDEX happenings_admin1_date ON happenings(admin1, date, fatalities);
    CREATE INDEX happenings_status_date ON happenings(status, date, fatalities);
    CREATE INDEX happenings_actor_date ON happenings(actor_name, date, fatalities);
    CREATE INDEX happenings_recipient_date ON happenings(recipient_name, date, fatalities);
    CREATE INDEX happenings_actor_type_date ON happenings(actor_type, date, fatalities);
    CREATE INDEX happenings_recipient_type_date ON happenings(recipient_type, date, fatalities);
    CREATE INDEX happenings_place_date ON happenings(place_name, date, fatalities);
    CREATE INDEX happenings_independent ON happenings(n_independent, fatalities);
    CREATE INDEX happenings_lat_lon ON happenings(lat, lon);
    -- what the whole store's timeline and map draw, kept up as happenings are written (a rollup: reading a
    -- million happenings for every front page would take a second)
    CREATE TABLE happening_days (
        date TEXT NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL, fatalities INTEGER NOT NULL,
        PRIMARY KEY (date, type)
    ) WITHOUT ROWID;
    INSERT INTO happening_days SELECT coalesce(date, ''), coalesce(type, ''), count(*),
        coalesce(sum(fatalities), 0) FROM happenings GROUP BY coalesce(date, ''), coalesce(type, '');
    CREATE TABLE happening_places (
        lat REAL NOT NULL, lon REAL NOT NULL, type TEXT NOT NULL, geonameid INTEGER, place_name TEXT,
        country_code TEXT, location_precision TEXT, events INTEGER NOT NULL, fatalities INTEGER NOT NULL,
        latest TEXT, PRIMARY KEY (lat, lon, type)
    ) WITHOUT ROWID;
    INSERT INTO happening_places SELECT lat, lon, coalesce(type, ''), min(geonameid), min(place_name),
        min(country_code), min(location_precision), count(*), coalesce(sum(fatalities), 0), max(date)
        FROM happenings WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon, coalesce(type, '');
    -- names counted by happening, as every count now is
    DELETE FROM actor_names;
    INSERT INTO actor_names SELECT name, type, count(*) FROM (
        SELECT actor_name AS name, coalesce(actor_type, '') AS type FROM happenings WHERE actor_name IS NOT NULL
        UNION ALL SELECT recipient_name, coalesce(recipient_type, '') FROM happenings
        WHERE recipient_name IS NOT NULL) GROUP BY name, type;
    DELETE FROM place_names;
    INSERT INTO place_names SELECT place_name, fold(place_name), count(*) FROM happenings
        WHERE place_name IS NOT NULL GROUP BY place_name;
    """),
    ("0007_reviews", """
    -- an analyst's verdict on a happening (confirmed, corrected or rejected), the latest one; the machine's
    -- columns in happenings stay as they are. Keyed by the happening's id (never changed once given) and
    -- anchored to the mention it was made on (event id, article, sentence), by which it finds its happening
    -- again should the happenings ever be rebuilt (store/reviews.py, relink). The rollups (happening_days,
    -- happening_places) leave rejected happenings out: a migration that rebuilds them must too
    CREATE TABLE reviews (
        happening_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL, doc_id TEXT NOT NULL, evidence TEXT,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'corrected', 'rejected')),
        corrections TEXT NOT NULL DEFAULT '{}',
        seen TEXT NOT NULL DEFAULT '{}',
        reviewer TEXT NOT NULL, note TEXT, reviewed_at TEXT NOT NULL
    );
    CREATE INDEX reviews_status ON reviews(status, happening_id);
    CREATE INDEX reviews_event ON reviews(event_id);
    -- every verdict and withdrawal, in order: who said what when
    CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        happening_id TEXT NOT NULL, event_id TEXT NOT NULL, doc_id TEXT NOT NULL,
        action TEXT NOT NULL, corrections TEXT NOT NULL DEFAULT '{}',
        reviewer TEXT, note TEXT, at TEXT NOT NULL
    );
    CREATE INDEX review_log_happening ON review_log(happening_id, id);
    """),
    ("0008_alerts", """
    -- a saved filter and what has become of it: `seen` is the last happening (by rowid: happenings are never
    -- deleted, so a new one always gets a higher rowid) already matched against it, the high-water mark
    CREATE TABLE alerts (
        name TEXT PRIMARY KEY, filter TEXT NOT NULL, webhook TEXT, created TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0, sent TEXT, failed TEXT, error TEXT
    );
    -- the new happenings each alert matched, when, and when its webhook took them (NULL: not yet)
    CREATE TABLE alert_events (
        alert TEXT NOT NULL REFERENCES alerts(name) ON DELETE CASCADE,
        happening_id TEXT NOT NULL, found TEXT NOT NULL, sent TEXT,
        PRIMARY KEY (alert, happening_id)
    );
    CREATE INDEX alert_events_found ON alert_events(alert, found);
    CREATE INDEX alert_events_unsent ON alert_events(alert) WHERE sent IS NULL;
    """),
    ("0009_story_rows", """
    -- a story is a row a person can read (consolidate/story_rows.py keeps it up): its title from the earliest
    -- full report, its outlets and independent sources (a copy or a wire story counts once), event or other
    ALTER TABLE articles ADD COLUMN wire TEXT;
    UPDATE articles SET wire = wire_credit(text);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT, title_doc TEXT, title_published TEXT, title_full INTEGER NOT NULL DEFAULT 0,
        first_published TEXT, last_published TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0, n_outlets INTEGER NOT NULL DEFAULT 0,
        n_independent INTEGER NOT NULL DEFAULT 0, n_copies INTEGER NOT NULL DEFAULT 0,
        n_events INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL DEFAULT 'other'
    );
    CREATE INDEX stories_kind ON stories(kind, n_independent DESC, last_published DESC);
    CREATE INDEX stories_recent ON stories(kind, last_published DESC);
    CREATE TABLE story_members (
        story_id TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (story_id, kind, value)
    ) WITHOUT ROWID;
    -- the stories of articles stored before
    INSERT OR IGNORE INTO story_members SELECT story_id, 'outlet', coalesce(outlet, doc_id) FROM articles
        WHERE story_id IS NOT NULL;
    INSERT OR IGNORE INTO story_members SELECT a.story_id, 'independent',
        coalesce(o.wire, a.wire, o.outlet, o.doc_id, a.outlet, a.doc_id) FROM articles a
        LEFT JOIN articles o ON o.doc_id = a.duplicate_of WHERE a.story_id IS NOT NULL;
    INSERT INTO stories (id, first_published, last_published, n_articles, n_copies, n_events)
        -- n_events: events at least as likely as story_rows.TOLD (0.3)
        SELECT a.story_id, min(a.published), max(a.published), count(*), count(a.duplicate_of),
               coalesce(sum((SELECT count(*) FROM events e WHERE e.article_id = a.id AND e.confidence >= 0.3)), 0)
        FROM articles a WHERE a.story_id IS NOT NULL GROUP BY a.story_id;
    UPDATE stories SET
        n_outlets = (SELECT count(*) FROM story_members m WHERE m.story_id = stories.id AND m.kind = 'outlet'),
        n_independent = (SELECT count(*) FROM story_members m
                         WHERE m.story_id = stories.id AND m.kind = 'independent'),
        kind = CASE WHEN n_events > 0 THEN 'event' ELSE 'other' END,
        (title, title_doc, title_published, title_full) = (
            SELECT coalesce(a.title, substr(a.text, 1, 160)), a.doc_id, a.published,
                   a.duplicate_of IS NULL AND length(a.text) >= 400 FROM articles a WHERE a.story_id = stories.id
            ORDER BY a.duplicate_of IS NULL AND length(a.text) >= 400 DESC, a.published IS NULL, a.published, a.id
            LIMIT 1);
    """),
    ("0010_sorts_by_column", """
    -- the list sorted by a column (type, ACLED type, actor, recipient, place, status, independent outlets),
    -- newest first within a value, is read off the column's index in order: the date descends in it (a
    -- filter on the column with the date ascending reads the same index backwards)
    DROP INDEX happenings_type_date;
    CREATE INDEX happenings_type_date ON happenings(type, date DESC, fatalities);
    DROP INDEX happenings_acled_date;
    CREATE INDEX happenings_acled_date ON happenings(acled_event_type, date DESC, fatalities);
    DROP INDEX happenings_actor_date;
    CREATE INDEX happenings_actor_date ON happenings(actor_name, date DESC, fatalities);
    DROP INDEX happenings_recipient_date;
    CREATE INDEX happenings_recipient_date ON happenings(recipient_name, date DESC, fatalities);
    DROP INDEX happenings_place_date;
    CREATE INDEX happenings_place_date ON happenings(place_name, date DESC, fatalities);
    DROP INDEX happenings_status_date;
    CREATE INDEX happenings_status_date ON happenings(status, date DESC, fatalities);
    DROP INDEX happenings_independent;
    CREATE INDEX happenings_independent ON happenings(n_independent, date, fatalities);
    """),
    ("0011_story_words_folded", """
    -- the stories' words now fold plurals and possessives ("rebels", "Nigeria's"): the counts of stored
    -- articles are made again in the new forms (store.write.upgrade reindexes their vectors and heavy words)
    DELETE FROM term_df;
    """),
]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; returns their names (the store then fills what a
    migration adds for rows stored before it, `store.write.upgrade`)."""
    from ..consolidate.story_rows import wire_credit
    from ..gazetteer import normalise

    # used by migrations that fill what they add for rows stored before
    conn.create_function("fold", 1, normalise, deterministic=True)
    conn.create_function("wire_credit", 1, wire_credit, deterministic=True)
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    known = {name for name, _ in MIGRATIONS}
    newer = done - known
    if newer:
        from ..errors import StoreError

        raise StoreError(f"the database has migrations this version does not know: {sorted(newer)}", code="E402")
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        # one transaction per migration: a failed one leaves no trace and is tried again next time
        conn.executescript("BEGIN;" + sql + f"INSERT INTO migrations VALUES ('{name}', datetime('now'));COMMIT;")
        applied.append(name)
    return applied
