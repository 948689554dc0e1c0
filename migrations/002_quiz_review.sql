-- Quiz review: teachers edit and delete questions and mark a quiz reviewed (PATCH/DELETE /api/quizzes/…).
-- revision counts the edits (the API's ETag, so two editors cannot overwrite each other unseen);
-- edited_at is set once a teacher changed the quiz (a regenerated quiz with the same id then keeps the edits);
-- questions.key is the stable identity of a question, given when it was generated and kept through edits and
-- through deletions of other questions (idx shifts), so exports re-import onto the same LMS item or Anki note.

ALTER TABLE quizzes ADD COLUMN revision integer NOT NULL DEFAULT 0;
ALTER TABLE quizzes ADD COLUMN edited_at timestamptz;
ALTER TABLE quizzes ADD COLUMN reviewed_at timestamptz;
ALTER TABLE questions ADD COLUMN key text;
UPDATE questions SET key = quiz_id || ':' || idx WHERE key IS NULL;
ALTER TABLE questions ALTER COLUMN key SET NOT NULL;
