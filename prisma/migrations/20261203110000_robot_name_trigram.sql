-- migrate:up
-- Robot name search at 100,000 robots (issue 15): GET /v1/robots?q= matches `name ILIKE '%q%'`, which
-- no b-tree serves, so the page walked the name index filtering every row and the capped count read
-- every name. A trigram GIN index answers substring (and case-insensitive) matches of 3 or more
-- characters from the index; the planner still walks robot_name_key_idx when most names match.
-- pg_trgm ships with PostgreSQL's contrib (postgresql-15 here).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX robot_name_trgm_idx ON robot USING gin (name gin_trgm_ops);

-- migrate:down
DROP INDEX robot_name_trgm_idx;
-- the extension stays: something else may use it, and dropping it is not this migration's to decide
