/*
 * store.h - persistence behind one interface. The SQLite implementation
 * (store/sqlite.c) is the default; a PostgreSQL one can follow later.
 *
 * Writes happen inside store_begin / store_commit; a failed operation
 * calls store_rollback and leaves the data exactly as it was. The last
 * error is also kept on the handle (store_errmsg) for diagnostics.
 */
#ifndef MC_STORE_STORE_H
#define MC_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/dossier.h"
#include "core/error.h"
#include "core/procedure.h"
#include "core/unit.h"

struct store;

/* Open (creating and migrating as needed) the database at `path`. */
enum mc_code store_open(const char *path, struct store **out,
			struct mc_err *err);
void store_close(struct store *st);
int store_schema_version(struct store *st);

enum mc_code store_begin(struct store *st, struct mc_err *err);
enum mc_code store_commit(struct store *st, struct mc_err *err);
void store_rollback(struct store *st);

/* Units. put inserts or updates by code. */
enum mc_code store_unit_put(struct store *st, const struct unit *u,
			    struct mc_err *err);
enum mc_code store_unit_get(struct store *st, const char *code,
			    struct unit *out, struct mc_err *err);
typedef int (*store_unit_fn)(const struct unit *u, void *ctx);
enum mc_code store_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			     struct mc_err *err);

/* Procedures. put inserts or updates by code. */
enum mc_code store_procedure_put(struct store *st, const struct procedure *p,
				 struct mc_err *err);
enum mc_code store_procedure_get(struct store *st, const char *code,
				 struct procedure *out, struct mc_err *err);

typedef int (*store_procedure_fn)(const struct procedure *p, void *ctx);
enum mc_code store_procedure_each(struct store *st, store_procedure_fn fn,
				  void *ctx, struct mc_err *err);

/* Dossiers. put inserts or, when the code exists, updates; sets d->id. */
enum mc_code store_dossier_put(struct store *st, struct dossier *d,
			       struct mc_err *err);
enum mc_code store_dossier_get(struct store *st, const char *code,
			       struct dossier *out, struct mc_err *err);
/* Row id and status of a stored dossier, without reading the rest;
 * MC_ERR_NOT_FOUND when the code is new. */
enum mc_code store_dossier_status(struct store *st, const char *code,
				  int64_t *id, int *status,
				  struct mc_err *err);
/* Next free code {unit}-{yyMMdd}-{NNNN} for civil day `day`. */
enum mc_code store_dossier_next_code(struct store *st, const char *unit_code,
				     int64_t day, char **code,
				     struct mc_err *err);
/* Dossiers whose submission (or reception) local day is in [from, to];
 * MC_NO_TIME leaves a side open. The callback returns non-zero to stop. */
typedef int (*store_dossier_fn)(const struct dossier *d, void *ctx);
enum mc_code store_dossier_each(struct store *st, int64_t from_day,
				int64_t to_day, store_dossier_fn fn, void *ctx,
				struct mc_err *err);

/* The append-only event log. */
struct dossier_event {
	int64_t id;
	int64_t dossier_id;  /* 0: looked up from dossier_code */
	char *dossier_code;
	int64_t at;
	char *actor;
	char *unit_code;
	int old_status, new_status; /* 0 for none */
	char *action;
	char *note;
};
void dossier_event_release(struct dossier_event *ev);
enum mc_code store_event_append(struct store *st,
				const struct dossier_event *ev,
				struct mc_err *err);
typedef int (*store_event_fn)(const struct dossier_event *ev, void *ctx);
enum mc_code store_event_each(struct store *st, const char *dossier_code,
			      store_event_fn fn, void *ctx,
			      struct mc_err *err);

/* Administrator calendar rows. */
enum mc_code store_calendar_put(struct store *st,
				const struct calendar_override *o,
				struct mc_err *err);
enum mc_code store_calendar_delete(struct store *st, int64_t day,
				   struct mc_err *err);
typedef int (*store_calendar_fn)(const struct calendar_override *o,
				 void *ctx);
enum mc_code store_calendar_each(struct store *st, store_calendar_fn fn,
				 void *ctx, struct mc_err *err);

/* A digest of every table's content, to prove a failed operation changed
 * nothing. Writes 64 hex characters and a NUL into hex. */
enum mc_code store_digest(struct store *st, char hex[65], struct mc_err *err);

#endif
