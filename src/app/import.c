/*
 * import.c - JSON Lines files into the store, one transaction per file
 * (see import.h and docs/internals/import.md).
 *
 * Lines are streamed with getline into one reused buffer and parsed into
 * one reused struct, so memory stays flat however long the file is.
 */
#include "app/import.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/index.h"
#include "core/str.h"
#include "io/catalog.h"
#include "io/portal.h"
#include "store/store.h"

/*
 * A set of codes known to exist, so a file of a million dossiers asks the
 * store about each unit and procedure once, not once per line.
 */
struct code_set {
	char **slot;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static bool set_has(const struct code_set *set, const char *code)
{
	if (!set->cap)
		return false;
	for (size_t i = hash(code) & (set->cap - 1); set->slot[i];
	     i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slot[i], code) == 0)
			return true;
	return false;
}

static void set_insert(struct code_set *set, char *owned)
{
	size_t i = hash(owned) & (set->cap - 1);
	while (set->slot[i])
		i = (i + 1) & (set->cap - 1);
	set->slot[i] = owned;
	set->n++;
}

/* Keep the table at most half full so probes stay short. */
static bool set_add(struct code_set *set, const char *code)
{
	if (set_has(set, code))
		return true;
	if ((set->n + 1) * 2 > set->cap) {
		struct code_set grown = {
			calloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
			set->cap ? set->cap * 2 : 64, 0};
		if (!grown.slot)
			return false;
		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i])
				set_insert(&grown, set->slot[i]);
		free(set->slot);
		*set = grown;
	}
	char *copy = NULL;
	if (!str_set(&copy, code))
		return false;
	set_insert(set, copy);
	return true;
}

static void set_release(struct code_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof(*set));
}

/* A successor named on a line, checked once the whole file is in. */
struct pending {
	size_t line;
	char *code;
};

struct importer {
	struct app *app;
	struct store *st; /* app->st */
	struct import_stats *stats;
	size_t line_no;
	int64_t now;
	struct unit unit;
	struct procedure procedure;
	struct dossier dossier;
	struct code_set units, procedures;
	struct pending *successors;
	size_t n_successors, cap_successors;
	import_line_fn user_fn; /* import_lines: the caller's line handler */
	void *user_ctx;
	const struct import_options *opt; /* dossiers: never NULL */
	struct strbuf reject;             /* one line of opt->rejects */
};

static void importer_init(struct importer *im, struct app *app,
			  struct import_stats *stats)
{
	memset(im, 0, sizeof(*im));
	im->app = app;
	im->st = app->st;
	im->stats = stats;
	im->now = (int64_t)time(NULL);
	unit_init(&im->unit);
	procedure_init(&im->procedure);
	dossier_init(&im->dossier);
	strbuf_init(&im->reject);
}

static void importer_release(struct importer *im)
{
	unit_release(&im->unit);
	procedure_release(&im->procedure);
	dossier_release(&im->dossier);
	set_release(&im->units);
	set_release(&im->procedures);
	for (size_t i = 0; i < im->n_successors; i++)
		free(im->successors[i].code);
	free(im->successors);
	strbuf_release(&im->reject);
}

/* "line 17: " goes in front of the message; the field stays as it is. */
static void at_line(struct mc_err *err, size_t line)
{
	if (!err)
		return;
	char msg[sizeof(err->message)];
	int n = snprintf(msg, sizeof(msg), "line %zu: ", line);
	size_t keep = strnlen(err->message, sizeof(msg) - (size_t)n - 1);
	memcpy(msg + n, err->message, keep);
	msg[(size_t)n + keep] = '\0';
	memcpy(err->message, msg, sizeof(msg));
}

/*
 * Existence checks. `why` ends the message, to tell the person what to do.
 */
