-- Live updates: what changed in each conversation, in order, written by the action's own
-- write transaction (an outbox), so a stream reads only what has committed and a client
-- that reconnects with Last-Event-ID gets exactly what it missed.
--
-- Events are numbered per conversation (seq 1, 2, 3 …), never across the platform: a global
-- counter would let anyone watching a public thread count the activity of every group,
-- hidden ones included (DESIGN.md on ids). Rows older than about a day are pruned; a client
-- further behind than that is told to reload instead.

-- The last number given in each conversation. Taking the next one updates this row, which
-- also orders concurrent writers of one conversation on an engine with several writers.
CREATE TABLE thread_event_heads (
  thread_id BIGINT PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
  group_id BIGINT NOT NULL,
  last_seq BIGINT NOT NULL
);

-- kind: 'thread' (an opening post published), 'reply' (a reply published), 'edit',
-- 'removal', 'reaction'. Only ids: what a viewer is shown is read, and checked against
-- policy, when the event is delivered.
CREATE TABLE thread_events (
  thread_id BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  group_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  post_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (thread_id, seq)
);
CREATE INDEX thread_events_age ON thread_events (created_at);
