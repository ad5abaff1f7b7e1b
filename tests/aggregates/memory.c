/*
 * memory.c - the aggregate engine over a second persistence: a hash map
 * in memory, as small as a backend's part can be (keys, rows by key and
 * month, no SQL). Fed by the same demo province, or rebuilt from the
 * same dossiers while spilling every few cells, it gives the same
 * counters for every unit, dimension and period as the engine over
 * SQLite, the same reports, and the very same row bytes: what a second
 * backend must give, it gives by construction.
 */
#include "test.h"

#include "aggregates/agg.h"
#include "aggregates/agg_row.h"
#include "app/report.h"
#include "app/tree.h"
#include "core/civil.h"
#include "core/str.h"
#include "core/strmap.h"
#include "demo/demo.h"
#include "io/report_json.h"

/* ---- the backend ------------------------------------------------------- */

struct mem_row {
	int64_t month;
	uint8_t *bytes;
	size_t n;
	bool gone;
};

/* The rows of one key and kind, in the order they were added. */
struct mem_list {
	struct mem_row *rows;
	size_t n, cap;
};

struct mem {
	struct strmap keys; /* "unit\x1f" dim "\x1f" value -> id */
	char **names;       /* id - 1 -> "unit\x1f" dim "\x1f" value */
	size_t n_keys, cap_keys;
	struct strmap lists; /* "t:key" -> index in list */
	struct mem_list *list;
	size_t n_lists, cap_lists;
	size_t puts;
};

static void mem_release(struct mem *m)
{
	for (size_t i = 0; i < m->n_keys; i++)
		free(m->names[i]);
	for (size_t i = 0; i < m->n_lists; i++) {
		for (size_t j = 0; j < m->list[i].n; j++)
			free(m->list[i].rows[j].bytes);
		free(m->list[i].rows);
	}
	free(m->names);
	free(m->list);
	strmap_release(&m->keys);
	strmap_release(&m->lists);
	memset(m, 0, sizeof(*m));
}

static enum mc_code mem_key(void *ctx, const char *unit, int dim,
			    const char *value, bool create, int64_t *id,
			    struct mc_err *err)
{
	(void)err;
	struct mem *m = ctx;
	char name[256];
	snprintf(name, sizeof(name), "%s\x1f%d\x1f%s", unit, dim, value);
	*id = strmap_get(&m->keys, name, 0);
	if (*id || !create)
		return MC_OK;
	char **slot = ARRAY_PUSH(m->names, m->n_keys, m->cap_keys);
	CHECK(slot != NULL);
	*slot = strdup(name);
	*id = (int64_t)m->n_keys;
	CHECK(strmap_put(&m->keys, name, *id));
	return MC_OK;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum mc_code mem_values(void *ctx, const char *unit, int dim,
			       store_agg_value_fn fn, void *fn_ctx,
			       struct mc_err *err)
{
	(void)err;
	struct mem *m = ctx;
	char prefix[160];
	int len = snprintf(prefix, sizeof(prefix), "%s\x1f%d\x1f", unit, dim);
	const char **v = calloc(m->n_keys + 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < m->n_keys; i++)
		if (strncmp(m->names[i], prefix, (size_t)len) == 0)
			v[n++] = m->names[i] + len;
	qsort(v, n, sizeof(*v), by_text);
	for (size_t i = 0; i < n && !fn(v[i], fn_ctx); i++)
		;
	free(v);
	return MC_OK;
}

static struct mem_list *mem_list(struct mem *m, enum store_agg_rows t,
				 int64_t key, bool create)
{
	char name[40];
	snprintf(name, sizeof(name), "%d:%lld", (int)t, (long long)key);
	int64_t i = strmap_get(&m->lists, name, -1);
	if (i >= 0)
		return &m->list[i];
	if (!create)
		return NULL;
	struct mem_list *l = ARRAY_PUSH(m->list, m->n_lists, m->cap_lists);
	CHECK(l != NULL);
	memset(l, 0, sizeof(*l));
	CHECK(strmap_put(&m->lists, name, (int64_t)(m->n_lists - 1)));
	return l;
}

static struct mem_row *mem_find(struct mem_list *l, int64_t month)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (l->rows[i].month == month && !l->rows[i].gone)
			return &l->rows[i];
	return NULL;
}

