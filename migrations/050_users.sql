-- People who use the API, each with a role and a key of their own (`profai users add NAME --role ROLE`).
-- Only the SHA-256 of a key is kept (key_hash); key_hint is its recognisable start, for `profai users list`.
-- A revoked user keeps their row (their uploads and shares still name them); names are unique among active users.

CREATE TABLE users (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('teacher', 'operator', 'admin')),
  key_hash    text NOT NULL UNIQUE,
  key_hint    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  rotated_at  timestamptz,
  revoked_at  timestamptz
);

CREATE UNIQUE INDEX users_active_name ON users (lower(name)) WHERE revoked_at IS NULL;
