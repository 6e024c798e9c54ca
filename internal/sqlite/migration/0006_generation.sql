-- The generation counts committed write transactions (Store.Generation):
-- every write transaction adds one before it writes anything else, so a
-- reader that sees the same number twice saw the same data, whichever
-- process wrote.
CREATE TABLE generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO generation (id, n) VALUES (1, 0);
