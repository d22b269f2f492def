-- Rate-limit counters are consumed on every API request, and each consume is a commit. An
-- unlogged table skips the write-ahead log (and its flush to disk) for them: a crash of the
-- database empties the table, which gives every caller a fresh window, never a lost credit.
ALTER TABLE "rate_limit" SET UNLOGGED;
