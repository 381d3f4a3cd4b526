-- Accounts, sessions and the secrets around them. Written once for SQLite and PostgreSQL:
-- BIGINT ids chosen at random by the application, times as BIGINT Unix milliseconds,
-- secrets stored only as hex hashes.

CREATE TABLE accounts (
  id BIGINT PRIMARY KEY,
  login_name TEXT NOT NULL,            -- as the member typed it; shown only to them
  login_key TEXT NOT NULL UNIQUE,      -- lower-cased, for look-up and uniqueness
  password_hash TEXT NOT NULL,         -- Argon2id
  recovery_email TEXT,                 -- optional, never shown to anyone
  time_zone TEXT NOT NULL DEFAULT '',  -- IANA name; '' = follow the browser
  region TEXT NOT NULL DEFAULT '',     -- ISO 3166-1 alpha-2; '' = not said
  language TEXT NOT NULL DEFAULT 'en',
  created_at BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE recovery_codes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE access_tokens (
  id BIGINT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX access_tokens_account ON access_tokens (account_id);

-- Fixed-window counters for rate limits. `bucket` is a keyed hash (never an IP address
-- or a login name in clear); rows expire with their window.
CREATE TABLE rate_limits (
  bucket TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  hits BIGINT NOT NULL
);

-- Security-relevant events on an account, for the member's own view and for operators.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  account_id BIGINT REFERENCES accounts (id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_account ON audit_log (account_id, created_at);

-- Secrets shared by every node (CSRF and client-key MACs), created on first start.
CREATE TABLE server_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
