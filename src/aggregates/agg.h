/*
 * agg.h - the aggregate engine behind the settlement report and the
 * service index: for every key (a unit's subtree, the unit alone, a
 * subtree by level, by field or by procedure) the daily counters of
 * core/report.h, with a cumulative checkpoint per month, so that the
 * counters summed up to any day cost one checkpoint read plus at most a
 * month of daily rows.
 *
 * The engine is the same over every backend: it derives the keys, keeps
 * the transaction's changes in an in-memory map of (key, day) cells,
 * spills them into month rows and redoes the checkpoints, all in bytes
 * it encodes itself (agg_row.h), over the store's small row primitive
 * (store_agg_* in store/store.h). The application hands it every dossier
 * version it writes (agg_replace, in the write's transaction); it takes
 * part in the store's transactions (store_participant): the rows are
 * written before the commit and the map is dropped on rollback.
 * docs/internals/aggregates.md.
 */
#ifndef MC_AGGREGATES_AGG_H
#define MC_AGGREGATES_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/error.h"
#include "core/report.h"
#include "store/store.h"

struct agg;

/* The persistence an engine writes through: the store's aggregate rows
 * (store_agg_* in store/store.h, as agg_rows_store) or any other that
 * keeps the same (key, month) -> bytes rows. ctx is the backend's. */
struct agg_rows {
	enum mc_code (*key)(void *ctx, const char *unit, int dim,
			    const char *value, bool create, int64_t *id,
			    struct mc_err *err);
	enum mc_code (*values)(void *ctx, const char *unit, int dim,
			       store_agg_value_fn fn, void *fn_ctx,
			       struct mc_err *err);
	enum mc_code (*get)(void *ctx, enum store_agg_rows t, int64_t key,
			    int64_t month, uint8_t *buf, size_t cap, size_t *n,
			    struct mc_err *err);
	enum mc_code (*put)(void *ctx, enum store_agg_rows t, int64_t key,
			    int64_t month, const uint8_t *row, size_t n,
			    struct mc_err *err);
	enum mc_code (*each)(void *ctx, enum store_agg_rows t, int64_t key,
			     int64_t from, int64_t to, bool falling,
			     store_agg_row_fn fn, void *fn_ctx,
			     struct mc_err *err);
	enum mc_code (*remove)(void *ctx, enum store_agg_rows t, int64_t key,
			       int64_t from, struct mc_err *err);
	enum mc_code (*clear)(void *ctx, struct mc_err *err);
};
/* The store's rows; ctx is the struct store. */
extern const struct agg_rows agg_rows_store;

/* A key is a unit with a dimension: its whole subtree (ALL), the unit
 * alone (OWN), or its subtree split by the handling unit's level, by
 * field or by procedure (value names which). */
enum agg_dim {
	AGG_DIM_ALL = 0,
	AGG_DIM_OWN = 1,
	AGG_DIM_LEVEL = 2,
	AGG_DIM_FIELD = 3,
	AGG_DIM_PROCEDURE = 4
};

/* An engine whose units, procedures and dossiers (for a rebuild) are
 * read from st and whose rows are kept by rows (ctx rows_ctx); it takes
 * no part in st's transactions: the caller commits (agg_commit writes
 * what the map holds and the checkpoints, agg_discard drops it). */
enum mc_code agg_open(struct store *st, const struct agg_rows *rows,
		      void *rows_ctx, struct agg **out, struct mc_err *err);
void agg_close(struct agg *a);
enum mc_code agg_commit(struct agg *a, struct mc_err *err);
void agg_discard(struct agg *a);

/* Make the engine of st over its own rows, which the store then closes; rows
 * written with another set of counters, or none at all for stored dossiers, are
 * rebuilt here. */
enum mc_code agg_attach(struct store *st, struct agg **out, struct mc_err *err);
/* The same over other rows, which must hold what st's dossiers count
 * (none for a fresh store, or after agg_rebuild): st's participant is
 * then this engine, and the one before is closed. */
enum mc_code agg_attach_rows(struct store *st, const struct agg_rows *rows,
			     void *rows_ctx, struct agg **out,
			     struct mc_err *err);
/* store_open (store_open_with) and agg_attach in one. */
enum mc_code agg_store_open(const char *path, struct store **st,
			    struct agg **out, struct mc_err *err);
enum mc_code agg_store_open_with(const struct store_options *o,
				 struct store **st, struct agg **out,
				 struct mc_err *err);

/* The engine agg_attach made for st (NULL without one). */
struct agg *agg_of(struct store *st);

/* Count d (sign +1) or take it back (-1) in the open transaction. */
enum mc_code agg_note(struct agg *a, const struct dossier *d, int sign,
		      struct mc_err *err);
/* d written in place of old (NULL, or code NULL, when d is new): old's
 * contributions out, d's in. Called by whoever writes a dossier, in the
 * transaction of the write (app_dossier_put). */
enum mc_code agg_replace(struct agg *a, const struct dossier *old,
			 const struct dossier *d, struct mc_err *err);
/* Count a paid payment (sign +1) or take it back (-1), under the keys of
 * its unit and its dossier's procedure, on its paid day; a payment that
 * is not paid adds nothing. Called by whoever changes a payment's
 * status, in the transaction of the change (app/payment.c). */
enum mc_code agg_payment_note(struct agg *a, const struct payment *p,
			      const char *procedure, int sign,
			      struct mc_err *err);
/* Recompute every aggregate from the stored dossiers and paid payments
 * (in a transaction). */
enum mc_code agg_rebuild(struct agg *a, struct mc_err *err);
/* Spill the cell map to the rows past `cells` cells (0: default); tests
 * make it tiny to exercise spilling. */
void agg_set_spill(struct agg *a, size_t cells);

/* The counters summed through `day`. */
enum mc_code agg_counters(struct agg *a, const char *unit, enum agg_dim dim,
			  const char *value, int64_t day,
			  int64_t out[AGG__COUNT], struct mc_err *err);
/* The counters through from - 1 and through to, in one pass when the
 * period is short. */
enum mc_code agg_period(struct agg *a, const char *unit, enum agg_dim dim,
			const char *value, int64_t from, int64_t to,
			int64_t before[AGG__COUNT], int64_t at_to[AGG__COUNT],
			struct mc_err *err);
/* What was added in [from, to] alone: the month rows of the period, no
 * checkpoint (for a figure that is a difference, cheaper than the two
 * cumulative vectors of agg_period). */
enum mc_code agg_added(struct agg *a, const char *unit, enum agg_dim dim,
		       const char *value, int64_t from, int64_t to,
		       int64_t out[AGG__COUNT], struct mc_err *err);
/* The values a unit has data under for a dimension (fields, ...). */
enum mc_code agg_values(struct agg *a, const char *unit, enum agg_dim dim,
			store_agg_value_fn fn, void *ctx, struct mc_err *err);

#endif
