-- schema.sql - the tables PostgreSQL and DuckDB load for `make bench`:
-- the same columns as motcua's units, procedures, procedure_offers
-- (the catalogue's declared offers, for the service index) and dossiers tables
-- (src/store/schema.c), filled from the CSV that sqlite3 writes of them,
-- so that every engine answers from the very same rows. Types common to
-- both dialects; the index on the dossier code is made after the load.
CREATE TABLE units(
	code TEXT NOT NULL, name TEXT NOT NULL, parent TEXT,
	level INTEGER NOT NULL, valid_from BIGINT, valid_to BIGINT,
	successor TEXT, office_hours TEXT);
CREATE TABLE procedures(
	code TEXT NOT NULL, name TEXT NOT NULL, field_code TEXT NOT NULL,
	field_name TEXT, limit_value INTEGER NOT NULL,
	limit_unit INTEGER NOT NULL, online_level INTEGER NOT NULL,
	paper_result INTEGER NOT NULL, fees TEXT NOT NULL,
	online_only TEXT NOT NULL);
CREATE TABLE procedure_offers(
	procedure_code TEXT NOT NULL, unit_code TEXT NOT NULL,
	level INTEGER NOT NULL);
CREATE TABLE dossiers(
	id BIGINT NOT NULL, code TEXT NOT NULL, procedure_code TEXT NOT NULL,
	procedure_name TEXT, field_code TEXT, field_name TEXT,
	unit_code TEXT NOT NULL, channel INTEGER NOT NULL,
	applicant_name TEXT, applicant_id TEXT, applicant_id_type TEXT,
	applicant_kind INTEGER NOT NULL, phone TEXT, email TEXT, summary TEXT,
	submitted_at BIGINT, received_at BIGINT, due_at BIGINT,
	finished_at BIGINT, returned_at BIGINT, refused_at BIGINT,
	status INTEGER NOT NULL, delivery INTEGER NOT NULL,
	digitized INTEGER NOT NULL, verified INTEGER NOT NULL,
	paid_online INTEGER NOT NULL, components TEXT, fees TEXT,
	results TEXT, supplements TEXT, extra TEXT,
	fee_total BIGINT NOT NULL, all_digitized INTEGER NOT NULL,
	any_reused INTEGER NOT NULL, has_e_result INTEGER NOT NULL,
	supplement_count INTEGER NOT NULL, supplement_open INTEGER NOT NULL);
