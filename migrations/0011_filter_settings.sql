-- The safety filters wired into posting (issue 4, filters): a group's "strict" setting for
-- the third-party guard, what the filters hand to the moderators' queue, and the kindness
-- nudge's outcome counts for the transparency card. Written once for SQLite and PostgreSQL.

-- Filter settings of a group; a group without a row is not strict. A table of its own rather
-- than a column of group_moderation_settings, whose rows are replaced whole when the
-- moderation settings are saved.
CREATE TABLE group_filter_settings (
  group_id BIGINT PRIMARY KEY REFERENCES support_groups (id) ON DELETE CASCADE,
  -- Posts with someone else's details (third-party guard) wait for a moderator instead of
  -- asking the author to reconsider.
  strict_third_party INTEGER NOT NULL DEFAULT 0
);

-- What a filter found in a published or held post, for the group's moderators: which filter,
-- the list entry or kind of detail, and the words as written. Shown in the queue with the
-- post until a moderator acts on it (approve, dismiss, remove…). No author: an anonymous
-- post's flag says nothing more about who wrote it than the post does.
CREATE TABLE filter_flags (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  post_id BIGINT NOT NULL,
  thread_id BIGINT NOT NULL,
  filter TEXT NOT NULL,               -- 'crisis', 'watched_words', 'third_party', 'kindness'
  action TEXT NOT NULL,               -- what it asked for: 'flag', 'crisis', 'hold', 'censor'
  detail TEXT NOT NULL DEFAULT '',    -- 'watched word "…"', 'phone number, full name', 'suicide'
  words TEXT NOT NULL DEFAULT '',     -- the matched words as the author wrote them
  at_risk INTEGER NOT NULL DEFAULT 0, -- crisis language: "someone may be at risk", sorted first
  created_at BIGINT NOT NULL,
  resolved_at BIGINT
);
CREATE INDEX filter_flags_open ON filter_flags (group_id, resolved_at, created_at);
CREATE INDEX filter_flags_post ON filter_flags (group_id, post_id);

-- The kindness nudge's outcomes, counted per group and day and nothing else: how often it
-- was shown, and how often the author then edited, cancelled or posted anyway. No post, no
-- account: the transparency card shows aggregates only.
CREATE TABLE kindness_outcomes (
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  day BIGINT NOT NULL,                -- days since 1970-01-01 (UTC)
  shown BIGINT NOT NULL DEFAULT 0,
  edited BIGINT NOT NULL DEFAULT 0,
  cancelled BIGINT NOT NULL DEFAULT 0,
  posted_anyway BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, day)
);
