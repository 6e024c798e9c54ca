-- Members as of a date (a bloc's members, the membership matrix) read every
-- JOINED, WITHDREW and SUSPENDED event of a bloc. This index holds them
-- whole, in a bloc's timeline order, so that the read never visits the
-- table. Its condition is the literal list eventWhere writes for exactly
-- these three types.
CREATE INDEX events_membership ON events (bloc_id COLLATE NOCASE, order_key, id,
	subject_kind, type, subject_id, subject_name, bloc_kind, bloc_name, place_country, place_name,
	role, date, status, confidence, first_reported)
	WHERE type IN ('JOINED', 'WITHDREW', 'SUSPENDED');
