-- A course shared by its owner with another user: `read` (see, take and export) or `edit` (also review its
-- quizzes and make new ones). Removed with the course.

CREATE TABLE course_shares (
  course_id   text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  user_id     text NOT NULL,
  access      text NOT NULL CHECK (access IN ('read', 'edit')),
  granted_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id)
);

CREATE INDEX course_shares_user ON course_shares (user_id);