static enum mc_code unit_known(struct importer *im, const char *code,
			       const char *field, const char *why,
			       struct mc_err *err)
{
	if (set_has(&im->units, code))
		return MC_OK;
	struct unit u;
	struct mc_err e = {0};
	unit_init(&u);
	enum mc_code rc = store_unit_get(im->st, code, &u, &e);
	unit_release(&u);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail(err, rc, field,
			       "%s: unit \"%.60s\" is not known%s", field, code,
			       why);
	if (rc) {
		if (err)
			*err = e;
		return rc;
	}
	if (!set_add(&im->units, code))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

static enum mc_code procedure_known(struct importer *im, const char *code,
				    struct mc_err *err)
{
	if (set_has(&im->procedures, code))
		return MC_OK;
	struct procedure p;
	struct mc_err e = {0};
	procedure_init(&p);
	enum mc_code rc = store_procedure_get(im->st, code, &p, &e);
	procedure_release(&p);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail(err, rc, "MaTTHC",
			       "MaTTHC: procedure \"%.60s\" is not known "
			       "(import the procedures first)",
			       code);
	if (rc) {
		if (err)
			*err = e;
		return rc;
	}
	if (!set_add(&im->procedures, code))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

static void count(struct importer *im, bool existed)
{
	im->stats->records++;
	if (existed)
		im->stats->updated++;
	else
		im->stats->created++;
}

/* ---- units ----------------------------------------------------------- */

static enum mc_code unit_line(struct importer *im, const char *line, size_t len,
			      struct mc_err *err)
{
	struct unit *u = &im->unit;
	enum mc_code rc;
	if ((rc = catalog_unit_parse(line, len, u, err)) ||
	    (rc = unit_check(u, err)))
		return rc;
	if (u->parent &&
	    (rc = unit_known(im, u->parent, "parent",
			     " (a parent must come before its children)", err)))
		return rc;
	bool existed = unit_known(im, u->code, "code", "", NULL) == MC_OK;
	if ((rc = store_unit_put(im->st, u, err)))
		return rc;
	if (!set_add(&im->units, u->code))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (u->successor) {
		struct pending *p = ARRAY_PUSH(im->successors, im->n_successors,
					       im->cap_successors);
		if (!p || !str_set(&p->code, u->successor))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		p->line = im->line_no;
	}
	count(im, existed);
	return MC_OK;
}

/* A successor may be listed after the unit it replaces. */
static enum mc_code units_end(struct importer *im, struct mc_err *err)
{
	for (size_t i = 0; i < im->n_successors; i++) {
		enum mc_code rc =
			unit_known(im, im->successors[i].code, "successor",
				   " (not in the file "
				   "nor stored)",
				   err);
		if (rc) {
			at_line(err, im->successors[i].line);
			return rc;
		}
	}
	return MC_OK;
}

/* ---- procedures ------------------------------------------------------ */

static enum mc_code procedure_line(struct importer *im, const char *line,
				   size_t len, struct mc_err *err)
{
	struct procedure *p = &im->procedure;
	enum mc_code rc;
	if ((rc = catalog_procedure_parse(line, len, p, err)) ||
	    (rc = procedure_check(p, err)))
		return rc;
	bool existed = procedure_known(im, p->code, NULL) == MC_OK;
	if ((rc = store_procedure_put(im->st, p, err)) ||
	    (rc = index_procedure_line(im->app, line, len, p->code, err)))
		return rc;
	count(im, existed);
	return MC_OK;
}

/* ---- dossiers -------------------------------------------------------- */

/* What can refuse a parsed line before anything is written: its unit
 * and procedure must be known. */
static enum mc_code dossier_admit(struct importer *im, const struct dossier *d,
				  struct mc_err *err)
{
	enum mc_code rc;
	if ((rc = unit_known(im, d->unit_code, "DonViXuLy",
			     " (import the units first)", err)))
		return rc;
	return procedure_known(im, d->procedure_code, err);
}

/* The upsert and its event. A failure here is the store's and ends the
 * import, except MC_ERR_CONFLICT: the code is a dossier numbered here,
 * refused by the store before it wrote anything. */
static enum mc_code dossier_store(struct importer *im, struct dossier *d,
				  struct mc_err *err)
{
	enum mc_code rc;
	int old;
	d->origin = ORIGIN_IMPORT;
	d->imported_at = im->now;
	if (!str_set(&d->import_file, im->opt->source))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if ((rc = app_dossier_put(im->app, d, &old, err)))
		return rc;
	struct dossier_event ev = {
		.dossier_code = d->code,
		.at = im->now,
		.actor = "import",
		.unit_code = d->unit_code,
		.old_status = old,
		.new_status = (int)d->status,
		.action = "import",
	};
	if ((rc = store_event_append(im->st, &ev, err)))
		return rc;
	count(im, old != 0);
	unsigned odd = dossier_anomalies(d);
	im->stats->anomalous += odd != 0;
	for (int a = 0; a < ANOMALY__COUNT; a++)
		im->stats->anomalies[a] += (odd >> a) & 1;
	return MC_OK;
}

/* The reason without the field that the message starts with. */
static const char *reason_of(const struct mc_err *e)
{
	size_t n = strlen(e->field);
	if (n && strncmp(e->message, e->field, n) == 0 &&
	    strncmp(e->message + n, ": ", 2) == 0)
		return e->message + n + 2;
	return e->message;
}

/* One refused line to the rejects file:
 * {"line":N,"field":"...","reason":"...","text":"the line as it came"}. */
static enum mc_code reject(struct importer *im, size_t line,
			   const struct mc_err *why, const struct strbuf *text,
			   struct mc_err *err)
{
	struct strbuf *sb = &im->reject;
	strbuf_reset(sb);
	strbuf_puts(sb, "{\"line\":");
	strbuf_add_int(sb, (int64_t)line);
	strbuf_puts(sb, ",\"field\":");
	strbuf_json_string(sb, why->field);
	strbuf_puts(sb, ",\"reason\":");
	strbuf_json_string(sb, reason_of(why));
	strbuf_puts(sb, ",\"text\":");
	strbuf_json_bytes(sb, text->buf ? text->buf : "", text->len);
	strbuf_puts(sb, "}\n");
	if (sb->oom)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (fwrite(sb->buf, 1, sb->len, im->opt->rejects) != sb->len)
		return mc_fail(err, MC_ERR_IO, "rejects",
			       "rejects: cannot write: %s", strerror(errno));
	im->stats->rejected++;
	return MC_OK;
}

/* ---- the driver ------------------------------------------------------ */

typedef enum mc_code (*line_fn)(struct importer *im, const char *line,
				size_t len, struct mc_err *err);
typedef enum mc_code (*end_fn)(struct importer *im, struct mc_err *err);

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]) || !s[i])
			return false;
	return true;
}

