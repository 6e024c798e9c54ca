-- Curations: corrections made by people (entente.Curation), recorded and
-- never deleted; revoking one sets revoked_at. The graph (events, sources,
-- entities) is derived from each article as the curations in force read it
-- (entente.Curations.Apply), so claims and article_entities hold the
-- curated extraction. What extraction found stays stored too: when
-- curations change an article, raw_extraction holds its entities and claims
-- as found (JSON); NULL means the stored rows are them.
ALTER TABLE articles ADD COLUMN raw_extraction TEXT;

CREATE TABLE curations (
	id            TEXT PRIMARY KEY,
	kind          TEXT NOT NULL,
	reason        TEXT NOT NULL,
	actor         TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	-- A retraction.
	article_id    TEXT NOT NULL DEFAULT '',
	event_key     TEXT NOT NULL DEFAULT '',
	event_id      TEXT NOT NULL DEFAULT '',
	starts        TEXT NOT NULL DEFAULT '[]', -- JSON array of offsets
	quote         TEXT NOT NULL DEFAULT '',
	-- A merge.
	from_id       TEXT NOT NULL DEFAULT '',
	into_id       TEXT NOT NULL DEFAULT '',
	into_name     TEXT NOT NULL DEFAULT '',
	revoked_at    TEXT,
	revoked_by    TEXT NOT NULL DEFAULT '',
	revoke_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX curations_created ON curations (created_at, id);

-- The articles that list a person, which a merge rewrites. Partial, so that
-- the write path pays for person rows only.
CREATE INDEX article_entities_person ON article_entities (id COLLATE NOCASE) WHERE kind = 'person';
