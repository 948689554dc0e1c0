-- Chunk vectors where the `vector` extension is not available (Debian's PostgreSQL 15, most managed servers
-- without pgvector): the same table as vector/001, the embedding as `real[]`. Every search ProfAI makes is
-- within one document (a few hundred rows), so an exact cosine over the document's rows needs no index.
-- A database that has this table keeps it even if pgvector is installed later (see src/store/migrate.ts).
-- No foreign key to chunks: with an LLM course the vectors are written when the document is staged, before
-- its rows (src/workflows/document.ts).

CREATE TABLE chunk_vectors (
  chunk_id     text NOT NULL,
  space        text NOT NULL,
  document_id  text NOT NULL,
  embedding    real[] NOT NULL,
  page         integer NOT NULL,
  section_path text NOT NULL,
  text         text NOT NULL,
  PRIMARY KEY (chunk_id, space)
);

CREATE INDEX chunk_vectors_space_document ON chunk_vectors (space, document_id);
