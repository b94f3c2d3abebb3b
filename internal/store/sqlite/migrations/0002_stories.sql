-- Stories and near-duplicate groups: what the connect stage (dedup, then
-- story clustering) decides at ingest, written in the transaction that
-- stores the articles it decided for.
--
-- Only new tables and indexes: an existing store gains them empty, and
-- the next ingest fills them for the articles it already holds (see
-- docs/store.md). Nothing here changes the journal mode or rewrites a
-- table, so it runs as one ordinary transaction under WAL, and IF NOT
-- EXISTS makes it harmless to run twice.

-- A story as the clusterer named it. merged_into is set when the story
-- was folded into another (always a live one: merges repoint older
-- merges); articles, outlets and the span are counted from links by
-- every write that touches the story.
CREATE TABLE IF NOT EXISTS stories (
	id          INTEGER PRIMARY KEY,
	merged_into INTEGER,
	label       TEXT NOT NULL DEFAULT '',
	entities    TEXT NOT NULL DEFAULT '[]', -- JSON list of canonical names
	terms       TEXT NOT NULL DEFAULT '[]', -- JSON list of words
	first_day   TEXT,                       -- YYYY-MM-DD, NULL when no article is dated
	last_day    TEXT,
	articles    INTEGER NOT NULL DEFAULT 0,
	outlets     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_day DESC, id DESC);

-- An article's story and duplicate group. grp is the key of the group's
-- first article (its name); NULL when the article has no copy. seq is the
-- write that last changed the row, so that a reader keeping links in
-- memory loads only what changed since it last looked.
CREATE TABLE IF NOT EXISTS links (
	article INTEGER PRIMARY KEY REFERENCES articles (n) ON DELETE CASCADE,
	story   INTEGER REFERENCES stories (id) DEFERRABLE INITIALLY DEFERRED,
	grp     INTEGER REFERENCES articles (n),
	seq     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS links_story ON links (story, article);
CREATE INDEX IF NOT EXISTS links_grp ON links (grp, article);
CREATE INDEX IF NOT EXISTS links_seq ON links (seq);

-- A duplicate group of two or more copies: its name (the first article's
-- key), its earliest copy and its size.
CREATE TABLE IF NOT EXISTS dup_groups (
	grp      INTEGER PRIMARY KEY REFERENCES articles (n),
	earliest INTEGER NOT NULL REFERENCES articles (n),
	size     INTEGER NOT NULL
);

-- Near-duplicate signatures (516 bytes each, opaque to the store), so
-- that ingest rebuilds its index without reading and hashing the text
-- again. Apart from links, whose rows search reads.
CREATE TABLE IF NOT EXISTS signatures (
	article INTEGER PRIMARY KEY REFERENCES articles (n) ON DELETE CASCADE,
	sig     BLOB NOT NULL
);
