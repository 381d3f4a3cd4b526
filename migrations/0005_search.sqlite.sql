-- Full-text search over thread titles and post bodies (SQLite FTS5). Kept in step by
-- store/search.cpp inside the same transaction as the post write.
--
-- `scope` holds two tokens per post, "g<group id>" and "p<privacy>" (ppublic, pprivate,
-- phidden), so that the permission filter and the group filter run inside the full-text
-- index instead of over every match afterwards (see store/search.cpp). Member text is
-- only ever matched against title and body.
CREATE VIRTUAL TABLE post_search USING fts5(
  title, body, scope,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- A post's row in post_search. The full-text rowid is handed out in increasing order as
-- posts are written, so the index can be read newest first and stop early (post ids are
-- random and say nothing about order). It never leaves the server.
CREATE TABLE post_search_rows (
  search_rowid INTEGER PRIMARY KEY,
  post_id BIGINT NOT NULL UNIQUE,
  group_id BIGINT NOT NULL
);
CREATE INDEX post_search_rows_group ON post_search_rows (group_id);
