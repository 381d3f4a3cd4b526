-- Private messages between two personas of one group (docs/messages.md). Written once for
-- SQLite and PostgreSQL; every table carries group_id (content shards by group).
--
-- A conversation belongs to a group, and each side appears in it only as the persona they
-- show there: Hearth never links two personas of one account, so nothing here joins one
-- group's conversations to another's. The *_account_id columns are INTERNAL (who may read,
-- who is notified); they are never rendered, serialised or compared with anything but a viewer.

-- "Who can send me private messages here", per persona. No row: members of the group.
CREATE TABLE message_settings (
  persona_id BIGINT PRIMARY KEY REFERENCES personas (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  allow TEXT NOT NULL,                 -- 'members', 'moderators' or 'nobody'
  updated_at BIGINT NOT NULL
);

-- One conversation per pair of personas in a group; the pair is stored in id order so that
-- the UNIQUE constraint settles "the" conversation of two people.
CREATE TABLE message_conversations (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  first_persona_id BIGINT NOT NULL,    -- the smaller persona id
  second_persona_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (group_id, first_persona_id, second_persona_id)
);

-- Each side's view of a conversation: their list ("newest first", keyset on last_message_at
-- and conversation_id) and their unread count. A row exists for both sides from the start.
CREATE TABLE message_participants (
  conversation_id BIGINT NOT NULL REFERENCES message_conversations (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,  -- INTERNAL
  persona_id BIGINT NOT NULL,          -- this side's persona
  other_persona_id BIGINT NOT NULL,    -- the persona they write to
  last_message_at BIGINT NOT NULL,     -- of the newest message this side may see
  unread_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, account_id)
);
CREATE INDEX message_participants_list ON message_participants (account_id, last_message_at, conversation_id);

-- A message. held_at: a filter holds it for the group's moderators; the recipient sees it
-- (and it counts as unread) only once approved. flag_open: a filter flagged it (crisis
-- language among them) and a moderator hasn't looked yet. These, and reports by one of the
-- two participants, are the only ways a moderator ever reads a private message.
CREATE TABLE private_messages (
  id BIGINT PRIMARY KEY,
  conversation_id BIGINT NOT NULL REFERENCES message_conversations (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  sender_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,  -- INTERNAL
  sender_persona_id BIGINT NOT NULL,
  body TEXT NOT NULL,
  body_html TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  held_at BIGINT,
  held_reason TEXT NOT NULL DEFAULT '',        -- 'filter' or 'third_party'
  flag_open INTEGER NOT NULL DEFAULT 0,
  flag_words TEXT NOT NULL DEFAULT '',         -- what the filters matched, for moderators
  at_risk INTEGER NOT NULL DEFAULT 0,          -- the crisis filter matched
  deleted_at BIGINT,
  removed_by_moderator INTEGER NOT NULL DEFAULT 0,
  removal_explanation TEXT NOT NULL DEFAULT '',
  UNIQUE (sender_account_id, idempotency_key)
);
CREATE INDEX private_messages_conversation ON private_messages (conversation_id, created_at, id);
CREATE INDEX private_messages_queue ON private_messages (group_id, created_at)
  WHERE held_at IS NOT NULL OR flag_open = 1;
