-- The embedding space a document's chunk vectors were written in (`name` and `dimension` of its embedder), so
-- `profai doctor` compares each document with the space it was embedded in: after EMBEDDINGS_MODEL or
-- HASH_EMBEDDING_DIM changes, older documents are not all "missing" in the new space. NULL for documents
-- saved before this column existed (doctor takes the configured space for them).

ALTER TABLE documents ADD COLUMN embedding_space text;

ALTER TABLE documents ADD COLUMN embedding_dim integer;
