-- Moderation (issue 4): reports, posts held for a moderator and posts removed by one, the
-- strike history and private notes on members, the group's moderation settings,
-- escalations to the platform admins, and who the platform admins are. Written once for
-- SQLite and PostgreSQL; every table of group content carries group_id.
--
-- Accountable anonymity: rows about the author of an anonymous post name them only by the
-- post's opaque handle (a keyed hash of the post id, see actions/moderation_target.cpp).
-- Where a row must take effect on the real account (a mute, a ban) it keeps account_id,
-- which never leaves the server.

-- Platform admins look after the whole site: escalated items, and unmasking an anonymous
-- author when the law or someone's safety requires it. Granted with `hearth admin grant`.
ALTER TABLE accounts ADD COLUMN platform_admin INTEGER NOT NULL DEFAULT 0;

-- A post waiting for a moderator (held_at set) is seen only by its author and the group's
-- moderators. It does not count in threads.post_count until it is approved, so post_count
-- counts published posts: a thread whose opening post waits has 0 and is listed nowhere.
ALTER TABLE posts ADD COLUMN held_at BIGINT;
ALTER TABLE posts ADD COLUMN held_reason TEXT NOT NULL DEFAULT '';     -- 'new_member', 'anonymous', …
-- A removed post (deleted_at set) was removed by its author unless this is 1.
ALTER TABLE posts ADD COLUMN removed_by_moderator INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN removal_explanation TEXT NOT NULL DEFAULT '';  -- for the author
ALTER TABLE posts ADD COLUMN removal_rule INTEGER;                         -- 1-based, the rule it broke
CREATE INDEX posts_held ON posts (group_id, held_at) WHERE held_at IS NOT NULL;
-- Slow mode and "first posts of new members wait for approval" look at one author's posts
-- in one group.
CREATE INDEX posts_author_group ON posts (author_account_id, group_id, created_at);

-- How a group is moderated; a group without a row has everything off.
CREATE TABLE group_moderation_settings (
  group_id BIGINT PRIMARY KEY REFERENCES support_groups (id) ON DELETE CASCADE,
  hold_first_posts INTEGER NOT NULL DEFAULT 0,   -- a new member's first N posts wait for approval
  slow_mode_seconds INTEGER NOT NULL DEFAULT 0,  -- at least this long between one member's posts
  hold_anonymous INTEGER NOT NULL DEFAULT 0      -- anonymous posting "on, with approval"
);

-- A member's report of a post or a persona. One per reporter and item: reporting again
-- changes nothing. The reporter is never shown to moderators.
CREATE TABLE reports (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  item_kind TEXT NOT NULL,               -- 'post' or 'persona'
  item_id BIGINT NOT NULL,               -- posts.id or personas.id
  thread_id BIGINT,                      -- for posts
  reporter_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  reason TEXT NOT NULL,                  -- 'hurtful', 'misinformation', 'private_details', 'at_risk',
                                         -- 'spam', 'group_rule', 'other'
  rule_number INTEGER,                   -- for 'group_rule': 1-based
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  outcome TEXT NOT NULL DEFAULT '',      -- what the reporter is told: 'removed', 'action_taken',
                                         -- 'no_action', 'escalated'
  UNIQUE (reporter_account_id, item_kind, item_id)
);
CREATE INDEX reports_open ON reports (group_id, resolved_at, created_at);
CREATE INDEX reports_item ON reports (group_id, item_kind, item_id);

-- Warnings, removals, mutes and bans: a member's strike history in one group. Given to a
-- persona (persona_id) or, for an anonymous post, through the post's handle (persona_id
-- NULL): then no moderator read ever joins it to a persona.
CREATE TABLE member_sanctions (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,  -- INTERNAL
  persona_id BIGINT,
  handle TEXT NOT NULL DEFAULT '',
  post_id BIGINT,
  thread_id BIGINT,
  kind TEXT NOT NULL,                    -- 'warning', 'removal', 'mute', 'ban'
  reason TEXT NOT NULL DEFAULT '',       -- shown to the member
  rule_number INTEGER,
  ends_at BIGINT,                        -- mutes: until when
  lifted_at BIGINT,                      -- a mute or ban lifted by a moderator
  applied INTEGER NOT NULL DEFAULT 1,    -- 0: asked for through a handle on the group's own staff,
                                         -- so it went to the platform admins instead
  actor_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE INDEX member_sanctions_account ON member_sanctions (group_id, account_id, kind);
CREATE INDEX member_sanctions_persona ON member_sanctions (group_id, persona_id);
CREATE INDEX member_sanctions_handle ON member_sanctions (group_id, handle);
CREATE INDEX member_sanctions_notices ON member_sanctions (account_id, created_at);

-- Private notes moderators keep about a member (persona) or an anonymous author (handle).
CREATE TABLE moderator_notes (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  persona_id BIGINT,
  handle TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  author_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE INDEX moderator_notes_subject ON moderator_notes (group_id, persona_id, handle);

-- Items a group's moderators hand to the platform admins.
CREATE TABLE escalations (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  item_kind TEXT NOT NULL,               -- 'post' or 'persona'
  item_id BIGINT NOT NULL,
  thread_id BIGINT,
  reason TEXT NOT NULL,
  escalated_by BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX escalations_open ON escalations (resolved_at, created_at);

-- The moderation log, in full: what was acted on and why (for moderators), and the public
-- summary members see (never a moderator's name, never an anonymous author).
ALTER TABLE moderation_log ADD COLUMN target_kind TEXT NOT NULL DEFAULT '';  -- 'post', 'persona', 'handle', 'thread', 'group'
ALTER TABLE moderation_log ADD COLUMN target_id BIGINT;                     -- post, persona or thread id
ALTER TABLE moderation_log ADD COLUMN handle TEXT NOT NULL DEFAULT '';
ALTER TABLE moderation_log ADD COLUMN thread_id BIGINT;
ALTER TABLE moderation_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';      -- moderators only
ALTER TABLE moderation_log ADD COLUMN rule_number INTEGER;
ALTER TABLE moderation_log ADD COLUMN public_summary TEXT NOT NULL DEFAULT '';

-- The audit log's platform-admin entries ('admin.…') carry what was done and why; every
-- platform admin sees them.
ALTER TABLE audit_log ADD COLUMN detail TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_action ON audit_log (action, created_at);
