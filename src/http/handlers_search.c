/*
 * handlers_search.c - GET /api/v1/dossiers: the staff inbox and search,
 * limited to the account's unit subtree, in due-time order. Unit, status
 * and overdue filter in the store; the free-text q (code, applicant name or ID,
 * diacritics ignored) filters here, after folding. With by_unit=1 the
 * answer also counts every hit (not only the page) per handling unit:
 * the counter's queue shows them in its header.
 *
 * GET /api/v1/transfers: the transfers the account's units sent, newest
 * first, each with the dossier as it is now (app/desk.h).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/desk.h"
#include "app/dossier.h"
#include "core/report.h"
#include "core/text.h"
#include "http/http_int.h"

struct search {
	const char *query; /* folded, NULL: any */
	long limit, offset;
	long total;
	json_t *items;
	json_t *by_unit; /* {unit: hits}, NULL unless asked for */
	int64_t now;     /* against which a dossier is overdue */
};

static bool text_hit(const char *query, const char *s)
{
	char *f = s ? text_fold(s) : NULL;
	bool hit = f && text_match(f, query);
	free(f);
	return hit;
}

static int add_hit(const struct dossier *d, void *ctx)
{
	struct search *s = ctx;
	if (s->query && !text_hit(s->query, d->code) &&
	    !text_hit(s->query, d->applicant_name) &&
	    !text_hit(s->query, d->applicant_id))
		return 0;
	if (s->by_unit && d->unit_code) {
		json_t *n = json_object_get(s->by_unit, d->unit_code);
		json_object_set_new(s->by_unit, d->unit_code,
				    json_integer(json_integer_value(n) + 1));
	}
	if (s->total >= s->offset && s->total < s->offset + s->limit)
		json_array_append_new(s->items,
				      http_dossier_summary(d, s->now));
	s->total++;
	return 0;
}

/* A whole number in [lo, hi] from the query, or def when absent. */
static bool number_arg(struct http_req *r, const char *name, long lo, long hi,
		       long def, long *out)
{
	const char *v = http_query(r, name);
	char *end;
	*out = def;
	if (!v)
		return true;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < lo || n > hi) {
		http_reply_error(r, 400, "invalid_input", name,
				 "%s: \"%s\" is not a whole number in "
				 "%ld-%ld",
				 name, v, lo, hi);
		return false;
	}
	*out = n;
	return true;
}

static bool query_args(struct http_req *r, struct dossier_query *q,
		       struct search *s)
{
	long status, overdue, by_unit;
	const char *unit = http_query(r, "unit");
	if (!number_arg(r, "status", 1, 10, 0, &status) ||
	    !number_arg(r, "overdue", 0, 1, 0, &overdue) ||
	    !number_arg(r, "by_unit", 0, 1, 0, &by_unit) ||
	    !number_arg(r, "limit", 1, 500, 50, &s->limit) ||
	    !number_arg(r, "offset", 0, 100000000, 0, &s->offset))
		return false;
	q->unit_root = unit ? unit : r->user.unit;
	q->status = (int)status;
	s->now = app_now(r->app);
	q->overdue_at = overdue ? report_overdue_cut(s->now) : MC_NO_TIME;
	s->by_unit = by_unit ? json_object() : NULL;
	return true;
}

/* {unit: n} as [{"unit","hits"}], most hits first (then by code);
 * takes the object. */
static int by_hits(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t nx = json_integer_value(json_object_get(x, "hits")),
		   ny = json_integer_value(json_object_get(y, "hits"));
	if (nx != ny)
		return nx < ny ? 1 : -1;
	return strcmp(json_string_value(json_object_get(x, "unit")),
		      json_string_value(json_object_get(y, "unit")));
}

static json_t *unit_counts(json_t *counts)
{
	size_t n = json_object_size(counts), i = 0;
	json_t **rows = calloc(n + 1, sizeof(*rows)), *v, *list = json_array();
	const char *unit;
	json_object_foreach (counts, unit, v)
		if (rows)
			rows[i++] =
				json_pack("{s:s,s:O}", "unit", unit, "hits", v);
	if (rows)
		qsort(rows, i, sizeof(*rows), by_hits);
	for (size_t k = 0; rows && k < i; k++)
		json_array_append_new(list, rows[k]);
	free(rows);
	json_decref(counts);
	return list;
}

void h_dossier_search(struct http_req *r)
{
	struct dossier_query q;
	struct search s = {0};
	struct mc_err err;
	char *folded = NULL;
	const char *text = http_query(r, "q");
	if (!query_args(r, &q, &s))
		return;
	if (text && *text && !(folded = text_fold(text))) {
		json_decref(s.by_unit);
		http_reply_error(r, 400, "invalid_input", "q",
				 "q: is not valid UTF-8");
		return;
	}
	s.query = folded;
	s.items = json_array();
	struct actor actor = http_actor(r);
	enum mc_code rc =
		app_dossier_search(r->app, &actor, &q, add_hit, &s, &err);
	free(folded);
	if (rc) {
		json_decref(s.items);
		json_decref(s.by_unit);
		http_reply_mc(r, &err);
		return;
	}
	json_t *o = json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)s.total,
			      "limit", (json_int_t)s.limit, "offset",
			      (json_int_t)s.offset, "items", s.items);
	if (s.by_unit)
		json_object_set_new(o, "by_unit", unit_counts(s.by_unit));
	http_reply_json(r, 200, o);
}

/* ---- transfers sent ------------------------------------------------------ */

struct sent_list {
	json_t *items;
	int64_t now;
};

static int add_transfer(const struct app_transfer *t, void *ctx)
{
	struct sent_list *l = ctx;
	json_array_append_new(
		l->items,
		json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "at", http_time(t->at),
			  "actor", http_str(t->actor), "from",
			  http_str(t->from_unit), "to", http_str(t->to_unit),
			  "note", http_str(t->note), "dossier",
			  http_dossier_summary(t->now, l->now)));
	return 0;
}

void h_transfers_sent(struct http_req *r)
{
	struct actor actor = http_actor(r);
	struct sent_list l = {json_array(), app_now(r->app)};
	struct mc_err err;
	long limit;
	if (!number_arg(r, "limit", 1, APP_TRANSFERS_MAX, 100, &limit)) {
		json_decref(l.items);
		return;
	}
	if (app_transfers_sent(r->app, &actor, http_query(r, "unit"),
			       (int)limit, add_transfer, &l, &err)) {
		json_decref(l.items);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, json_pack("{s:o}", "items", l.items));
}
