/*
 * schema.c - the SQLite schema as forward migrations, and the SQL text of
 * every prepared statement. A migration is never edited once released;
 * a change of schema is a new entry at the end of `migrations`.
 */
#include <stdio.h>

#include "store/sqlite_int.h"

static const char *const migrations[] = {
	/* 1: the foundation */
	"CREATE TABLE units("
	" code TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" parent TEXT REFERENCES units(code),"
	" level INTEGER NOT NULL CHECK(level BETWEEN 1 AND 3),"
	" valid_from INTEGER, valid_to INTEGER,"
	" successor TEXT REFERENCES units(code) DEFERRABLE INITIALLY DEFERRED,"
	" office_hours TEXT);"
	"CREATE INDEX units_parent ON units(parent);"
	"CREATE TABLE procedures("
	" code TEXT PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" field_code TEXT NOT NULL, field_name TEXT,"
	" limit_value INTEGER NOT NULL, limit_unit INTEGER NOT NULL,"
	" online_level INTEGER NOT NULL, paper_result INTEGER NOT NULL,"
	" fees TEXT NOT NULL, online_only TEXT NOT NULL);"
	"CREATE TABLE dossiers("
	" id INTEGER PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE,"
	" procedure_code TEXT NOT NULL REFERENCES procedures(code),"
	" procedure_name TEXT, field_code TEXT, field_name TEXT,"
	" unit_code TEXT NOT NULL REFERENCES units(code),"
	" channel INTEGER NOT NULL CHECK(channel BETWEEN 1 AND 3),"
	" applicant_name TEXT, applicant_id TEXT, applicant_id_type TEXT,"
	" applicant_kind INTEGER NOT NULL, phone TEXT, email TEXT,"
	" summary TEXT,"
	" submitted_at INTEGER, received_at INTEGER, due_at INTEGER,"
	" finished_at INTEGER, returned_at INTEGER, refused_at INTEGER,"
	" status INTEGER NOT NULL CHECK(status BETWEEN 1 AND 10),"
	" delivery INTEGER NOT NULL, digitized INTEGER NOT NULL,"
	" verified INTEGER NOT NULL, paid_online INTEGER NOT NULL,"
	" components TEXT, fees TEXT, results TEXT, supplements TEXT,"
	" extra TEXT,"
	/* derived, for reports and plain-SQL readers */
	" fee_total INTEGER NOT NULL, all_digitized INTEGER NOT NULL,"
	" any_reused INTEGER NOT NULL, has_e_result INTEGER NOT NULL,"
	" supplement_count INTEGER NOT NULL,"
	" supplement_open INTEGER NOT NULL);"
	"CREATE TABLE dossier_counters("
	" unit_code TEXT NOT NULL, day INTEGER NOT NULL,"
	" last INTEGER NOT NULL, PRIMARY KEY(unit_code, day)) WITHOUT ROWID;"
	"CREATE TABLE events("
	" id INTEGER PRIMARY KEY,"
	" dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	" at INTEGER NOT NULL, actor TEXT, unit_code TEXT,"
	" old_status INTEGER NOT NULL, new_status INTEGER NOT NULL,"
	" action TEXT NOT NULL, note TEXT);"
	"CREATE INDEX events_dossier ON events(dossier_id, id);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
	" SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
	" SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TABLE calendar_days("
	" day INTEGER PRIMARY KEY, working INTEGER NOT NULL,"
	" name TEXT NOT NULL);",
	/* 2: accounts, sessions, login throttling, tracking secrets */
	"CREATE TABLE users("
	" id INTEGER PRIMARY KEY,"
	" username TEXT NOT NULL UNIQUE,"
	" password_hash TEXT NOT NULL,"
	" role TEXT NOT NULL"
	"  CHECK(role IN ('admin','leader','officer','clerk')),"
	" unit_code TEXT NOT NULL REFERENCES units(code),"
	" active INTEGER NOT NULL DEFAULT 1,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE sessions("
	" token_hash TEXT PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users(id),"
	" csrf TEXT NOT NULL,"
	" expires_at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE login_failures("
	" key TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX login_failures_key ON login_failures(key, at);"
	"CREATE TABLE dossier_secrets("
	" dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),"
	" secret_hash TEXT NOT NULL);",
	/* 3: report aggregates (store/sqlite_agg.c); agg_day is replaced
	 * by agg_days in 8 */
	"CREATE TABLE agg_keys("
	" id INTEGER PRIMARY KEY,"
	" unit TEXT NOT NULL, dim INTEGER NOT NULL, value TEXT NOT NULL,"
	" UNIQUE(unit, dim, value));"
	"CREATE TABLE agg_day("
	" key INTEGER NOT NULL, day INTEGER NOT NULL, v BLOB NOT NULL,"
	" PRIMARY KEY(key, day)) WITHOUT ROWID;"
	"CREATE TABLE agg_month("
	" key INTEGER NOT NULL, month INTEGER NOT NULL, v BLOB NOT NULL,"
	" PRIMARY KEY(key, month)) WITHOUT ROWID;"
	/* how many counters the blobs hold; another number means rebuild */
	"CREATE TABLE agg_meta(counters INTEGER NOT NULL);",
	/* 4: the service index (store/sqlite_index.c): citizens' ratings
	 * and feedback, which units offer a procedure, when it was
	 * publicized, targets per unit and period, published snapshots */
	"CREATE TABLE ratings("
	" dossier_code TEXT NOT NULL REFERENCES dossiers(code),"
	" at INTEGER NOT NULL,"
	" rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 3),"
	" channel TEXT, PRIMARY KEY(dossier_code, at)) WITHOUT ROWID;"
	"CREATE TABLE feedback("
	" id TEXT PRIMARY KEY,"
	" unit_code TEXT NOT NULL REFERENCES units(code),"
	" dossier_code TEXT REFERENCES dossiers(code),"
	" received_at INTEGER NOT NULL, answered_at INTEGER,"
	" outcome TEXT) WITHOUT ROWID;"
	"CREATE INDEX feedback_received ON feedback(received_at);"
	"CREATE TABLE procedure_offers("
	" procedure_code TEXT NOT NULL REFERENCES procedures(code),"
	" unit_code TEXT NOT NULL DEFAULT '', level INTEGER NOT NULL,"
	" PRIMARY KEY(procedure_code, unit_code, level)) WITHOUT ROWID;"
	"CREATE TABLE procedure_publication("
	" procedure_code TEXT PRIMARY KEY REFERENCES procedures(code),"
	" decided INTEGER NOT NULL, effective INTEGER,"
	" publicized INTEGER) WITHOUT ROWID;"
	"CREATE TABLE targets("
	" unit_code TEXT NOT NULL REFERENCES units(code),"
	" period TEXT NOT NULL, indicator TEXT NOT NULL,"
	" value INTEGER NOT NULL CHECK(value BETWEEN 0 AND 10000),"
	" PRIMARY KEY(unit_code, period, indicator)) WITHOUT ROWID;"
	"CREATE TABLE snapshots("
	" period TEXT PRIMARY KEY, created_at INTEGER NOT NULL,"
	" rules TEXT NOT NULL, content TEXT NOT NULL,"
	" checksum TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots BEGIN"
	" SELECT RAISE(ABORT, 'a published snapshot is immutable'); END;"
	"CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots BEGIN"
	" SELECT RAISE(ABORT, 'a published snapshot is immutable'); END;",
	/* 5: what a citizen wrote and the unit's answer, for feedback
	 * sent through the portal (store/sqlite_citizen.c) */
	"ALTER TABLE feedback ADD COLUMN body TEXT;"
	"ALTER TABLE feedback ADD COLUMN answer TEXT;",
	/* 6: a counter every change of a unit moves, so that a process can
	 * keep the unit tree in memory and know when to read it again */
	"CREATE TABLE unit_generation(n INTEGER NOT NULL);"
	"INSERT INTO unit_generation VALUES(0);"
	"CREATE TRIGGER units_moved_insert AFTER INSERT ON units BEGIN"
	" UPDATE unit_generation SET n = n + 1; END;"
	"CREATE TRIGGER units_moved_update AFTER UPDATE ON units BEGIN"
	" UPDATE unit_generation SET n = n + 1; END;"
	"CREATE TRIGGER units_moved_delete AFTER DELETE ON units BEGIN"
	" UPDATE unit_generation SET n = n + 1; END;",
	/* 7: the same for administrator calendar rows, so a server sees a
	 * day off added from the command line */
	"CREATE TABLE calendar_generation(n INTEGER NOT NULL);"
	"INSERT INTO calendar_generation VALUES(0);"
	"CREATE TRIGGER calendar_moved_insert AFTER INSERT ON calendar_days"
	" BEGIN UPDATE calendar_generation SET n = n + 1; END;"
	"CREATE TRIGGER calendar_moved_update AFTER UPDATE ON calendar_days"
	" BEGIN UPDATE calendar_generation SET n = n + 1; END;"
	"CREATE TRIGGER calendar_moved_delete AFTER DELETE ON calendar_days"
	" BEGIN UPDATE calendar_generation SET n = n + 1; END;",
	/* 8: daily counters kept as one row per key and month, each day a
	 * sparse vector (store/sqlite_agg.c); checkpoints sparse as well.
	 * The emptied agg_meta makes the next open rebuild them. */
	"DROP TABLE agg_day;"
	"DELETE FROM agg_month;"
	"DELETE FROM agg_meta;"
	"CREATE TABLE agg_days("
	" key INTEGER NOT NULL, month INTEGER NOT NULL, v BLOB NOT NULL,"
	" PRIMARY KEY(key, month)) WITHOUT ROWID;",
	/* 9: the unit of the dossier a rating or feedback is about, kept
	 * with it (and moved when the dossier moves), so the index counts
	 * complaints per unit in one pass over the period's rows */
	"ALTER TABLE ratings ADD COLUMN unit_code TEXT;"
	"UPDATE ratings SET unit_code = (SELECT unit_code FROM dossiers"
	" WHERE code = ratings.dossier_code);"
	"CREATE INDEX ratings_dissatisfied ON ratings(at) WHERE rating = 3;"
	"ALTER TABLE feedback ADD COLUMN dossier_unit TEXT;"
	"UPDATE feedback SET dossier_unit = (SELECT unit_code FROM dossiers"
	" WHERE code = feedback.dossier_code);"
	"CREATE INDEX feedback_dossier ON feedback(dossier_code);",
	/* 10: what a desk lists and /metrics counts without reading every
	 * dossier of a large province: the dossiers still in someone's
	 * hands by unit and due time (a small partial index), and the
	 * number of dossiers in each status, kept by every dossier write
	 * (store/sqlite_agg.c) */
	"CREATE INDEX dossiers_open ON dossiers(unit_code, due_at)"
	" WHERE status IN (1, 2, 4, 5, 6, 9);"
	"CREATE TABLE dossier_status_counts(status INTEGER PRIMARY KEY,"
	" n INTEGER NOT NULL);"
	"WITH RECURSIVE s(status) AS (SELECT 1 UNION ALL SELECT status + 1"
	" FROM s WHERE status < 10) INSERT INTO dossier_status_counts"
	" SELECT status, 0 FROM s;"
	"UPDATE dossier_status_counts SET n = c.n FROM (SELECT status,"
	" count(*) AS n FROM dossiers GROUP BY status) AS c"
	" WHERE c.status = dossier_status_counts.status;",
	/* 11: the index's complaints and feedback of a period read from
	 * the indexes alone, without a lookup of each row */
	"DROP INDEX ratings_dissatisfied;"
	"CREATE INDEX ratings_dissatisfied ON ratings(at, unit_code,"
	" dossier_code, rating) WHERE rating = 3;"
	"DROP INDEX feedback_received;"
	"CREATE INDEX feedback_received ON feedback(received_at, unit_code,"
	" answered_at, dossier_unit, dossier_code);",
	/* 12: who acted, as the application checked it: the actor's role
	 * and the unit whose subtree they act on (NULL in older rows) */
	"ALTER TABLE events ADD COLUMN actor_role TEXT;"
	"ALTER TABLE events ADD COLUMN actor_unit TEXT;",
	/* 13: a counter of resolved dossiers filed online (the online
	 * share of resolved, docs/internals/report.md); the emptied
	 * agg_meta makes the next open rebuild the aggregates with it */
	"DELETE FROM agg_meta;",
	/* 14: where a dossier came from (1 imported: the file and the time
	 * of its import; 2 filed online here; 3 at a counter here) and its
	 * anomalies as a bit set (core/dossier.h), with a small partial
	 * index so the quality list reads only the odd ones. Older rows:
	 * imported when an import event names them, else by their first
	 * event; every older row was checked strictly, so none is odd. */
	"ALTER TABLE dossiers ADD COLUMN anomalies INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE dossiers ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE dossiers ADD COLUMN import_file TEXT;"
	"ALTER TABLE dossiers ADD COLUMN imported_at INTEGER;"
	"UPDATE dossiers SET origin = 1, imported_at = (SELECT min(at)"
	" FROM events WHERE dossier_id = dossiers.id AND action = 'import')"
	" WHERE id IN (SELECT dossier_id FROM events WHERE action = 'import');"
	"UPDATE dossiers SET origin = CASE (SELECT action FROM events"
	" WHERE dossier_id = dossiers.id ORDER BY id LIMIT 1)"
	" WHEN 'register' THEN 2 ELSE 3 END WHERE origin = 0;"
	"CREATE INDEX dossiers_anomalous ON dossiers(unit_code, received_at)"
	" WHERE anomalies != 0;",
	/* 15: an end time on a dossier whose status has not ended is an
	 * anomaly (bit 6, core/dossier.h); older checks let such rows in */
	"UPDATE dossiers SET anomalies = anomalies | 64"
	" WHERE finished_at IS NOT NULL AND status NOT IN (7, 8, 9, 10);",
	/* 16: anonymous (online) filings taken per unit and local day,
	 * for the server's daily share (store_online_share_take) */
	"CREATE TABLE IF NOT EXISTS online_shares("
	" unit_code TEXT NOT NULL, day INTEGER NOT NULL,"
	" used INTEGER NOT NULL, PRIMARY KEY(unit_code, day)) WITHOUT ROWID;",
	/* 17: the files dossiers refer to (store/sqlite_files.c), each a
	 * hash of the document store; `files gc` keeps every hash named
	 * here. A content is held once per dossier, role and component. */
	"CREATE TABLE IF NOT EXISTS dossier_files("
	" id INTEGER PRIMARY KEY,"
	" dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	" role TEXT NOT NULL CHECK(role IN"
	" ('component', 'result', 'supplement')),"
	" component TEXT NOT NULL DEFAULT '',"
	" sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"
	" name TEXT NOT NULL, type TEXT NOT NULL,"
	" size INTEGER NOT NULL CHECK(size > 0),"
	" added_by TEXT, added_at INTEGER NOT NULL,"
	" UNIQUE(dossier_id, role, component, sha256));"
	"CREATE INDEX IF NOT EXISTS dossier_files_sha"
	" ON dossier_files(sha256);",
	/* 18: anonymous uploads for a filing in progress: the hash of the
	 * upload's token and until when it may be used, and the file sent
	 * under it for each component; a filing that names the token
	 * takes its files and removes the upload (store/sqlite_files.c) */
	"CREATE TABLE IF NOT EXISTS uploads("
	" token_hash TEXT PRIMARY KEY, address TEXT,"
	" created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS upload_files("
	" token_hash TEXT NOT NULL REFERENCES uploads(token_hash)"
	" ON DELETE CASCADE,"
	" component TEXT NOT NULL DEFAULT '',"
	" sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"
	" name TEXT NOT NULL, type TEXT NOT NULL,"
	" size INTEGER NOT NULL CHECK(size > 0), added_at INTEGER NOT NULL,"
	" PRIMARY KEY(token_hash, component)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS upload_files_sha"
	" ON upload_files(sha256);",
	/* 19: a result's detached CMS signature is a file the dossier
	 * refers to too (role 'signature'): SQLite changes a CHECK only by
	 * building the table again */
	"CREATE TABLE dossier_files_new("
	" id INTEGER PRIMARY KEY,"
	" dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	" role TEXT NOT NULL CHECK(role IN"
	" ('component', 'result', 'supplement', 'signature')),"
	" component TEXT NOT NULL DEFAULT '',"
	" sha256 TEXT NOT NULL CHECK(length(sha256) = 64),"
	" name TEXT NOT NULL, type TEXT NOT NULL,"
	" size INTEGER NOT NULL CHECK(size > 0),"
	" added_by TEXT, added_at INTEGER NOT NULL,"
	" UNIQUE(dossier_id, role, component, sha256));"
	"INSERT INTO dossier_files_new SELECT * FROM dossier_files;"
	"DROP TABLE dossier_files;"
	"ALTER TABLE dossier_files_new RENAME TO dossier_files;"
	"CREATE INDEX dossier_files_sha ON dossier_files(sha256);",
	/* 20: the transfers a unit sent, newest first, for the sender's
	 * list (store/sqlite_desk.c) */
	"CREATE INDEX IF NOT EXISTS events_transfer ON events(actor_unit, id)"
	" WHERE action = 'transfer';",
	/* 21: a write's request key (hashed with the actor) and its first
	 * outcome, kept a day, so that a repeated submission answers it
	 * instead of running twice (store/sqlite_desk.c) */
	"CREATE TABLE IF NOT EXISTS request_keys(key_hash TEXT PRIMARY KEY,"
	" body_hash TEXT NOT NULL, dossier_code TEXT NOT NULL, sealed TEXT,"
	" at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS request_keys_at ON request_keys(at);",
	/* 22: when a procedure's fees must be paid (core/procedure.h);
	 * payments of dossiers' fees, never deleted (core/payment.h); their
	 * receipts, numbered per unit and year without gaps and cancelled,
	 * never deleted (sqlite_payment.c) */
	"ALTER TABLE procedures ADD COLUMN fee_due INTEGER NOT NULL"
	" DEFAULT 0;"
	"CREATE TABLE IF NOT EXISTS payments("
	" id INTEGER PRIMARY KEY,"
	" dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	" unit_code TEXT NOT NULL, lines TEXT NOT NULL,"
	" amount INTEGER NOT NULL CHECK(amount > 0),"
	" method INTEGER NOT NULL CHECK(method BETWEEN 1 AND 4),"
	" provider TEXT NOT NULL, provider_ref TEXT,"
	" status INTEGER NOT NULL CHECK(status BETWEEN 1 AND 5),"
	" created_at INTEGER NOT NULL, expires_at INTEGER, paid_at INTEGER,"
	" updated_at INTEGER NOT NULL, actor TEXT NOT NULL, note TEXT);"
	"CREATE INDEX IF NOT EXISTS payments_dossier ON payments(dossier_id, "
	"id);"
	"CREATE INDEX IF NOT EXISTS payments_paid ON payments(paid_at, "
	"unit_code)"
	" WHERE paid_at IS NOT NULL;"
	"CREATE UNIQUE INDEX IF NOT EXISTS payments_provider_ref ON "
	"payments(provider,"
	" provider_ref) WHERE provider_ref IS NOT NULL;"
	"CREATE TRIGGER IF NOT EXISTS payments_kept BEFORE DELETE ON payments"
	" BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END;"
	"CREATE TABLE IF NOT EXISTS receipt_counters(unit_code TEXT NOT NULL,"
	" year INTEGER NOT NULL, last INTEGER NOT NULL,"
	" PRIMARY KEY(unit_code, year)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS receipts("
	" id INTEGER PRIMARY KEY,"
	" payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),"
	" unit_code TEXT NOT NULL, year INTEGER NOT NULL,"
	" series TEXT NOT NULL, number INTEGER NOT NULL,"
	" issued_at INTEGER NOT NULL, cancelled_at INTEGER,"
	" cancel_reason TEXT, cancelled_by TEXT,"
	" UNIQUE(unit_code, year, number));"
	"CREATE TRIGGER IF NOT EXISTS receipts_kept BEFORE DELETE ON receipts"
	" BEGIN SELECT RAISE(ABORT, 'receipts are cancelled, never deleted');"
	" END;"
	"CREATE TRIGGER IF NOT EXISTS receipts_fixed BEFORE UPDATE ON receipts"
	" WHEN OLD.cancelled_at IS NOT NULL OR NEW.number != OLD.number"
	" OR NEW.series != OLD.series OR NEW.payment_id != OLD.payment_id"
	" BEGIN SELECT RAISE(ABORT, 'a receipt changes only by its"
	" cancellation'); END;",
	/* 23: payment gateways (core/payment.h); the secret stays in its
	 * file */
	"CREATE TABLE IF NOT EXISTS gateways(name TEXT PRIMARY KEY,"
	" terminal TEXT NOT NULL UNIQUE,"
	" method INTEGER NOT NULL CHECK(method BETWEEN 1 AND 2),"
	" secret_file TEXT NOT NULL, pay_url TEXT NOT NULL,"
	" return_url TEXT NOT NULL, created_at INTEGER NOT NULL);",
	/* 24: the bank account each unit collects fees into by VietQR
	 * (core/vietqr.h); a unit without one uses its nearest ancestor's */
	"CREATE TABLE IF NOT EXISTS bank_accounts(unit_code TEXT PRIMARY KEY,"
	" bin TEXT NOT NULL, account TEXT NOT NULL, holder TEXT NOT NULL,"
	" updated_at INTEGER NOT NULL, actor TEXT NOT NULL) WITHOUT ROWID;"
	/* the tax authority's notices of a dossier's financial obligation
	 * (core/payment_figures.h), kept as recorded, never deleted */
	"CREATE TABLE IF NOT EXISTS financial_notices(id INTEGER PRIMARY KEY,"
	" dossier_id INTEGER NOT NULL REFERENCES dossiers(id),"
	" number TEXT NOT NULL, notice_day INTEGER NOT NULL,"
	" amount INTEGER NOT NULL CHECK(amount > 0), due_day INTEGER NOT NULL,"
	" recorded_at INTEGER NOT NULL, actor TEXT NOT NULL,"
	" UNIQUE(dossier_id, number));"
	"CREATE TRIGGER IF NOT EXISTS financial_notices_kept BEFORE DELETE ON"
	" financial_notices BEGIN SELECT RAISE(ABORT, 'notices are never"
	" deleted'); END;",
	/* 25: the components a procedure asks for, as a JSON array of
	 * {code, name, required, original, copies, form} (NULL: none
	 * declared); form is the SHA-256 of a blank form in the document
	 * store, which `files gc` keeps */
	"ALTER TABLE procedures ADD COLUMN components TEXT;",
	/* 26: every opening of a dossier's file by staff: which file, when,
	 * who (store/sqlite_files.c); never changed */
	"CREATE TABLE IF NOT EXISTS file_openings("
	" id INTEGER PRIMARY KEY,"
	" file_id INTEGER NOT NULL REFERENCES dossier_files(id),"
	" at INTEGER NOT NULL, actor TEXT NOT NULL, actor_role TEXT,"
	" actor_unit TEXT);"
	"CREATE INDEX IF NOT EXISTS file_openings_file"
	" ON file_openings(file_id, id);"
	"CREATE TRIGGER IF NOT EXISTS file_openings_no_update BEFORE UPDATE"
	" ON file_openings BEGIN"
	" SELECT RAISE(ABORT, 'the log of openings is append-only'); END;",
};

#define N_MIGRATIONS (int)(sizeof(migrations) / sizeof(*migrations))

#define DOSSIER_COLS                                                       \
	"code, procedure_code, procedure_name, field_code, field_name,"    \
	" unit_code, channel, applicant_name, applicant_id,"               \
	" applicant_id_type, applicant_kind, phone, email, summary,"       \
	" submitted_at, received_at, due_at, finished_at, returned_at,"    \
	" refused_at, status, delivery, digitized, verified, paid_online," \
	" components, fees, results, supplements, extra, fee_total,"       \
	" all_digitized, any_reused, has_e_result, supplement_count,"      \
	" supplement_open, anomalies, origin, import_file, imported_at"

/* The condition of the partial index dossiers_open (migration 10),
 * word for word: a statement that repeats it may read the index. */
#define OPEN_INDEXED "status IN (1, 2, 4, 5, 6, 9)"

/* An officer's list: the dossiers of the subtree of ?1, of status ?2 (0:
 * any), overdue by ?3 (NULL: whatever), soonest due first. Overdue is
 * report_overdue: open (2, 4, 5, 6), not waiting for a supplement, due
 * before ?3 = report_overdue_cut(now), the start of today. */
#define DOSSIER_SEARCH(open)                                            \
	"WITH RECURSIVE sub(code) AS (SELECT ?1 UNION"                  \
	" SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)"  \
	" SELECT id, code, procedure_code, procedure_name, unit_code,"  \
	" channel, applicant_name, applicant_id, status, submitted_at," \
	" received_at, due_at, finished_at, returned_at, supplements"   \
	" FROM dossiers"                                                \
	" WHERE unit_code IN sub" open " AND (?2 = 0 OR status = ?2)"   \
	" AND (?3 IS NULL OR (status IN (2, 4, 5, 6)"                   \
	" AND supplement_open = 0 AND due_at < ?3))"                    \
	" ORDER BY due_at IS NULL, due_at, id"

const char *const sqlite_statements[Q__COUNT] = {
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_UNIT_PUT] =
		"INSERT INTO units(code, name, parent, level, valid_from,"
		" valid_to, successor, office_hours) VALUES(?,?,?,?,?,?,?,?)"
		" ON CONFLICT(code) DO UPDATE SET name=excluded.name,"
		" parent=excluded.parent, level=excluded.level,"
		" valid_from=excluded.valid_from, valid_to=excluded.valid_to,"
		" successor=excluded.successor,"
		" office_hours=excluded.office_hours",
	[Q_UNIT_GET] = "SELECT code, name, parent, level, valid_from,"
		       " valid_to, successor, office_hours FROM units"
		       " WHERE code = ?",
	[Q_UNIT_EACH] = "SELECT code, name, parent, level, valid_from,"
			" valid_to, successor, office_hours FROM units"
			" ORDER BY code",
	[Q_PROC_PUT] =
		"INSERT INTO procedures(code, name, field_code, field_name,"
		" limit_value, limit_unit, online_level, paper_result, fees,"
		" online_only, fee_due, components)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"
		" ON CONFLICT(code) DO UPDATE SET name=excluded.name,"
		" field_code=excluded.field_code,"
		" field_name=excluded.field_name,"
		" limit_value=excluded.limit_value,"
		" limit_unit=excluded.limit_unit,"
		" online_level=excluded.online_level,"
		" paper_result=excluded.paper_result, fees=excluded.fees,"
		" online_only=excluded.online_only, fee_due=excluded.fee_due,"
		" components=excluded.components",
	[Q_PROC_GET] = "SELECT code, name, field_code, field_name,"
		       " limit_value, limit_unit, online_level, paper_result,"
		       " fees, online_only, fee_due, components FROM procedures"
		       " WHERE code = ?",
	[Q_PROC_EACH] = "SELECT code, name, field_code, field_name,"
			" limit_value, limit_unit, online_level, paper_result,"
			" fees, online_only, fee_due, components FROM procedures"
			" ORDER BY code",
	[Q_DOSSIER_INSERT] = "INSERT INTO dossiers(" DOSSIER_COLS ") VALUES("
			     "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
			     "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[Q_DOSSIER_UPDATE] = "UPDATE dossiers SET (" DOSSIER_COLS ") = ("
			     "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
			     "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE id = ?41",
	[Q_DOSSIER_ID] = "SELECT id FROM dossiers WHERE code = ?",
	[Q_DOSSIER_STATUS] = "SELECT status FROM dossiers WHERE code = ?",
	[Q_DOSSIER_ORIGIN] = "SELECT id, origin FROM dossiers WHERE code = ?",
	/* the few rows of the partial index dossiers_anomalous (14) */
	[Q_DOSSIER_ANOMALOUS] =
		"SELECT id, " DOSSIER_COLS " FROM dossiers"
		" WHERE anomalies != 0"
		" AND coalesce(received_at, submitted_at) BETWEEN ? AND ?"
		" ORDER BY unit_code, received_at, code",
	[Q_DOSSIER_GET] =
		"SELECT id, " DOSSIER_COLS " FROM dossiers WHERE code = ?",
	[Q_DOSSIER_EACH] = "SELECT id, " DOSSIER_COLS " FROM dossiers"
			   " WHERE coalesce(submitted_at, received_at)"
			   " BETWEEN ? AND ? ORDER BY id",
	/* a few hundred rows of the open index, not the whole table */
	[Q_DOSSIER_OPEN_EACH] =
		"SELECT id, " DOSSIER_COLS " FROM dossiers"
		" INDEXED BY dossiers_open"
		" WHERE " OPEN_INDEXED " AND received_at IS NOT NULL"
		" AND status IN (2, 4, 5, 6) ORDER BY id",
	[Q_COUNTER_NEXT] = "INSERT INTO dossier_counters(unit_code, day, last)"
			   " VALUES(?, ?, 1) ON CONFLICT(unit_code, day)"
			   " DO UPDATE SET last = last + 1 RETURNING last",
	[Q_EVENT_APPEND] =
		"INSERT INTO events(dossier_id, at, actor,"
		" unit_code, old_status, new_status, action, note,"
		" actor_role, actor_unit) VALUES(?,?,?,?,?,?,?,?,?,?)",
	[Q_EVENT_EACH] = "SELECT d.code, e.at, e.actor,"
			 " e.unit_code, e.old_status, e.new_status, e.action,"
			 " e.note, e.actor_role, e.actor_unit"
			 " FROM events e JOIN dossiers d"
			 " ON d.id = e.dossier_id WHERE d.code = ?"
			 " ORDER BY e.id",
	[Q_CAL_PUT] = "INSERT INTO calendar_days(day, working, name)"
		      " VALUES(?,?,?) ON CONFLICT(day) DO UPDATE SET"
		      " working=excluded.working, name=excluded.name",
	[Q_CAL_DELETE] = "DELETE FROM calendar_days WHERE day = ?",
	[Q_UNIT_GENERATION] = "SELECT n FROM unit_generation",
	[Q_CAL_GENERATION] = "SELECT n FROM calendar_generation",
	[Q_BEGIN_READ] = "BEGIN",
	[Q_CAL_EACH] = "SELECT day, working, name FROM calendar_days"
		       " ORDER BY day",
	/* accounts, sessions, secrets, staff search (sqlite_account.c) */
	[Q_USER_ADD] = "INSERT INTO users(username, password_hash, role,"
		       " unit_code, active, created_at) VALUES(?,?,?,?,?,?)",
	[Q_USER_GET] = "SELECT id, username, password_hash, role, unit_code,"
		       " active, created_at FROM users WHERE username = ?",
	[Q_USER_EACH] = "SELECT id, username, password_hash, role, unit_code,"
			" active, created_at FROM users ORDER BY username",
	[Q_SESSION_PUT] = "INSERT INTO sessions(token_hash, user_id, csrf,"
			  " expires_at) VALUES(?,?,?,?)",
	[Q_SESSION_GET] = "SELECT u.id, u.username, u.password_hash, u.role,"
			  " u.unit_code, u.active, u.created_at, s.csrf"
			  " FROM sessions s JOIN users u ON u.id = s.user_id"
			  " WHERE s.token_hash = ? AND s.expires_at > ?"
			  " AND u.active",
	[Q_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?"
			     " OR expires_at <= ?",
	[Q_FAILURE_ADD] = "INSERT INTO login_failures(key, at) VALUES(?,?)",
	[Q_FAILURE_COUNT] = "SELECT count(*), max(at) FROM login_failures"
			    " WHERE key = ? AND at > ?",
	[Q_FAILURE_CLEAR] = "DELETE FROM login_failures WHERE key = ?"
			    " OR rowid = ? OR at <= ?",
	[Q_SHARE_TAKE] = "INSERT INTO online_shares(unit_code, day, used)"
			 " VALUES(?1, ?2, 1) ON CONFLICT(unit_code, day)"
			 " DO UPDATE SET used = used + 1 WHERE used < ?3"
			 " RETURNING used",
	[Q_SHARE_GIVE] = "UPDATE online_shares SET used = used - 1"
			 " WHERE unit_code = ? AND day = ? AND used > 0",
	[Q_SECRET_PUT] = "INSERT INTO dossier_secrets(dossier_id, secret_hash)"
			 " VALUES(?,?)",
	[Q_SECRET_GET] = "SELECT s.secret_hash FROM dossier_secrets s JOIN"
			 " dossiers d ON d.id = s.dossier_id WHERE d.code = ?",
	[Q_DOSSIER_SEARCH] = DOSSIER_SEARCH(""),
	/* the same over the open dossiers' partial index (schema 10) */
	[Q_DOSSIER_SEARCH_OPEN] = DOSSIER_SEARCH(" AND " OPEN_INDEXED),
	[Q_STATUS_COUNT] = "SELECT status, n FROM dossier_status_counts"
			   " ORDER BY status",
};

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

enum mc_code sqlite_migrate(struct store *st, struct mc_err *err)
{
	int have = user_version(sq(st)->db);
	if (have < 0)
		return sqlite_db_fail(st, err, "reading the schema version");
	if (have > N_MIGRATIONS)
		return mc_fail(err, MC_ERR_DB, "db",
			       "the database has schema version %d, newer than "
			       "this program's %d",
			       have, N_MIGRATIONS);
	for (int v = have; v < N_MIGRATIONS; v++) {
		char bump[64];
		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(sq(st)->db, "BEGIN IMMEDIATE", NULL, NULL,
				 NULL) ||
		    sqlite3_exec(sq(st)->db, migrations[v], NULL, NULL, NULL) ||
		    sqlite3_exec(sq(st)->db, bump, NULL, NULL, NULL) ||
		    sqlite3_exec(sq(st)->db, "COMMIT", NULL, NULL, NULL)) {
			enum mc_code rc =
				sqlite_db_fail(st, err, "migrating the schema");
			sqlite3_exec(sq(st)->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
	}
	return MC_OK;
}

int sqlite_schema_version(struct store *st) { return user_version(sq(st)->db); }
