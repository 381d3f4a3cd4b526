-- Groups, memberships, personas, invites. Every table of group content carries group_id
-- (DESIGN.md: content shards by group). Ids are random 53-bit integers chosen by the
-- application; times are Unix milliseconds; booleans are INTEGER 0/1.

CREATE TABLE support_groups (
  id BIGINT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,           -- lower-case, used in URLs
  name TEXT NOT NULL,
  description TEXT NOT NULL,           -- one line, shown in the directory
  about TEXT NOT NULL DEFAULT '',      -- longer Markdown
  privacy TEXT NOT NULL,               -- 'public', 'private' or 'hidden'
  region TEXT NOT NULL DEFAULT '',     -- ISO 3166-1 alpha-2 or ''
  languages TEXT NOT NULL DEFAULT 'en',-- comma-separated codes
  topics TEXT NOT NULL DEFAULT '',     -- comma-separated, lower-case
  anonymous_posting INTEGER NOT NULL DEFAULT 0,
  search_indexable INTEGER NOT NULL DEFAULT 0,  -- public groups only, opt-in by admins
  created_at BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL
);
CREATE INDEX support_groups_listing ON support_groups (privacy, last_activity_at);

CREATE TABLE group_rules (
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (group_id, position)
);

CREATE TABLE group_questions (
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (group_id, position)
);

CREATE TABLE group_services (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX group_services_group ON group_services (group_id);

-- A persona is a pseudonym with its own profile. Each field has its own audience:
-- 0 = only me, 1 = this group's members, 2 = everyone who can see the group.
CREATE TABLE personas (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  about TEXT NOT NULL DEFAULT '',
  about_audience INTEGER NOT NULL DEFAULT 0,
  connection TEXT NOT NULL DEFAULT '',   -- living_with, caring_for, parent, professional, other
  connection_audience INTEGER NOT NULL DEFAULT 0,
  region TEXT NOT NULL DEFAULT '',
  region_audience INTEGER NOT NULL DEFAULT 0,
  age_range TEXT NOT NULL DEFAULT '',
  age_range_audience INTEGER NOT NULL DEFAULT 0,
  pronouns TEXT NOT NULL DEFAULT '',
  pronouns_audience INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX personas_account ON personas (account_id);

-- role: 'owner', 'admin', 'moderator', 'member'; status: 'active', 'pending', 'declined',
-- 'banned'. A persona's name is unique within a group (persona_key, lower-cased).
CREATE TABLE memberships (
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  persona_id BIGINT NOT NULL REFERENCES personas (id),
  persona_key TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'member',
  trained_volunteer INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '',      -- a private group's questions, answered (JSON array)
  decision_reason TEXT NOT NULL DEFAULT '',
  requested_at BIGINT NOT NULL,
  joined_at BIGINT,
  PRIMARY KEY (group_id, account_id),
  UNIQUE (group_id, persona_key)
);
CREATE INDEX memberships_account ON memberships (account_id, status);
CREATE INDEX memberships_persona ON memberships (persona_id);

CREATE TABLE group_invites (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  max_uses INTEGER,
  uses INTEGER NOT NULL DEFAULT 0,
  revoked_at BIGINT
);
CREATE INDEX group_invites_group ON group_invites (group_id);
