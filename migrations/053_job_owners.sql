-- Who asked for which job (an upload's PDF job, a new quiz's job), so a teacher follows their own jobs and
-- nobody else's. Job ids come from content, so two users asking for the same work share one job and both own it.

CREATE TABLE job_owners (
  job_id      text NOT NULL,
  user_id     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, user_id)
);
