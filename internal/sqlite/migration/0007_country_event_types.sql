-- A country's events of some types (Query.events filtered by country and
-- type, the fourth question) were looked up in events_subject and
-- events_place and then read row by row to check the type: most rows read
-- were of other types. These indexes carry the type, so the lookup drops
-- them before it reads the table. The same columns first, so they serve
-- every query the ones they replace served.
DROP INDEX events_subject;
CREATE INDEX events_subject ON events (subject_kind, subject_id COLLATE NOCASE, order_key, id, type);
DROP INDEX events_place;
CREATE INDEX events_place ON events (place_country COLLATE NOCASE, order_key, id, type) WHERE place_country IS NOT NULL;