static enum mc_code mem_get(void *ctx, enum store_agg_rows t, int64_t key,
			    int64_t month, uint8_t *buf, size_t cap, size_t *n,
			    struct mc_err *err)
{
	(void)err;
	struct mem_row *r = mem_find(mem_list(ctx, t, key, false), month);
	*n = r ? (r->n < cap ? r->n : cap) : 0;
	if (*n)
		memcpy(buf, r->bytes, *n);
	return MC_OK;
}

static enum mc_code mem_put(void *ctx, enum store_agg_rows t, int64_t key,
			    int64_t month, const uint8_t *row, size_t n,
			    struct mc_err *err)
{
	(void)err;
	struct mem *m = ctx;
	struct mem_list *l = mem_list(m, t, key, true);
	struct mem_row *r = mem_find(l, month);
	if (!r) {
		r = ARRAY_PUSH(l->rows, l->n, l->cap);
		CHECK(r != NULL);
		memset(r, 0, sizeof(*r));
		r->month = month;
	}
	free(r->bytes);
	r->bytes = malloc(n + 1);
	memcpy(r->bytes, row, n);
	r->n = n;
	m->puts++;
	return MC_OK;
}

static int by_month(const void *a, const void *b)
{
	int64_t x = (*(struct mem_row *const *)a)->month,
		y = (*(struct mem_row *const *)b)->month;
	return x < y ? -1 : x > y;
}

static enum mc_code mem_each(void *ctx, enum store_agg_rows t, int64_t key,
			     int64_t from, int64_t to, bool falling,
			     store_agg_row_fn fn, void *fn_ctx,
			     struct mc_err *err)
{
	(void)err;
	struct mem_list *l = mem_list(ctx, t, key, false);
	if (!l)
		return MC_OK;
	struct mem_row **pick = calloc(l->n + 1, sizeof(*pick));
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!l->rows[i].gone && l->rows[i].month >= from &&
		    l->rows[i].month <= to)
			pick[n++] = &l->rows[i];
	qsort(pick, n, sizeof(*pick), by_month);
	for (size_t i = 0; i < n; i++) {
		struct mem_row *r = pick[falling ? n - 1 - i : i];
		if (fn(r->month, r->bytes, r->n, fn_ctx))
			break;
	}
	free(pick);
	return MC_OK;
}

static enum mc_code mem_remove(void *ctx, enum store_agg_rows t, int64_t key,
			       int64_t from, struct mc_err *err)
{
	(void)err;
	struct mem_list *l = mem_list(ctx, t, key, false);
	for (size_t i = 0; l && i < l->n; i++)
		if (l->rows[i].month >= from)
			l->rows[i].gone = true;
	return MC_OK;
}

static enum mc_code mem_clear(void *ctx, struct mc_err *err)
{
	(void)err;
	mem_release(ctx);
	return MC_OK;
}

static const struct agg_rows mem_rows = {
	mem_key, mem_values, mem_get, mem_put, mem_each, mem_remove, mem_clear,
};

/* ---- the comparisons --------------------------------------------------- */

struct values {
	char v[64][64];
	size_t n;
};

static int keep_value(const char *value, void *ctx)
{
	struct values *v = ctx;
	if (v->n < 64)
		snprintf(v->v[v->n++], sizeof(v->v[0]), "%s", value);
	return 0;
}

