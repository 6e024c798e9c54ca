-- A country's memberships (its row of the matrix, Country.memberships) read
-- its JOINED, WITHDREW and SUSPENDED events, by subject or by place. These
-- hold just those, so that the lookup skips the country's other events;
-- their condition is the literal list eventWhere writes for exactly these
-- three types, as for events_membership (0002), and they carry the type,
-- which the planner checks even so.
CREATE INDEX events_subject_membership ON events (subject_kind, subject_id COLLATE NOCASE, order_key, id, type)
	WHERE type IN ('JOINED', 'WITHDREW', 'SUSPENDED');
CREATE INDEX events_place_membership ON events (place_country COLLATE NOCASE, order_key, id, type)
	WHERE type IN ('JOINED', 'WITHDREW', 'SUSPENDED');
