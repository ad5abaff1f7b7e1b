-- schema.sql - the tables every engine loads for `make bench`: the same
-- columns as motcua's units, procedures, procedure_offers (the
-- catalogue's declared offers, for the service index), dossiers, and the
-- service index's ratings, feedback and procedure_publication tables
-- (src/store/schema.c), filled from the CSV that sqlite3 writes of them,
-- so that every engine answers from the very same rows; and the scoring
-- rules in force for the benchmark's month, index_rules and
-- index_rule_set, which bench/index_inputs.mjs writes from
-- data/index-rules.json (the rules motcua has built in). Types common to
-- the three dialects; the index on the dossier code is made after the load.
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
CREATE TABLE ratings( -- "at" is a keyword in DuckDB
	dossier_code TEXT NOT NULL, "at" BIGINT NOT NULL,
	rating INTEGER NOT NULL, channel TEXT);
CREATE TABLE feedback(
	id TEXT NOT NULL, unit_code TEXT NOT NULL, dossier_code TEXT,
	received_at BIGINT NOT NULL, answered_at BIGINT, outcome TEXT);
CREATE TABLE procedure_publication(
	procedure_code TEXT NOT NULL, decided BIGINT NOT NULL,
	effective BIGINT, publicized BIGINT);
CREATE TABLE index_rules(
	indicator TEXT NOT NULL, grp TEXT NOT NULL,
	points INTEGER NOT NULL, threshold INTEGER NOT NULL);
CREATE TABLE index_rule_set(
	name TEXT NOT NULL, undefined_full INTEGER NOT NULL,
	feedback_days INTEGER NOT NULL);
