-- Who uploaded which content: a PDF (by its SHA-256, its identity) belongs to every user who uploaded it, and
-- so do its document, course, quizzes and exports. Keyed by sha256, not by document id: the row is written when
-- the upload is taken, before any document exists. user_id is a users.id, or `admin` for the API_KEY.

CREATE TABLE upload_owners (
  sha256      text NOT NULL,
  user_id     text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, user_id)
);

CREATE INDEX upload_owners_user ON upload_owners (user_id);
