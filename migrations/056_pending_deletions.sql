-- A course deletion whose database part committed and whose vectors and files are still to go (DELETE
-- /api/courses/:id, `profai courses delete`). Written in the transaction that deletes the rows, removed once
-- the vector store and the file stores are clean: a crash in between leaves this row, and the next delete
-- (of any course) or a retry of this one finishes the work. Nothing of the course remains once it is gone.

CREATE TABLE pending_deletions (
  document_id text PRIMARY KEY,
  sha256      text NOT NULL,
  course_id   text NOT NULL,
  quiz_ids    jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
