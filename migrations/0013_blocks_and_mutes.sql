-- Blocking and muting (issue 4, "Blocking and muting"). Written once for SQLite and PostgreSQL.
-- docs/blocking.md explains the rules; the short version is here because the columns follow it.

-- A member blocks a PERSONA, never an account: Hearth never lets anyone link two personas of
-- one account, so a block can only be about the name the blocker saw. Effects (both ways, on
-- posts shown under a persona only; anonymous posts are never touched, see docs/blocking.md):
--   * the blocker no longer sees posts written as blocked_persona_id;
--   * the blocked account no longer sees posts written as blocker_persona_id, the name the
--     blocker uses in the group where they blocked (0: they had none there).
-- blocked_account_id is kept so that the blocked side's reads are one index probe; it is
-- never shown to anyone.
CREATE TABLE persona_blocks (
  blocker_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  blocked_persona_id BIGINT NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
  blocked_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  blocker_persona_id BIGINT NOT NULL DEFAULT 0,
  group_id BIGINT NOT NULL,  -- where the block was made (shown to the blocker in their list)
  created_at BIGINT NOT NULL,
  PRIMARY KEY (blocker_account_id, blocked_persona_id)
);
-- "Who has blocked me, as which persona": the blocked side's reads and search's NOT EXISTS.
CREATE INDEX persona_blocks_blocked ON persona_blocks (blocked_account_id, blocker_persona_id);

-- Muted threads and groups: private to the member. A muted thread (or every thread of a muted
-- group) leaves the member's home feed and unread counts; the thread itself still opens.
CREATE TABLE thread_mutes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, thread_id)
);

CREATE TABLE group_mutes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, group_id)
);