/* a and b agree on one key over several periods. */
static size_t same_key(struct agg *a, struct agg *b, const char *unit,
		       enum agg_dim dim, const char *value)
{
	static const int spans[][2] = {{0, 0},   {3, 9},   {0, 30},
				       {20, 75}, {0, 400}, {-500, 900}};
	int64_t first = civil_days(2025, 9, 1);
	size_t nonzero = 0;
	for (size_t i = 0; i < sizeof(spans) / sizeof(*spans); i++) {
		int64_t from = first + spans[i][0], to = first + spans[i][1];
		int64_t b1[AGG__COUNT], t1[AGG__COUNT], b2[AGG__COUNT],
			t2[AGG__COUNT], d1[AGG__COUNT], d2[AGG__COUNT];
		CHECK_INT(
			agg_period(a, unit, dim, value, from, to, b1, t1, NULL),
			MC_OK);
		CHECK_INT(
			agg_period(b, unit, dim, value, from, to, b2, t2, NULL),
			MC_OK);
		CHECK_INT(agg_added(a, unit, dim, value, from, to, d1, NULL),
			  MC_OK);
		CHECK_INT(agg_added(b, unit, dim, value, from, to, d2, NULL),
			  MC_OK);
		CHECK(memcmp(b1, b2, sizeof(b1)) == 0);
		CHECK(memcmp(t1, t2, sizeof(t1)) == 0);
		CHECK(memcmp(d1, d2, sizeof(d1)) == 0);
		for (int c = 0; c < AGG__COUNT; c++)
			nonzero += t1[c] != 0;
	}
	return nonzero;
}

/* Every unit's keys of every dimension: the same counters, and the same
 * values listed (exact) or b's among a's; returns how many counters were
 * non-zero. */
static size_t same_counters(struct app *app, struct agg *a, struct agg *b,
			    bool exact)
{
	struct unit_tree t = {0};
	CHECK_INT(unit_tree_load(app->st, &t, NULL), MC_OK);
	size_t nonzero = 0;
	for (size_t u = 0; u < t.n; u++) {
		const char *code = t.units[u].code;
		nonzero += same_key(a, b, code, AGG_DIM_ALL, "");
		nonzero += same_key(a, b, code, AGG_DIM_OWN, "");
		for (int dim = AGG_DIM_LEVEL; dim <= AGG_DIM_PROCEDURE; dim++) {
			struct values va = {0}, vb = {0};
			CHECK_INT(
				agg_values(a, code, dim, keep_value, &va, NULL),
				MC_OK);
			CHECK_INT(
				agg_values(b, code, dim, keep_value, &vb, NULL),
				MC_OK);
			/* a key that once had data keeps its value until a
			 * rebuild (its counters then all zero) */
			if (exact) {
				CHECK_INT(va.n, vb.n);
				CHECK(memcmp(va.v, vb.v, sizeof(va.v)) == 0);
			}
			for (size_t i = 0; i < vb.n; i++) {
				size_t j = 0;
				while (j < va.n && strcmp(va.v[j], vb.v[i]))
					j++;
				CHECK(j < va.n);
			}
			for (size_t i = 0; i < va.n; i++)
				nonzero += same_key(a, b, code, dim, va.v[i]);
		}
	}
	unit_tree_release(&t);
	return nonzero;
}

/* Every non-empty row the memory holds is byte for byte the row SQLite
 * holds under the same key name and month. */
static void same_bytes(struct app *app, struct mem *m)
{
	size_t rows = 0;
	for (size_t i = 0; i < m->n_keys; i++) {
		char unit[64], value[64];
		int dim;
		CHECK(sscanf(m->names[i], "%63[^\x1f]\x1f%d\x1f%63[^\n]", unit,
			     &dim, value) >= 2);
		if (sscanf(m->names[i], "%*[^\x1f]\x1f%*d\x1f%63[^\n]",
			   value) != 1)
			value[0] = 0;
		int64_t id;
		CHECK_INT(store_agg_key(app->st, unit, dim, value, false, &id,
					NULL),
			  MC_OK);
		CHECK(id != 0);
		for (int t = STORE_AGG_DAYS; t <= STORE_AGG_CHECKPOINTS; t++) {
			struct mem_list *l =
				mem_list(m, t, (int64_t)i + 1, false);
			for (size_t j = 0; l && j < l->n; j++) {
				struct mem_row *r = &l->rows[j];
				if (r->gone)
					continue;
				uint8_t buf[AGG_MONTH_MAX];
				size_t n;
				CHECK_INT(store_agg_row_get(
						  app->st, t, id, r->month, buf,
						  sizeof(buf), &n, NULL),
					  MC_OK);
				CHECK_INT(n, r->n);
				CHECK(n == r->n &&
				      memcmp(buf, r->bytes, n) == 0);
				rows++;
			}
		}
	}
	CHECK(rows > 1000);
}

