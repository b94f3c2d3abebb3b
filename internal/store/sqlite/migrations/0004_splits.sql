-- The stories the clusterer split (article.Links.Splits): ingest reads
-- them at its start so that the two parts of a split are not merged back
-- by the next run. A new table only, IF NOT EXISTS: harmless twice.
CREATE TABLE IF NOT EXISTS story_splits (
    from_story INTEGER NOT NULL,
    into_story INTEGER NOT NULL,
    PRIMARY KEY (from_story, into_story)
) WITHOUT ROWID;
