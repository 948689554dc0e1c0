-- The audit trail: who uploaded, edited, exported, shared, deleted or replayed what, and when (GET /api/audit,
-- `profai audit`). One row per action, written by the API's routes after the action succeeded.
-- actor_* copy the principal of the request (its name and role as they were then: users may be renamed or
-- revoked later). target_kind/target_id name what was acted on (`course`, `quiz`, `pdf` by its SHA-256,
-- `job`); course_id is the course the action concerns, when there is one, so that deleting the course can
-- erase its ids from the trail (see 056): the row stays, who did what and when, with the target's id replaced.

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    text NOT NULL,
  actor_name  text NOT NULL,
  actor_role  text NOT NULL,
  action      text NOT NULL,
  target_kind text NOT NULL,
  target_id   text NOT NULL,
  course_id   text,
  detail      jsonb,
  ip          text
);

CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

CREATE INDEX audit_log_course ON audit_log (course_id) WHERE course_id IS NOT NULL;
