-- The pseudonyms of a conversation's signed posts, which the third-party guard must never
-- take for someone else's name (store/filter_settings.cpp, read for every reply): from this
-- index alone, without reading the posts themselves. Before it, each reply read every post
-- of its conversation (bench/README.md, "Posting at 500 replies/s").
CREATE INDEX posts_thread_signed_authors ON posts (thread_id, author_persona_id)
  WHERE anonymous = 0 AND deleted_at IS NULL;
