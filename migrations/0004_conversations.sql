-- Threads, posts (a thread's opening post and its replies), edit history, reactions,
-- anonymous labels, read state. Every table carries group_id.

CREATE TABLE threads (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  opening_post_id BIGINT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0,
  post_count INTEGER NOT NULL DEFAULT 1,   -- the opening post and every reply
  created_at BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL
);
-- The group page: pinned first, then latest activity; keyset pagination on this order.
CREATE INDEX threads_by_activity ON threads (group_id, pinned, last_activity_at, id);
-- The home feed: a member's groups, most recent activity first, ignoring pins.
CREATE INDEX threads_recent ON threads (group_id, last_activity_at, id);

-- author_account_id is never sent to anyone but the author; for anonymous posts the
-- persona is kept for accountability but never shown.
CREATE TABLE posts (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES support_groups (id) ON DELETE CASCADE,
  thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  parent_id BIGINT,                         -- NULL for the opening post
  depth INTEGER NOT NULL DEFAULT 0,         -- 0 opening post, replies 1..3
  branch_id BIGINT,                         -- the depth-1 reply this post hangs under (its own
                                            -- id at depth 1, NULL for the opening post): the
                                            -- thread page pages by branch, keeping trees whole
  author_account_id BIGINT NOT NULL REFERENCES accounts (id),
  author_persona_id BIGINT NOT NULL REFERENCES personas (id),
  anonymous INTEGER NOT NULL DEFAULT 0,
  anonymous_label TEXT NOT NULL DEFAULT '', -- "A", "B", … stable per thread and author
  body TEXT NOT NULL,                       -- Markdown as written
  body_html TEXT NOT NULL DEFAULT '',       -- rendered once, when written (core/markdown)
  content_warning TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  deleted_at BIGINT,                        -- removed by its author
  idempotency_key TEXT NOT NULL,            -- one post per submitted form
  UNIQUE (author_account_id, idempotency_key)
);
CREATE INDEX posts_thread ON posts (thread_id, created_at, id);
CREATE INDEX posts_branch ON posts (thread_id, branch_id);
CREATE INDEX posts_group ON posts (group_id, created_at);

CREATE TABLE post_revisions (
  id BIGINT PRIMARY KEY,
  group_id BIGINT NOT NULL,
  post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  content_warning TEXT NOT NULL DEFAULT '',
  replaced_at BIGINT NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, replaced_at);

CREATE TABLE thread_anonymous_labels (
  thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  group_id BIGINT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (thread_id, account_id),
  UNIQUE (thread_id, label)
);

-- kind: 'support' (Sending support), 'me_too' (Me too), 'helped' (This helped).
CREATE TABLE reactions (
  post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL,
  persona_id BIGINT NOT NULL REFERENCES personas (id),
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (post_id, account_id, kind)
);
CREATE INDEX reactions_group_persona ON reactions (group_id, kind);

-- What a member has read, and the threads they follow.
CREATE TABLE thread_reads (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL,
  seen_post_count INTEGER NOT NULL DEFAULT 0,
  following INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, thread_id)
);
