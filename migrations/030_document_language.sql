-- The language of a document's text (ISO 639-1, `und` when undetermined), told once when it is processed: the
-- course and quiz stages read it instead of guessing again, and exports label their text with it. NULL for
-- documents processed before it was recorded (their quizzes tell it from the course's text).

ALTER TABLE documents ADD COLUMN language text;
