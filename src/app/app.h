/*
 * app.h - the application layer: one handle that ties the store to the
 * calendar (holiday decisions and rules plus administrator rows), and the
 * operations the edges (command line, HTTP) call. Core stays free of I/O; store
 * stays behind its interface; this layer is where they meet.
 */
#ifndef MC_APP_APP_H
#define MC_APP_APP_H

#include "app/actor.h"
#include "app/tree.h"
#include "core/calendar.h"
#include "core/dossier.h"
#include "core/lifecycle.h"
struct store;
struct store_options;

struct agg;
struct docstore;
struct pki;
struct holiday_rules;
struct holiday_decisions;

struct app {
	struct store *st;
	struct agg *agg; /* the store's aggregate engine */
	struct holiday_rules *rules;
	struct holiday_decisions *decisions;
	struct calendar cal;
	struct unit_tree tree; /* cached; see app_units */
	int64_t tree_changes;  /* store_unit_changes of tree; -1: not loaded */
	int64_t cal_changes;   /* store_calendar_changes of the rows in cal */
	int64_t now; /* the moment reports take as now; MC_NO_TIME: the clock */
	struct docstore *files; /* app_files_open (app/files.h); NULL before */
	int64_t max_dossier;    /* bytes of files per dossier */
	struct pki *pki; /* the units' signing keys (app_pki_open); NULL */
};

/* Store d in place of the version it replaces and count it in the
 * aggregates instead of that one (agg_replace), in the open transaction
 * or in one of its own; *old_status (when given) is the status the
 * stored version had, 0 when d was new. Every write of a dossier goes
 * through here. */
enum mc_code app_dossier_put(struct app *app, struct dossier *d,
			     int *old_status, struct mc_err *err);

enum mc_code app_open(const char *db_path, struct app *app, struct mc_err *err);
/* The same over the store the options name (store.h). */
enum mc_code app_open_with(const struct store_options *o, struct app *app,
			   struct mc_err *err);
void app_close(struct app *app);
/* The schema version of the open database. */
int app_schema_version(struct app *app);
/* How long a write waits for another connection's write lock before it
 * fails with MC_ERR_BUSY. */
void app_busy_timeout(struct app *app, int ms);
/* A read view: everything read until app_read_end sees the data as it
 * was at the first read (the operations open their own as well; this
 * one lets an edge's several calls share one). Inside a transaction it
 * does nothing. Returns whether it opened one, for app_read_end. */
bool app_read_begin(struct app *app);
void app_read_end(struct app *app, bool opened);
/* Now: app->now when set (tests, MOTCUA_NOW), else the clock. Reports
 * of a running period count as of this moment, and the officer's list
 * calls a dossier overdue against it. */
int64_t app_now(const struct app *app);
/* The unit tree, read again only when a unit changed since the last call
 * (store_unit_changes). Borrowed: valid until the next call. */
enum mc_code app_units(struct app *app, const struct unit_tree **out,
		       struct mc_err *err);
/* Reload administrator calendar rows after they changed. */
enum mc_code app_reload_calendar(struct app *app, struct mc_err *err);
/* Reload them only if someone (any process) changed them since. */
enum mc_code app_calendar_fresh(struct app *app, struct mc_err *err);
/* Office hours of a unit (its own, or the default). */
enum mc_code app_office_hours(struct app *app, const char *unit_code,
			      struct office_hours *oh, struct mc_err *err);

/* A client's key for one write (HTTP Idempotency-Key): its first
 * outcome is kept with it in the operation's transaction, and the same
 * request again answers that outcome instead of running twice. The
 * hashes are the edge's (hex): key_hash of the actor and the key,
 * body_hash of the request; sealed is kept with the outcome and given
 * back on a replay (the edge's, opaque here; NULL for none). */
struct request_key {
	const char *key_hash, *body_hash, *sealed;
	bool replayed;        /* out: the first outcome was answered */
	char sealed_out[129]; /* out: what the first request kept */
};

/* One lifecycle operation, all or nothing. */
struct op_request {
	struct op_params params; /* params.at MC_NO_TIME: now */
	const char *code;        /* existing dossier; NULL for a new filing */
	const struct dossier *filing; /* the new filing, when code is NULL */
	const struct actor *actor;    /* who asks: checked, then logged */
	const char *secret_hash; /* new filing: its tracking secret's hash */
	/* new filing: the token of the upload whose files become its
	 * components (app/files.h); NULL: none */
	const char *upload_token;
	struct request_key *key; /* NULL: none; see app_lifecycle */
};

/* The note of a reschedule event: RESCHEDULE_PREFIX "YYYY-MM-DD HH:MM: "
 * then the reason. */
#define RESCHEDULE_PREFIX "new date "

/* Run the request in one transaction: load the dossier, check that the
 * actor's role may run the operation and that the dossier's unit (as it
 * is inside this transaction) lies in the actor's units, check the state,
 * apply, store and log it with the actor. A dossier outside the actor's
 * units is MC_ERR_NOT_FOUND, worded as for an unknown code; a role that
 * may not run the operation, or a new filing at a unit outside the
 * actor's, MC_ERR_FORBIDDEN. On success *out (may be NULL) holds the
 * dossier as stored; on failure nothing in the database has changed.
 * With a request key: a key stored with the same body_hash answers the
 * dossier it made or changed as it is now (key->replayed; nothing runs
 * again), one stored with another is MC_ERR_CONFLICT naming
 * Idempotency-Key, and a new one is stored with the outcome. */
enum mc_code app_lifecycle(struct app *app, const struct op_request *req,
			   struct dossier *out, struct mc_err *err);
/* The same inside a transaction the caller holds (the demo province,
 * which dates its own steps: params.at is taken as given). */
enum mc_code app_lifecycle_within(struct app *app, const struct op_request *req,
				  struct dossier *out, struct mc_err *err);

/* Add (or, with remove, delete) an administrator calendar row and
 * recompute every open dossier's due date, in one transaction; *changed
 * counts the dossiers whose due date moved. */
enum mc_code app_calendar_change(struct app *app,
				 const struct calendar_override *o, bool remove,
				 const char *actor, size_t *changed,
				 struct mc_err *err);

#endif
