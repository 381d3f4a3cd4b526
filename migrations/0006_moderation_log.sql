-- What moderators and admins did in a group, and when. The transparency card counts the
-- moderators who acted recently; the safety issue adds the public moderation log on top.
CREATE TABLE moderation_log (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  actor_account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  action TEXT NOT NULL,       -- e.g. 'request.approved', 'request.declined', 'role.changed'
  created_at BIGINT NOT NULL
);
CREATE INDEX moderation_log_group ON moderation_log (group_id, created_at);