static enum mc_code read_lines(struct importer *im, FILE *in, line_fn fn,
			       struct mc_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	enum mc_code rc = MC_OK;
	errno = 0;
	while ((n = getline(&line, &cap, in)) >= 0) {
		im->line_no++;
		size_t len = (size_t)n;
		if (blank(line, len))
			continue;
		if ((rc = fn(im, line, len, err))) {
			at_line(err, im->line_no);
			break;
		}
	}
	if (!rc && ferror(in))
		rc = mc_fail(err, MC_ERR_IO, "", "reading line %zu: %s",
			     im->line_no + 1, strerror(errno));
	free(line);
	return rc;
}

/*
 * Dossiers in two threads: a reader thread reads, parses and checks lines
 * while this thread does the store work (the larger share), so
 * two cores both work. Batches go through a small ring in file order; the
 * store thread meets a parse error exactly where the file has it, so
 * line numbers and all-or-nothing hold as in the one-thread path.
 */
#define BATCH 256
#define RING 4

struct parsed {
	struct dossier d;
	size_t line;
	/* with --rejects: a line that failed parsing or checking stays in
	 * its batch with its error, and every line keeps its text */
	enum mc_code rc;
	struct mc_err err;
	struct strbuf text;
};

struct batch {
	struct parsed item[BATCH];
	size_t n;
	enum mc_code rc; /* what stopped the reader after the n items */
	struct mc_err err;
	bool last; /* nothing follows this batch */
};

struct pipeline {
	FILE *in;
	struct batch *ring;   /* RING batches */
	size_t filled, taken; /* batches handed over and consumed so far */
	size_t lines;
	bool keep_going; /* --rejects: a bad line is set aside, not fatal */
	bool stop;       /* the store thread gave up: the reader should too */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
};

/* The line without its end of line, for the rejects file. */
static void keep_text(struct parsed *it, const char *line, size_t n)
{
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	strbuf_reset(&it->text);
	strbuf_add(&it->text, line, n);
}