static void same_reports(struct app *a, struct app *b)
{
	static const char *const periods[] = {"month:2026-03", "quarter:2025Q1",
					      "year:2025"};
	for (int p = 0; p < 3; p++)
		for (int by = REPORT_BY_UNIT; by <= REPORT_BY_PROCEDURE; by++) {
			struct report_query q = {.by = (enum report_by)by};
			CHECK_INT(report_period_parse(periods[p], 15, &q.period,
						      "period", NULL),
				  MC_OK);
			struct report ra, rb;
			CHECK_INT(app_report(a, &q, &ra, NULL), MC_OK);
			CHECK_INT(app_report(b, &q, &rb, NULL), MC_OK);
			struct strbuf ja, jb;
			strbuf_init(&ja);
			strbuf_init(&jb);
			report_json_write(&ra, &ja);
			report_json_write(&rb, &jb);
			CHECK_STR(ja.buf, jb.buf);
			CHECK(ra.total.received_total > 0);
			strbuf_release(&ja);
			strbuf_release(&jb);
			report_release(&ra);
			report_release(&rb);
		}
}

static void demo(const char *dir, const char *name, struct app *app,
		 struct agg *(*engine)(struct app *, void *), void *ctx)
{
	char db[96];
	struct mc_err err;
	snprintf(db, sizeof(db), "%s/%s.db", dir, name);
	CHECK_INT(app_open(db, app, &err), MC_OK);
	if (engine)
		app->agg = engine(app, ctx);
	struct demo_options o = {.seed = 4, .dossiers = 1500, .years = 2};
	CHECK_INT(civil_parse_date("2026-06-30", &o.until, "until", NULL),
		  MC_OK);
	CHECK_INT(demo_build(app, &o, NULL, &err), MC_OK);
}

static struct agg *over_memory(struct app *app, void *ctx)
{
	struct agg *a = NULL;
	CHECK_INT(agg_attach_rows(app->st, &mem_rows, ctx, &a, NULL), MC_OK);
	agg_set_spill(a, 61);
	return a;
}

static void remove_dir(const char *dir)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
}

/* The same demo province lived twice, once with the engine over SQLite
 * and once over the memory map spilling every 61 cells (every lifecycle
 * step, transfers at the reorganisation, commits): the same reports and
 * counters. */
TEST(the_engine_over_memory_lives_the_demo_like_over_sqlite)
{
	char dir[] = "/tmp/motcua-aggmem-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct app sql, mem_app;
	struct mem m = {0};
	demo(dir, "sqlite", &sql, NULL, NULL);
	demo(dir, "memory", &mem_app, over_memory, &m);
	CHECK(m.puts > 1000);
	same_reports(&sql, &mem_app);
	CHECK(same_counters(&sql, sql.agg, mem_app.agg, true) > 1000);
	app_close(&mem_app);
	app_close(&sql);
	mem_release(&m);
	remove_dir(dir);
}

/* An engine over memory rebuilt from the dossiers SQLite counted one by
 * one, spilling every 61 cells: the same counters and the same bytes in
 * every row. */
TEST(a_rebuild_over_memory_gives_the_rows_of_sqlite)
{
	char dir[] = "/tmp/motcua-aggmem-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	struct app app;
	struct mem m = {0};
	struct agg *a = NULL;
	demo(dir, "sqlite", &app, NULL, NULL);
	CHECK_INT(agg_open(app.st, &mem_rows, &m, &a, NULL), MC_OK);
	agg_set_spill(a, 61);
	CHECK_INT(agg_rebuild(a, NULL), MC_OK);
	CHECK_INT(agg_commit(a, NULL), MC_OK);
	CHECK(same_counters(&app, app.agg, a, false) > 1000);
	same_bytes(&app, &m);
	agg_close(a);
	app_close(&app);
	mem_release(&m);
	remove_dir(dir);
}

TEST_MAIN(T(the_engine_over_memory_lives_the_demo_like_over_sqlite),
	  T(a_rebuild_over_memory_gives_the_rows_of_sqlite))
