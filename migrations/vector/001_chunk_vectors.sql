-- Chunk vectors (pgvector). Applied only where the `vector` extension is available (PGlite, Neon):
-- Debian's PostgreSQL 15 has none, and those deployments keep vectors in Chroma.
-- The column is untyped `vector` because each embedding space has its own dimension; `space` is
-- `name/dimension`, so one query never compares vectors of two spaces. Search is an exact scan.
-- No foreign key to chunks: vectors may be written before the document's rows are saved.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE chunk_vectors (
  chunk_id     text NOT NULL,
  space        text NOT NULL,
  document_id  text NOT NULL,
  embedding    vector NOT NULL,
  page         integer NOT NULL,
  section_path text NOT NULL,
  text         text NOT NULL,
  PRIMARY KEY (chunk_id, space)
);

CREATE INDEX chunk_vectors_space_document ON chunk_vectors (space, document_id);
