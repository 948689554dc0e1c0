-- ProfAI schema, the same on PGlite and PostgreSQL 15.
-- The runner splits this file on ";" at line ends: keep one statement per ";" and no function bodies.
-- schema_migrations is created by the runner itself (src/store/migrate.ts).

CREATE TABLE documents (
  id          text PRIMARY KEY,
  sha256      text NOT NULL UNIQUE,
  file_name   text NOT NULL,
  size_bytes  bigint NOT NULL,
  page_count  integer NOT NULL,
  title       text NOT NULL,
  source      text NOT NULL,
  stats       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sections (
  document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx         integer NOT NULL,
  title       text NOT NULL,
  level       integer NOT NULL,
  path        jsonb NOT NULL,
  page_start  integer NOT NULL,
  page_end    integer NOT NULL,
  PRIMARY KEY (document_id, idx)
);

CREATE TABLE chunks (
  id           text PRIMARY KEY,
  document_id  text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx          integer NOT NULL,
  section_idx  integer NOT NULL,
  section_path jsonb NOT NULL,
  page_start   integer NOT NULL,
  page_end     integer NOT NULL,
  text         text NOT NULL,
  token_count  integer NOT NULL,
  UNIQUE (document_id, idx)
);

CREATE TABLE courses (
  id          text PRIMARY KEY,
  document_id text NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  title       text NOT NULL,
  body        jsonb NOT NULL,
  generator   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX courses_created_at ON courses (created_at DESC, id DESC);

CREATE TABLE modules (
  course_id       text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  idx             integer NOT NULL,
  title           text NOT NULL,
  page_start      integer NOT NULL,
  page_end        integer NOT NULL,
  reading_minutes double precision NOT NULL,
  PRIMARY KEY (course_id, idx)
);

CREATE TABLE lessons (
  course_id       text NOT NULL,
  module_idx      integer NOT NULL,
  idx             integer NOT NULL,
  title           text NOT NULL,
  section_path    jsonb NOT NULL,
  page_start      integer NOT NULL,
  page_end        integer NOT NULL,
  reading_minutes double precision NOT NULL,
  PRIMARY KEY (course_id, module_idx, idx),
  FOREIGN KEY (course_id, module_idx) REFERENCES modules (course_id, idx) ON DELETE CASCADE
);

CREATE TABLE quizzes (
  id           text PRIMARY KEY,
  course_id    text NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  seed         integer NOT NULL,
  module_index integer,
  title        text NOT NULL,
  body         jsonb NOT NULL,
  generator    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX quizzes_course ON quizzes (course_id, created_at);

CREATE TABLE questions (
  quiz_id     text NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
  idx         integer NOT NULL,
  kind        text NOT NULL,
  prompt      text NOT NULL,
  source_page integer NOT NULL,
  body        jsonb NOT NULL,
  PRIMARY KEY (quiz_id, idx)
);
