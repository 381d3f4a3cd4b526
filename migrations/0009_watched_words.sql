-- Watched words (issue 4, filters): each group's list and the platform's own, with the
-- action a match takes; and each member's personal mute words. Written once for SQLite and
-- PostgreSQL.
--
-- The safety layer compiles a list into a Vectorscan database once per version and keeps it
-- in memory; every change to a list bumps its version in the same transaction, so every
-- node sees the change at the next post it checks.

CREATE TABLE watched_words (
  id BIGINT PRIMARY KEY,
  -- NULL: the platform's list, applied in every group and to direct messages.
  group_id BIGINT REFERENCES support_groups (id) ON DELETE CASCADE,
  phrase TEXT NOT NULL,       -- as the moderator typed it (safety/phrase.hpp, "words" syntax)
  phrase_key TEXT NOT NULL,   -- normalised: "Idiot" and "idiot" are one entry
  action TEXT NOT NULL CHECK (action IN ('block', 'hold', 'flag', 'censor')),
  message TEXT NOT NULL DEFAULT '',  -- for the author of a blocked post; empty: the default
  created_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX watched_words_group_key ON watched_words (group_id, phrase_key) WHERE group_id IS NOT NULL;
CREATE UNIQUE INDEX watched_words_platform_key ON watched_words (phrase_key) WHERE group_id IS NULL;

-- The version of each list that ever changed: a random number, new at every change (so a
-- restored backup never reuses a version for other content). scope_id is the group's id, or
-- 0 for the platform's list (ids are never 0). A list without a row is at version 0.
CREATE TABLE watched_word_versions (
  scope_id BIGINT PRIMARY KEY,
  version BIGINT NOT NULL
);

-- A member's own mute words: posts containing them are collapsed for that member only.
CREATE TABLE mute_words (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  phrase TEXT NOT NULL,
  phrase_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (account_id, phrase_key)
);
