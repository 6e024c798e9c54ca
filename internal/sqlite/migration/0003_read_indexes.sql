-- Search matches a name by prefix (an index of the names answers that) or by a
-- word inside it: the text starts right after a space. That used to scan
-- every name. entity_words keeps, for each name, the rest of the name from
-- each of its words after the first, so that a word inside is a prefix
-- range too. A trigger fills it from entity_names (norm is lower-case
-- letters and digits in words separated by single spaces, so the words
-- make a JSON array as they are); deleting a name deletes its rows.
CREATE TABLE entity_words (
	rest TEXT NOT NULL,
	kind TEXT NOT NULL,
	id   TEXT NOT NULL,
	norm TEXT NOT NULL,
	PRIMARY KEY (rest, kind, id, norm),
	FOREIGN KEY (kind, id, norm) REFERENCES entity_names (kind, id, norm) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_words_name ON entity_words (kind, id, norm);

-- The rest from word k starts after the k words before it and their
-- spaces.
CREATE TRIGGER entity_words_insert AFTER INSERT ON entity_names BEGIN
	INSERT OR IGNORE INTO entity_words (rest, kind, id, norm)
	SELECT substr(new.norm, start), new.kind, new.id, new.norm FROM (
		SELECT key, 1 + sum(length(value) + 1) OVER (ORDER BY key ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS start
		FROM json_each('["' || replace(new.norm, ' ', '","') || '"]')
	) WHERE key > 0;
END;

INSERT OR IGNORE INTO entity_words (rest, kind, id, norm)
SELECT substr(norm, start), kind, id, norm FROM (
	SELECT n.kind, n.id, n.norm, w.key, 1 + sum(length(w.value) + 1) OVER (
		PARTITION BY n.kind, n.id, n.norm ORDER BY w.key ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS start
	FROM entity_names n, json_each('["' || replace(n.norm, ' ', '","') || '"]') w
) WHERE key > 0;

-- The prefix range over names reads kind and id from the index.
DROP INDEX entity_names_norm;
CREATE INDEX entity_names_search ON entity_names (norm, kind, id);

-- Event counts by bloc, type and year (the dashboards') walk this index in
-- group order, instead of every row of events and a sort: 2.4 s to 0.3 s
-- for a million events.
CREATE INDEX events_counts ON events (bloc_id, type, year);
