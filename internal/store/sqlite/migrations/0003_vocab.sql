-- The index's vocabulary, for ranking prefix queries: `elect*` is ranked
-- as an OR of the words it completes to. FTS5 answers a prefix by
-- merging every completion's postings into one list before it returns a
-- row, and the ranking statement would pay that again after the match;
-- the completions' own postings are read lazily, from the rank bound on.
-- A virtual table over article_fts's own index: nothing is stored.
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts_vocab USING fts5vocab(article_fts, 'row');
