-- The order in which risk recorded its decisions: the cursor of the REST API's decision pages (newest first).
-- Rows recorded before this column existed are numbered in an arbitrary order, before every newer row.
ALTER TABLE decisions ADD COLUMN recorded bigserial NOT NULL UNIQUE;
