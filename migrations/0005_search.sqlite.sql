-- Full-text search over thread titles and post bodies (SQLite FTS5). The rowid is the
-- post id; group_id is stored unindexed so permission filtering can join cheaply.
-- Kept in step by store/search.cpp inside the same transaction as the post write.
CREATE VIRTUAL TABLE post_search USING fts5(
  title, body, group_id UNINDEXED, thread_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
