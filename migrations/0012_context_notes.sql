-- Context notes against misinformation (issue 4): platform admins verify members as health
-- professionals or trained peer volunteers; each member chooses per persona whether the
-- badge shows; verified members and moderators attach context notes with sources to posts,
-- members rate them, and moderators label posts that need context. Written once for SQLite
-- and PostgreSQL; every table of group content carries group_id.

-- One verification per account, made by a platform admin. The evidence they were shown
-- (a licence, a training certificate) is never stored: only what the badge says, where the
-- member is registered and when. A revoked verification keeps its row (revoked_at) so that
-- admins see the history; the badges it showed are removed.
CREATE TABLE verifications (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                 -- 'health_professional' or 'peer_volunteer'
  profession TEXT NOT NULL DEFAULT '',-- 'nurse', 'pharmacist' … (health professionals)
  jurisdiction TEXT NOT NULL,         -- where they are registered or trained: 'Scotland'
  verified_at BIGINT NOT NULL,
  verified_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  revoked_at BIGINT,
  revoked_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);

-- Selective disclosure: a row means "show my verified badge with this persona". No row, no
-- badge (the default). account_id is the persona's owner, kept so that a badge can never be
-- joined to another account's verification.
CREATE TABLE persona_badges (
  persona_id BIGINT PRIMARY KEY REFERENCES personas (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  shown_since BIGINT NOT NULL
);
CREATE INDEX persona_badges_account ON persona_badges (account_id);

-- A context note on a post. The author's account never leaves the server; notes are shown
-- without the author's name (they stand on their sources). author_persona_id is the persona
-- the author showed in the group when writing: the note speaks "from a verified nurse" only
-- while that persona shows the badge.
CREATE TABLE context_notes (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  thread_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL,
  author_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,  -- INTERNAL
  author_persona_id BIGINT NOT NULL,
  by_moderator INTEGER NOT NULL DEFAULT 0,  -- written by one of the group's moderators
  body TEXT NOT NULL,
  sources TEXT NOT NULL,                    -- 1–5 http(s) addresses, one per line
  created_at BIGINT NOT NULL,
  removed_at BIGINT,                        -- removed by a moderator (moderation log says why)
  removed_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX context_notes_thread ON context_notes (group_id, thread_id, created_at);
CREATE INDEX context_notes_post ON context_notes (group_id, post_id);

-- Members' ratings of a note: one per account and note, changeable.
CREATE TABLE note_ratings (
  note_id BIGINT NOT NULL REFERENCES context_notes (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  helpful INTEGER NOT NULL,                 -- 1 helpful, 0 not helpful
  rated_at BIGINT NOT NULL,
  PRIMARY KEY (note_id, account_id)
);

-- "Needs context": a moderator's label on a post, inviting verified members and moderators
-- to add a note.
CREATE TABLE post_context_labels (
  post_id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  thread_id BIGINT NOT NULL,
  labelled_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  labelled_at BIGINT NOT NULL
);
CREATE INDEX post_context_labels_thread ON post_context_labels (group_id, thread_id);