/* Fill b from the input; true when the input (or the reading) is over. */
static bool fill_batch(struct pipeline *p, struct batch *b, char **line,
		       size_t *cap)
{
	b->n = 0;
	b->rc = MC_OK;
	while (b->n < BATCH) {
		errno = 0;
		ssize_t n = getline(line, cap, p->in);
		if (n < 0) {
			if (ferror(p->in))
				b->rc = mc_fail(&b->err, MC_ERR_IO, "",
						"reading line %zu: %s",
						p->lines + 1, strerror(errno));
			return true;
		}
		p->lines++;
		if (blank(*line, (size_t)n))
			continue;
		struct parsed *it = &b->item[b->n];
		it->line = p->lines;
		if (p->keep_going)
			keep_text(it, *line, (size_t)n);
		struct mc_err *e = p->keep_going ? &it->err : &b->err;
		if ((it->rc = portal_dossier_parse(*line, (size_t)n, &it->d,
						   e)) ||
		    (it->rc = dossier_check(&it->d, e))) {
			if (!p->keep_going) {
				b->rc = it->rc;
				at_line(&b->err, p->lines);
				return true;
			}
		}
		b->n++;
	}
	return false;
}

static void *reader_main(void *arg)
{
	struct pipeline *p = arg;
	char *line = NULL;
	size_t cap = 0;
	bool last = false;
	while (!last) {
		pthread_mutex_lock(&p->mu);
		while (p->filled - p->taken == RING && !p->stop)
			pthread_cond_wait(&p->room, &p->mu);
		bool stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		struct batch *b = &p->ring[p->filled % RING];
		last = b->last = fill_batch(p, b, &line, &cap);
		pthread_mutex_lock(&p->mu);
		p->filled++;
		pthread_cond_signal(&p->more);
		pthread_mutex_unlock(&p->mu);
	}
	free(line);
	return NULL;
}

/* Whether a line's failure is the line's (refused with --rejects) rather
 * than ours or the database's (which ends the import). */
static bool line_fault(enum mc_code rc)
{
	return mc_code_exit_status(rc) == 2 && rc != MC_ERR_IO;
}

/* One parsed line: admitted and stored, or with --rejects set aside. */
static enum mc_code store_item(struct importer *im, struct parsed *it,
			       struct mc_err *err)
{
	struct mc_err why = {0};
	enum mc_code rc = it->rc;
	if (rc)
		why = it->err;
	else if (!(rc = dossier_admit(im, &it->d, &why))) {
		rc = dossier_store(im, &it->d, &why);
		/* of the store's failures only a code conflict is the line's:
		 * the store refused it before writing anything */
		if (rc != MC_ERR_CONFLICT) {
			if (rc && err)
				*err = why;
			return rc;
		}
	}
	if (im->opt->rejects && line_fault(rc))
		return reject(im, it->line, &why, &it->text, err);
	if (err)
		*err = why;
	return rc;
}

/* Store one batch; true when the import is over (done or failed). */
static bool store_batch(struct importer *im, struct batch *b, enum mc_code *rc,
			struct mc_err *err)
{
	for (size_t i = 0; i < b->n; i++) {
		if ((*rc = store_item(im, &b->item[i], err))) {
			at_line(err, b->item[i].line);
			return true;
		}
	}
	if (b->rc) {
		*rc = b->rc;
		if (err)
			*err = b->err;
	}
	return b->rc || b->last;
}

static enum mc_code consume(struct importer *im, struct pipeline *p,
			    struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	bool over = false;
	while (!over) {
		pthread_mutex_lock(&p->mu);
		while (p->filled == p->taken)
			pthread_cond_wait(&p->more, &p->mu);
		pthread_mutex_unlock(&p->mu);
		over = store_batch(im, &p->ring[p->taken % RING], &rc, err);
		pthread_mutex_lock(&p->mu);
		p->taken++;
		p->stop = over;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->mu);
	}
	return rc;
}

