-- Articles and their extraction (article_entities, claims) are the source of
-- truth. Events, their sources and entities are derived from them
-- (entente.GroupClaims and entente.MergeMentions) for every event key and
-- entity a write touches, in the same transaction, and kept here so that
-- reads are plain indexed queries.

CREATE TABLE articles (
	id                TEXT PRIMARY KEY,
	url               TEXT NOT NULL DEFAULT '',
	title             TEXT NOT NULL DEFAULT '',
	publisher         TEXT NOT NULL DEFAULT '',
	published         TEXT NOT NULL DEFAULT '',
	text              TEXT NOT NULL DEFAULT '',
	hash              TEXT NOT NULL DEFAULT '',
	extractor_version TEXT NOT NULL DEFAULT '',
	ingested_at       TEXT NOT NULL,
	-- SHA-256 of everything stored for the article, to tell Unchanged.
	fingerprint       TEXT NOT NULL
) STRICT;
-- Not partial: a lookup by a bound URL could not use a partial index.
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_hash ON articles (hash);

-- The entities an article lists, in its order.
CREATE TABLE article_entities (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	id         TEXT NOT NULL,
	name       TEXT NOT NULL,
	aliases    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	offices    TEXT NOT NULL DEFAULT '[]', -- JSON array of offices
	PRIMARY KEY (article_id, seq)
) STRICT;

-- What each article states about each event, in its order.
CREATE TABLE claims (
	article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	event_key     TEXT NOT NULL,
	type          TEXT NOT NULL,
	subject_kind  TEXT NOT NULL,
	subject_id    TEXT NOT NULL,
	subject_name  TEXT NOT NULL,
	bloc_kind     TEXT,          -- NULL: no bloc
	bloc_id       TEXT,
	bloc_name     TEXT,
	place_country TEXT,          -- NULL: no place
	place_name    TEXT,
	role          TEXT NOT NULL,
	date          TEXT NOT NULL, -- '' when unknown
	status        TEXT NOT NULL,
	confidence    REAL NOT NULL,
	sentence      TEXT NOT NULL,
	pos_start     INTEGER NOT NULL,
	pos_end       INTEGER NOT NULL,
	PRIMARY KEY (article_id, seq)
) STRICT;
CREATE INDEX claims_event_key ON claims (event_key);

-- Events as GroupClaims merges the claims of one key.
CREATE TABLE events (
	id             TEXT PRIMARY KEY,
	event_key      TEXT NOT NULL,
	type           TEXT NOT NULL,
	subject_kind   TEXT NOT NULL,
	subject_id     TEXT NOT NULL,
	subject_name   TEXT NOT NULL,
	bloc_kind      TEXT,
	bloc_id        TEXT,
	bloc_name      TEXT,
	place_country  TEXT,
	place_name     TEXT,
	role           TEXT NOT NULL,
	date           TEXT NOT NULL,
	year           INTEGER NOT NULL, -- 0 when undated
	first_day      TEXT,             -- the span of the date, NULL when undated
	last_day       TEXT,
	order_key      TEXT NOT NULL,    -- Event.OrderKey
	status         TEXT NOT NULL,
	confidence     REAL NOT NULL,
	first_reported TEXT NOT NULL
) STRICT;
CREATE INDEX events_order ON events (order_key, id);
CREATE INDEX events_key ON events (event_key);
-- A bloc's timeline is the hot read (timelines, members as of a date): its
-- index carries the columns filters test, so rows that fail them are never
-- fetched.
CREATE INDEX events_bloc ON events (bloc_id COLLATE NOCASE, order_key, id, type, status, first_day, last_day) WHERE bloc_id IS NOT NULL;
CREATE INDEX events_type ON events (type, order_key, id);
CREATE INDEX events_subject ON events (subject_kind, subject_id COLLATE NOCASE, order_key, id);
CREATE INDEX events_place ON events (place_country COLLATE NOCASE, order_key, id) WHERE place_country IS NOT NULL;

-- The sources of each event, keyed by article so that a write replaces only
-- the sources of the articles it changes, not every report of a much
-- reported event. seq orders one article's sources; reads order them as
-- Event.Sources does: by publication (partial dates as text sort like
-- entente.Date.Compare), article and offset.
CREATE TABLE sources (
	event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	article_id TEXT NOT NULL REFERENCES articles (id),
	seq        INTEGER NOT NULL,
	published  TEXT NOT NULL,
	quote      TEXT NOT NULL,
	pos_start  INTEGER NOT NULL,
	pos_end    INTEGER NOT NULL,
	date       TEXT NOT NULL,
	status     TEXT NOT NULL,
	confidence REAL NOT NULL,
	PRIMARY KEY (event_id, article_id, seq)
) STRICT;

-- What the stored articles say of each entity, kept as counts so that a
-- write costs what it changes, not what the entity has accumulated: how many
-- articles give each name (alias = 0) and each alias (alias = 1). The term ''
-- counts every article that mentions the entity at all, a place's country
-- included; an entity exists while that count is above zero.
CREATE TABLE entity_terms (
	kind     TEXT NOT NULL,
	id       TEXT NOT NULL,
	term     TEXT NOT NULL,
	alias    INTEGER NOT NULL,
	articles INTEGER NOT NULL,
	PRIMARY KEY (kind, id, term, alias)
) STRICT, WITHOUT ROWID;

-- The offices each article gives a person.
CREATE TABLE office_mentions (
	article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind           TEXT NOT NULL,
	id             TEXT NOT NULL,
	title          TEXT NOT NULL,
	country        TEXT NOT NULL,
	org            TEXT NOT NULL,
	since          TEXT NOT NULL,
	until          TEXT NOT NULL,
	first_reported TEXT NOT NULL,
	last_reported  TEXT NOT NULL,
	published      TEXT NOT NULL
) STRICT;
CREATE INDEX office_mentions_entity ON office_mentions (kind, id);
CREATE INDEX office_mentions_article ON office_mentions (article_id);

-- Entities as MergeMentions derives them from entity_terms and
-- office_mentions.
CREATE TABLE entities (
	kind    TEXT NOT NULL,
	id      TEXT NOT NULL,
	name    TEXT NOT NULL,
	aliases TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	digest  TEXT NOT NULL,              -- of the whole entity, to skip rewriting it unchanged
	PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX entities_id_nocase ON entities (kind, id COLLATE NOCASE);

-- Every name and alias of an entity, normalised for search: lower case,
-- words separated by single spaces.
CREATE TABLE entity_names (
	kind TEXT NOT NULL,
	id   TEXT NOT NULL,
	norm TEXT NOT NULL,
	PRIMARY KEY (kind, id, norm),
	FOREIGN KEY (kind, id) REFERENCES entities (kind, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX entity_names_norm ON entity_names (norm);

CREATE TABLE offices (
	kind           TEXT NOT NULL,
	id             TEXT NOT NULL,
	seq            INTEGER NOT NULL,
	title          TEXT NOT NULL,
	country        TEXT NOT NULL,
	org            TEXT NOT NULL,
	since          TEXT NOT NULL,
	until          TEXT NOT NULL,
	first_reported TEXT NOT NULL,
	last_reported  TEXT NOT NULL,
	PRIMARY KEY (kind, id, seq),
	FOREIGN KEY (kind, id) REFERENCES entities (kind, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX offices_country ON offices (country COLLATE NOCASE);
