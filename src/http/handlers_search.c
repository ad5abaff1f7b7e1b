/*
 * handlers_search.c - GET /api/v1/dossiers: the staff inbox and search,
 * limited to the account's unit subtree, in due-time order. Unit, status
 * and overdue filter in the store; the free-text q (code, applicant name or ID,
 * diacritics ignored) filters here, after folding.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/dossier.h"
#include "core/report.h"
#include "core/text.h"
#include "http/http_int.h"

struct search {
	const char *query; /* folded, NULL: any */
	long limit, offset;
	long total;
	json_t *items;
	int64_t now; /* against which a dossier is overdue */
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
	long status, overdue;
	const char *unit = http_query(r, "unit");
	if (!number_arg(r, "status", 1, 10, 0, &status) ||
	    !number_arg(r, "overdue", 0, 1, 0, &overdue) ||
	    !number_arg(r, "limit", 1, 500, 50, &s->limit) ||
	    !number_arg(r, "offset", 0, 100000000, 0, &s->offset))
		return false;
	q->unit_root = unit ? unit : r->user.unit;
	q->status = (int)status;
	s->now = app_now(r->app);
	q->overdue_at = overdue ? report_overdue_cut(s->now) : MC_NO_TIME;
	return true;
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
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200,
			json_pack("{s:I,s:I,s:I,s:o}", "total",
				  (json_int_t)s.total, "limit",
				  (json_int_t)s.limit, "offset",
				  (json_int_t)s.offset, "items", s.items));
}
