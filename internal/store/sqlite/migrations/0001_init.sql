-- The first schema: articles and what annotation hangs on them.
--
-- Integer keys (n) join the tables; the 16-hex id is the public key,
-- looked up once. Child tables are WITHOUT ROWID and keyed by
-- (article, position) so that an article's rows sit together on disk and
-- come back in order. Positions are 0-based indexes into the article's
-- JSON lists, which Get rebuilds exactly. A span's text (a mention's, a
-- date's) is stored only when it is not paragraphs[p][start:end], which
-- it almost always is.

CREATE TABLE articles (
	n              INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	source         TEXT NOT NULL,
	url            TEXT,
	publisher      TEXT,
	title          TEXT,
	authors        TEXT NOT NULL DEFAULT '[]', -- JSON list of strings
	published      TEXT,                       -- as extracted: a date or a date-time with offset
	published_day  TEXT,                       -- YYYY-MM-DD of published, for filters and trends
	published_from TEXT,
	language       TEXT,
	removed        TEXT NOT NULL DEFAULT '[]', -- JSON list, kept for audit, never queried
	stored_at      TEXT NOT NULL
);
CREATE INDEX articles_day ON articles (published_day);

-- What search filters and counts facets with, one narrow row per article:
-- the store loads it into memory once and then only the rows added since,
-- so that filters and facet counts over tens of thousands of matches cost
-- array lookups rather than joins.
CREATE TABLE article_meta (
	article   INTEGER PRIMARY KEY REFERENCES articles (n) ON DELETE CASCADE,
	day       INTEGER,        -- published_day as days since 1970-01-01
	publisher TEXT,
	language  TEXT,
	entities  BLOB NOT NULL,  -- the article's entity keys (entities.n), ascending, as uvarint deltas
	speakers  TEXT NOT NULL   -- JSON list of the article's distinct quote speakers
);

-- A rowid table, unlike the others: in a WITHOUT ROWID table a row over
-- about 1,000 bytes (a long paragraph) spills onto an overflow page of its
-- own, which cost a third more space than the text.
CREATE TABLE paragraphs (
	article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	p       INTEGER NOT NULL,
	text    TEXT NOT NULL
);
CREATE UNIQUE INDEX paragraphs_article ON paragraphs (article, p);

CREATE TABLE captions (
	article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	i       INTEGER NOT NULL,
	text    TEXT NOT NULL,
	credit  TEXT,
	PRIMARY KEY (article, i)
) WITHOUT ROWID;

-- One row per canonical name and type across the store, with counters
-- kept in step by every insert, so that listing entities by popularity
-- reads this table alone.
CREATE TABLE entities (
	n        INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL,
	fold     TEXT NOT NULL, -- name lower-cased, diacritics dropped: what filters match

	articles INTEGER NOT NULL DEFAULT 0,
	mentions INTEGER NOT NULL DEFAULT 0,
	UNIQUE (name, type)
);
CREATE INDEX entities_fold ON entities (fold, type);
CREATE INDEX entities_popular ON entities (articles DESC, name);
CREATE INDEX entities_type_popular ON entities (type, articles DESC, name);

-- An article's entities, in its order (i); mentions counts its mentions.
CREATE TABLE article_entities (
	article  INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	entity   INTEGER NOT NULL REFERENCES entities (n),
	i        INTEGER NOT NULL,
	mentions INTEGER NOT NULL,
	PRIMARY KEY (article, entity)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities (entity, article, mentions);

CREATE TABLE mentions (
	article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	i       INTEGER NOT NULL, -- the entity's position in the article
	j       INTEGER NOT NULL,
	p       INTEGER NOT NULL,
	start   INTEGER NOT NULL,
	"end"   INTEGER NOT NULL,
	text    TEXT, -- NULL: paragraphs[p][start:end]
	PRIMARY KEY (article, i, j)
) WITHOUT ROWID;

-- Quotes keep a rowid: quote_fts indexes them by it.
CREATE TABLE quotes (
	n            INTEGER PRIMARY KEY,
	article      INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	i            INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	text         TEXT NOT NULL,
	speaker      TEXT,
	speaker_fold TEXT,
	speaker_type TEXT,
	cue          TEXT NOT NULL,
	p            INTEGER NOT NULL,
	start        INTEGER NOT NULL,
	"end"        INTEGER NOT NULL,
	mention_p     INTEGER, -- the words pointing at the speaker, when any
	mention_start INTEGER,
	mention_end   INTEGER,
	mention_text  TEXT,
	UNIQUE (article, i)
);
CREATE INDEX quotes_speaker ON quotes (speaker_fold, article);

CREATE TABLE dates (
	article INTEGER NOT NULL REFERENCES articles (n) ON DELETE CASCADE,
	i       INTEGER NOT NULL,
	text    TEXT, -- NULL: paragraphs[p][start:end]
	value   TEXT NOT NULL,
	type    TEXT NOT NULL,
	mod     TEXT,
	p       INTEGER NOT NULL,
	start   INTEGER NOT NULL,
	"end"   INTEGER NOT NULL,
	day_from TEXT, -- the calendar days value covers, when it names any
	day_to   TEXT,
	PRIMARY KEY (article, i)
) WITHOUT ROWID;
CREATE INDEX dates_days ON dates (day_from, day_to, article);

-- What the full-text index reads: the title and the body, paragraphs
-- joined by newlines.
CREATE VIEW article_text (n, title, body) AS
SELECT a.n,
	coalesce(a.title, ''),
	coalesce((SELECT group_concat(text, char(10) ORDER BY p) FROM paragraphs WHERE article = a.n), '')
FROM articles a;

-- External content: the text lives once, in paragraphs; the index keeps
-- only its postings (and can be checked against the text). No porter
-- stemmer: prefix queries (elect*) must match what was typed, and
-- highlights must cover the words the user asked for.
CREATE VIRTUAL TABLE article_fts USING fts5 (
	title, body,
	content = 'article_text', content_rowid = 'n',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE quote_fts USING fts5 (
	text,
	content = 'quotes', content_rowid = 'n',
	tokenize = 'unicode61 remove_diacritics 2'
);
