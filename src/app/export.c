/*
 * export.c - stored dossiers out as portal JSON Lines, procedures with
 * their index fields (see export.h). One strbuf is reused for every
 * line; stdio does the buffering.
 */
#include "app/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "core/strmap.h"
#include "io/catalog.h"
#include "io/portal.h"
#include "store/store.h"

struct exporter {
	FILE *out;
	struct strbuf line;
	size_t count;
	bool failed; /* a write failed; errno tells why */
};

static int write_one(const struct dossier *d, void *ctx)
{
	struct exporter *ex = ctx;
	strbuf_reset(&ex->line);
	portal_dossier_write(d, &ex->line);
	strbuf_add(&ex->line, "\n", 1);
	if (ex->line.oom ||
	    fwrite(ex->line.buf, 1, ex->line.len, ex->out) != ex->line.len) {
		ex->failed = true;
		return 1; /* stop the walk */
	}
	ex->count++;
	return 0;
}

enum mc_code export_dossiers(struct app *app, int64_t from_day, int64_t to_day,
			     FILE *out, size_t *count, struct mc_err *err)
{
	struct exporter ex = {.out = out};
	strbuf_init(&ex.line);
	errno = 0;
	enum mc_code rc = store_dossier_each(app->st, from_day, to_day,
					     write_one, &ex, err);
	if (!rc && ex.line.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!rc && (ex.failed || fflush(out) != 0 || ferror(out)))
		rc = mc_fail(err, MC_ERR_IO, "", "writing the export: %s",
			     errno ? strerror(errno) : "write failed");
	if (count)
		*count = ex.count;
	strbuf_release(&ex.line);
	return rc;
}

/* ---- procedures, with what the service index keeps of them ------------ */

struct offer_row {
	char *proc, *unit; /* unit NULL: by level */
	int level;
};

struct proc_export {
	FILE *out;
	struct strbuf line;
	size_t count;
	struct offer_row *offers; /* grouped by procedure, store order */
	size_t n_offers, cap_offers;
	struct strmap first_offer; /* procedure -> its first offer row */
	struct procedure_publication *pubs;
	size_t n_pubs, cap_pubs;
	struct strmap pub; /* procedure -> its publication row */
	bool oom, failed;
};

static int keep_offer(const char *proc, const struct procedure_offer *o,
		      void *ctx)
{
	struct proc_export *x = ctx;
	struct offer_row *r = ARRAY_PUSH(x->offers, x->n_offers, x->cap_offers);
	if (!r)
		return x->oom = true;
	*r = (struct offer_row){NULL, NULL, o->level};
	if (!str_set(&r->proc, proc) ||
	    (o->unit_code && !str_set(&r->unit, o->unit_code)) ||
	    (strmap_get(&x->first_offer, proc, -1) < 0 &&
	     !strmap_put(&x->first_offer, proc, (int64_t)(x->n_offers - 1))))
		return x->oom = true;
	return 0;
}

static int keep_publication(const struct procedure_publication *p, void *ctx)
{
	struct proc_export *x = ctx;
	struct procedure_publication *r =
		ARRAY_PUSH(x->pubs, x->n_pubs, x->cap_pubs);
	if (!r)
		return x->oom = true;
	*r = *p;
	r->procedure_code = NULL;
	char *code = NULL;
	if (!str_set(&code, p->procedure_code) ||
	    !strmap_put(&x->pub, code, (int64_t)(x->n_pubs - 1))) {
		free(code);
		return x->oom = true;
	}
	r->procedure_code = code;
	return 0;
}

/* "key":"YYYY-MM-DD" (the comma before it from strbuf_json_key). */
static void date_field(struct strbuf *sb, const char *key, int64_t day)
{
	char buf[CIVIL_BUF];
	if (day == MC_NO_TIME)
		return;
	strbuf_json_key(sb, key);
	strbuf_json_string(sb, civil_format_date(day, buf));
}

/* ,"units":[...],"levels":[...],"publication":{...} for what is kept. */
static void index_fields(const struct proc_export *x, const char *code,
			 struct strbuf *sb)
{
	int64_t i = strmap_get(&x->first_offer, code, -1);
	for (int by_level = 0; i >= 0 && by_level < 2; by_level++) {
		bool any = false;
		for (size_t j = (size_t)i;
		     j < x->n_offers && strcmp(x->offers[j].proc, code) == 0;
		     j++) {
			const struct offer_row *o = &x->offers[j];
			if ((o->unit == NULL) != by_level)
				continue;
			strbuf_puts(sb, any        ? ","
					: by_level ? ",\"levels\":["
						   : ",\"units\":[");
			if (by_level)
				strbuf_add_int(sb, o->level);
			else
				strbuf_json_string(sb, o->unit);
			any = true;
		}
		if (any)
			strbuf_puts(sb, "]");
	}
	int64_t p = strmap_get(&x->pub, code, -1);
	if (p < 0)
		return;
	const struct procedure_publication *pp = &x->pubs[p];
	strbuf_puts(sb, ",\"publication\":{");
	date_field(sb, "decided", pp->decided);
	date_field(sb, "effective", pp->effective);
	date_field(sb, "publicized", pp->publicized);
	strbuf_puts(sb, "}");
}

static int write_procedure(const struct procedure *p, void *ctx)
{
	struct proc_export *x = ctx;
	strbuf_reset(&x->line);
	catalog_procedure_write(p, &x->line);
	if (x->line.oom || !x->line.len || x->line.buf[x->line.len - 1] != '}')
		return x->oom = true;
	x->line.len--; /* the object goes on */
	index_fields(x, p->code, &x->line);
	strbuf_add(&x->line, "}\n", 2);
	if (x->line.oom)
		return x->oom = true;
	if (fwrite(x->line.buf, 1, x->line.len, x->out) != x->line.len)
		return x->failed = true;
	x->count++;
	return 0;
}

enum mc_code export_procedures(struct app *app, FILE *out, size_t *count,
			       struct mc_err *err)
{
	struct store *st = app->st;
	struct proc_export x = {.out = out};
	strbuf_init(&x.line);
	strmap_init(&x.first_offer);
	strmap_init(&x.pub);
	errno = 0;
	/* the offers, the dates and the procedures of one moment */
	bool opened = store_read_begin(st);
	enum mc_code rc = store_offer_each(st, keep_offer, &x, err);
	if (!rc && !x.oom)
		rc = store_publication_each(st, keep_publication, &x, err);
	if (!rc && !x.oom)
		rc = store_procedure_each(st, write_procedure, &x, err);
	store_read_end(st, opened);
	if (!rc && x.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!rc && (x.failed || fflush(out) != 0 || ferror(out)))
		rc = mc_fail(err, MC_ERR_IO, "", "writing the export: %s",
			     errno ? strerror(errno) : "write failed");
	if (count)
		*count = x.count;
	for (size_t i = 0; i < x.n_offers; i++) {
		free(x.offers[i].proc);
		free(x.offers[i].unit);
	}
	free(x.offers);
	for (size_t i = 0; i < x.n_pubs; i++)
		free((char *)x.pubs[i].procedure_code);
	free(x.pubs);
	strmap_release(&x.first_offer);
	strmap_release(&x.pub);
	strbuf_release(&x.line);
	return rc;
}
