/*
 * agg_store.c - the engine's rows kept by the store: agg_rows over the
 * store_agg_* primitive of store/store.h, whatever backend fills it in.
 */
#include "aggregates/agg.h"

static enum mc_code key(void *ctx, const char *unit, int dim, const char *value,
			bool create, int64_t *id, struct mc_err *err)
{
	return store_agg_key(ctx, unit, dim, value, create, id, err);
}

static enum mc_code values(void *ctx, const char *unit, int dim,
			   store_agg_value_fn fn, void *fn_ctx,
			   struct mc_err *err)
{
	return store_agg_values(ctx, unit, dim, fn, fn_ctx, err);
}

static enum mc_code get(void *ctx, enum store_agg_rows t, int64_t k,
			int64_t month, uint8_t *buf, size_t cap, size_t *n,
			struct mc_err *err)
{
	return store_agg_row_get(ctx, t, k, month, buf, cap, n, err);
}

static enum mc_code put(void *ctx, enum store_agg_rows t, int64_t k,
			int64_t month, const uint8_t *row, size_t n,
			struct mc_err *err)
{
	return store_agg_row_put(ctx, t, k, month, row, n, err);
}

static enum mc_code each(void *ctx, enum store_agg_rows t, int64_t k,
			 int64_t from, int64_t to, bool falling,
			 store_agg_row_fn fn, void *fn_ctx, struct mc_err *err)
{
	return store_agg_rows_each(ctx, t, k, from, to, falling, fn, fn_ctx,
				   err);
}

static enum mc_code remove_from(void *ctx, enum store_agg_rows t, int64_t k,
				int64_t from, struct mc_err *err)
{
	return store_agg_rows_delete(ctx, t, k, from, err);
}

static enum mc_code clear(void *ctx, struct mc_err *err)
{
	return store_agg_clear(ctx, err);
}

const struct agg_rows agg_rows_store = {
	key, values, get, put, each, remove_from, clear,
};