static enum mc_code read_dossiers(struct importer *im, FILE *in, line_fn unused,
				  struct mc_err *err)
{
	(void)unused;
	struct pipeline p = {.in = in, .keep_going = im->opt->rejects != NULL};
	p.ring = calloc(RING, sizeof(*p.ring));
	if (!p.ring)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (size_t i = 0; i < RING * BATCH; i++) {
		dossier_init(&p.ring[i / BATCH].item[i % BATCH].d);
		strbuf_init(&p.ring[i / BATCH].item[i % BATCH].text);
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.more, NULL);
	pthread_cond_init(&p.room, NULL);
	pthread_t reader;
	enum mc_code rc;
	if (pthread_create(&reader, NULL, reader_main, &p) != 0) {
		rc = mc_fail(err, MC_ERR_INTERNAL, "",
			     "cannot start the reader thread");
	} else {
		rc = consume(im, &p, err);
		pthread_join(reader, NULL);
	}
	im->line_no = p.lines;
	for (size_t i = 0; i < RING * BATCH; i++) {
		dossier_release(&p.ring[i / BATCH].item[i % BATCH].d);
		strbuf_release(&p.ring[i / BATCH].item[i % BATCH].text);
	}
	free(p.ring);
	pthread_cond_destroy(&p.more);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.mu);
	return rc;
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A line handler of import_lines with its context. */
struct import_user {
	import_line_fn fn;
	void *ctx;
};

typedef enum mc_code (*body_fn)(struct importer *im, FILE *in, line_fn fn,
				struct mc_err *err);

/* One transaction around the whole file: any failure rolls all back. */
static const struct import_options no_options = {0};

static enum mc_code run(struct app *app, FILE *in, body_fn body, line_fn fn,
			end_fn end, const struct import_user *user,
			const struct import_options *opt,
			struct import_stats *stats, struct mc_err *err)
{
	struct import_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	double t0 = seconds_now();
	struct importer im;
	struct store *st = app->st;
	importer_init(&im, app, stats);
	if (user) {
		im.user_fn = user->fn;
		im.user_ctx = user->ctx;
	}
	im.opt = opt ? opt : &no_options;
	enum mc_code rc = store_begin(st, err);
	if (!rc) {
		if (!(rc = body(&im, in, fn, err)) && end)
			rc = end(&im, err);
		rc = store_finish(st, rc, err);
	}
	stats->lines = im.line_no;
	if (rc) { /* nothing was kept */
		stats->records = stats->created = stats->updated = 0;
		stats->anomalous = stats->rejected = 0;
		memset(stats->anomalies, 0, sizeof(stats->anomalies));
	}
	stats->seconds = seconds_now() - t0;
	importer_release(&im);
	return rc;
}

enum mc_code import_units(struct app *app, FILE *in, struct import_stats *stats,
			  struct mc_err *err)
{
	return run(app, in, read_lines, unit_line, units_end, NULL, NULL, stats,
		   err);
}

enum mc_code import_procedures(struct app *app, FILE *in,
			       struct import_stats *stats, struct mc_err *err)
{
	return run(app, in, read_lines, procedure_line, NULL, NULL, NULL, stats,
		   err);
}

enum mc_code import_dossiers(struct app *app, FILE *in,
			     struct import_stats *stats, struct mc_err *err)
{
	return import_dossiers_with(app, in, NULL, stats, err);
}

enum mc_code import_dossiers_with(struct app *app, FILE *in,
				  const struct import_options *opt,
				  struct import_stats *stats,
				  struct mc_err *err)
{
	enum mc_code rc = store_bulk(app->st, true, err);
	if (!rc)
		rc = run(app, in, read_dossiers, NULL, NULL, NULL, opt, stats,
			 err);
	store_bulk(app->st, false, NULL);
	return rc;
}

/* ---- other line formats ---------------------------------------------- */

static enum mc_code user_line(struct importer *im, const char *line, size_t len,
			      struct mc_err *err)
{
	bool created = true;
	enum mc_code rc =
		im->user_fn(im->app, line, len, im->user_ctx, &created, err);
	if (!rc)
		count(im, !created);
	return rc;
}

enum mc_code import_lines(struct app *app, FILE *in, import_line_fn fn,
			  void *ctx, struct import_stats *stats,
			  struct mc_err *err)
{
	struct import_user user = {fn, ctx};
	return run(app, in, read_lines, user_line, NULL, &user, NULL, stats,
		   err);
}
