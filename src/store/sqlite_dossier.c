/*
 * sqlite_dossier.c - dossiers, their daily code counters and the
 * append-only event log in the SQLite store.
 *
 * A dossier's lists (components, fees, results, supplement rounds) are
 * kept as compact JSON text in its row; the facts reports need from them
 * (fee total, all digitized, any reused, electronic result, supplement
 * count and whether one is open) are stored beside them as columns.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "store/sqlite_int.h"

/* ---- lists to and from JSON ------------------------------------------ */

static void key_string(struct strbuf *sb, const char *key, const char *v)
{
	if (!v)
		return;
	strbuf_puts(sb, "\"");
	strbuf_puts(sb, key);
	strbuf_puts(sb, "\":");
	strbuf_json_string(sb, v);
	strbuf_puts(sb, ",");
}

static void end_object(struct strbuf *sb)
{
	/* replace the trailing comma, or close an empty object */
	if (sb->len && sb->buf[sb->len - 1] == ',')
		sb->buf[--sb->len] = '\0';
	strbuf_puts(sb, "}");
}

static void components_json(const struct dossier *d, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		strbuf_puts(sb, i ? ",{" : "{");
		key_string(sb, "code", c->code);
		key_string(sb, "file", c->file_name);
		key_string(sb, "url", c->url);
		strbuf_puts(sb, "\"flags\":");
		strbuf_add_int(sb, c->digitized | c->reused << 1 |
					   c->from_national_store << 2);
		strbuf_puts(sb, ",");
		end_object(sb);
	}
	strbuf_puts(sb, "]");
}

static void fees_json(const struct dossier *d, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < d->n_fees; i++) {
		const struct dossier_fee *f = &d->fees[i];
		strbuf_puts(sb, i ? ",{" : "{");
		key_string(sb, "code", f->code);
		key_string(sb, "name", f->name);
		strbuf_puts(sb, "\"amount\":");
		strbuf_add_int(sb, f->amount);
		strbuf_puts(sb, ",\"method\":");
		strbuf_add_int(sb, f->method);
		if (f->exempt) {
			strbuf_puts(sb, ",\"exempt\":");
			strbuf_json_string(sb, f->exempt);
		}
		strbuf_puts(sb, "}");
	}
	strbuf_puts(sb, "]");
}

static void results_json(const struct dossier *d, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < d->n_results; i++) {
		const struct dossier_result *r = &d->results[i];
		strbuf_puts(sb, i ? ",{" : "{");
		key_string(sb, "name", r->name);
		key_string(sb, "code", r->code);
		key_string(sb, "url", r->url);
		key_string(sb, "file", r->file);
		key_string(sb, "signature", r->signature);
		if (r->signature) {
			strbuf_puts(sb, "\"signed_at\":");
			strbuf_add_int(sb, r->signed_at);
		}
		end_object(sb);
	}
	strbuf_puts(sb, "]");
}

static void time_or_null(struct strbuf *sb, int64_t t, const char *sep)
{
	if (t == MC_NO_TIME)
		strbuf_puts(sb, "null");
	else
		strbuf_add_int(sb, t);
	strbuf_puts(sb, sep);
}

static void supplements_json(const struct dossier *d, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		strbuf_puts(sb, i ? ",[" : "[");
		time_or_null(sb, r->requested, ",");
		time_or_null(sb, r->completed, ",");
		time_or_null(sb, r->due_before, ",");
		time_or_null(sb, r->due_after, "]");
	}
	strbuf_puts(sb, "]");
}

static const char *json_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int64_t json_time(json_t *v)
{
	return json_is_integer(v) ? json_integer_value(v) : MC_NO_TIME;
}

static bool read_components(json_t *a, struct dossier *d)
{
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct dossier_component *c = ARRAY_PUSH(
			d->components, d->n_components, d->cap_components);
		if (!c || !str_set(&c->code, json_str(v, "code")) ||
		    !str_set(&c->file_name, json_str(v, "file")) ||
		    !str_set(&c->url, json_str(v, "url")))
			return false;
		json_int_t flags =
			json_integer_value(json_object_get(v, "flags"));
		c->digitized = flags & 1;
		c->reused = (flags >> 1) & 1;
		c->from_national_store = (flags >> 2) & 1;
	}
	return true;
}

static bool read_fees(json_t *a, struct dossier *d)
{
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct dossier_fee *f =
			ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
		if (!f || !str_set(&f->code, json_str(v, "code")) ||
		    !str_set(&f->name, json_str(v, "name")) ||
		    !str_set(&f->exempt, json_str(v, "exempt")))
			return false;
		f->amount = json_integer_value(json_object_get(v, "amount"));
		f->method =
			(int)json_integer_value(json_object_get(v, "method"));
	}
	return true;
}

static bool read_results(json_t *a, struct dossier *d)
{
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct dossier_result *r =
			ARRAY_PUSH(d->results, d->n_results, d->cap_results);
		if (!r)
			return false;
		memset(r, 0, sizeof(*r));
		if (!str_set(&r->name, json_str(v, "name")) ||
		    !str_set(&r->code, json_str(v, "code")) ||
		    !str_set(&r->url, json_str(v, "url")) ||
		    !str_set(&r->file, json_str(v, "file")) ||
		    !str_set(&r->signature, json_str(v, "signature")))
			return false;
		r->signed_at = json_time(json_object_get(v, "signed_at"));
	}
	return true;
}

static bool read_supplements(json_t *a, struct dossier *d)
{
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct supplement_round *r = ARRAY_PUSH(
			d->supplements, d->n_supplements, d->cap_supplements);
		if (!r)
			return false;
		r->requested = json_time(json_array_get(v, 0));
		r->completed = json_time(json_array_get(v, 1));
		r->due_before = json_time(json_array_get(v, 2));
		r->due_after = json_time(json_array_get(v, 3));
	}
	return true;
}

static bool read_list(sqlite3_stmt *s, int col, struct dossier *d,
		      bool (*fn)(json_t *, struct dossier *))
{
	const char *text = (const char *)sqlite3_column_text(s, col);
	if (!text)
		return true;
	json_t *a = json_loads(text, 0, NULL);
	bool ok = json_is_array(a) && fn(a, d);
	json_decref(a);
	return ok;
}

bool sqlite_read_supplements(sqlite3_stmt *s, int col, struct dossier *d)
{
	return read_list(s, col, d, read_supplements);
}

/* ---- rows ------------------------------------------------------------ */

static bool lists_build(struct dossier_lists *l, const struct dossier *d)
{
	strbuf_reset(&l->components);
	strbuf_reset(&l->fees);
	strbuf_reset(&l->results);
	strbuf_reset(&l->supplements);
	components_json(d, &l->components);
	fees_json(d, &l->fees);
	results_json(d, &l->results);
	supplements_json(d, &l->supplements);
	return !l->components.oom && !l->fees.oom && !l->results.oom &&
	       !l->supplements.oom;
}

void sqlite_lists_release(struct dossier_lists *l)
{
	strbuf_release(&l->components);
	strbuf_release(&l->fees);
	strbuf_release(&l->results);
	strbuf_release(&l->supplements);
}

static void bind_dossier(sqlite3_stmt *s, const struct dossier *d,
			 const struct dossier_lists *l)
{
	int i = 1;
	bind_text(s, i++, d->code);
	bind_text(s, i++, d->procedure_code);
	bind_text(s, i++, d->procedure_name);
	bind_text(s, i++, d->field_code);
	bind_text(s, i++, d->field_name);
	bind_text(s, i++, d->unit_code);
	sqlite3_bind_int(s, i++, (int)d->channel);
	bind_text(s, i++, d->applicant_name);
	bind_text(s, i++, d->applicant_id);
	bind_text(s, i++, d->applicant_id_type);
	sqlite3_bind_int(s, i++, (int)d->applicant_kind);
	bind_text(s, i++, d->phone);
	bind_text(s, i++, d->email);
	bind_text(s, i++, d->summary);
	bind_time(s, i++, d->submitted);
	bind_time(s, i++, d->received);
	bind_time(s, i++, d->due);
	bind_time(s, i++, d->finished);
	bind_time(s, i++, d->returned);
	bind_time(s, i++, d->refused);
	sqlite3_bind_int(s, i++, (int)d->status);
	sqlite3_bind_int(s, i++, (int)d->delivery);
	sqlite3_bind_int(s, i++, d->digitized);
	sqlite3_bind_int(s, i++, d->verified);
	sqlite3_bind_int(s, i++, (int)d->paid_online);
	bind_text(s, i++, l->components.buf);
	bind_text(s, i++, l->fees.buf);
	bind_text(s, i++, l->results.buf);
	bind_text(s, i++, l->supplements.buf);
	bind_text(s, i++, d->extra);
	sqlite3_bind_int64(s, i++, dossier_fee_total(d));
	sqlite3_bind_int(s, i++, dossier_all_digitized(d));
	sqlite3_bind_int(s, i++, dossier_any_reused(d));
	sqlite3_bind_int(s, i++, dossier_has_e_result(d));
	sqlite3_bind_int(s, i++, (int)d->n_supplements);
	sqlite3_bind_int(s, i++, dossier_supplement_open(d));
	sqlite3_bind_int(s, i++, (int)dossier_anomalies(d));
	sqlite3_bind_int(s, i++, (int)d->origin);
	bind_text(s, i++, d->import_file);
	bind_time(s, i++, d->imported_at);
}

/* Reads a row of "SELECT id, DOSSIER_COLS". */
static bool read_dossier(sqlite3_stmt *s, struct dossier *d)
{
	bool copied = true;
	dossier_init(d);
	int i = 0;
	d->handle = sqlite3_column_int64(s, i++);
	d->code = column_strdup(s, i++, &copied);
	d->procedure_code = column_strdup(s, i++, &copied);
	d->procedure_name = column_strdup(s, i++, &copied);
	d->field_code = column_strdup(s, i++, &copied);
	d->field_name = column_strdup(s, i++, &copied);
	d->unit_code = column_strdup(s, i++, &copied);
	d->channel = (enum channel)sqlite3_column_int(s, i++);
	d->applicant_name = column_strdup(s, i++, &copied);
	d->applicant_id = column_strdup(s, i++, &copied);
	d->applicant_id_type = column_strdup(s, i++, &copied);
	d->applicant_kind = (enum applicant_kind)sqlite3_column_int(s, i++);
	d->phone = column_strdup(s, i++, &copied);
	d->email = column_strdup(s, i++, &copied);
	d->summary = column_strdup(s, i++, &copied);
	d->submitted = column_time(s, i++);
	d->received = column_time(s, i++);
	d->due = column_time(s, i++);
	d->finished = column_time(s, i++);
	d->returned = column_time(s, i++);
	d->refused = column_time(s, i++);
	d->status = (enum dossier_status)sqlite3_column_int(s, i++);
	d->delivery = (enum delivery)sqlite3_column_int(s, i++);
	d->digitized = sqlite3_column_int(s, i++);
	d->verified = sqlite3_column_int(s, i++);
	d->paid_online = (enum paid_online)sqlite3_column_int(s, i++);
	bool ok = read_list(s, i++, d, read_components) &&
		  read_list(s, i++, d, read_fees) &&
		  read_list(s, i++, d, read_results) &&
		  read_list(s, i++, d, read_supplements);
	d->extra = column_strdup(s, i++, &copied);
	i += 6; /* fee_total .. supplement_open: derived */
	i++;    /* anomalies: derived */
	d->origin = (enum dossier_origin)sqlite3_column_int(s, i++);
	d->import_file = column_strdup(s, i++, &copied);
	d->imported_at = column_time(s, i++);
	return ok && copied;
}

enum mc_code sqlite_dossier_key(struct store *st, const char *code,
				int64_t *key, struct mc_err *err)
{
	struct sqlite_store *q = sq(st);
	*key = 0;
	if (q->last_key && code && strcmp(q->last_code, code) == 0) {
		*key = q->last_key;
		return MC_OK;
	}
	sqlite3_stmt *s = sqlite_stmt(st, Q_DOSSIER_ID);
	bind_text(s, 1, code);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*key = sqlite3_column_int64(s, 0);
	enum mc_code rc =
		step == SQLITE_ROW || step == SQLITE_DONE
			? MC_OK
			: sqlite_db_fail(st, err, "finding a dossier");
	sqlite3_reset(s);
	if (!rc && !*key)
		return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
			       "MaHoSo: dossier \"%s\" is not known",
			       str_or_empty(code));
	return rc;
}

static enum mc_code constraint_fail(struct store *st, const struct dossier *d,
				    struct mc_err *err)
{
	struct unit u;
	if (sqlite_unit_get(st, d->unit_code, &u, NULL) != MC_OK)
		return mc_fail(err, MC_ERR_NOT_FOUND, "DonViXuLy",
			       "DonViXuLy: unit \"%s\" is not known",
			       d->unit_code);
	unit_release(&u);
	int64_t key;
	if (sqlite_dossier_key(st, d->code, &key, NULL) == MC_ERR_NOT_FOUND) {
		struct procedure p;
		if (sqlite_procedure_get(st, d->procedure_code, &p, NULL) !=
		    MC_OK)
			return mc_fail(err, MC_ERR_NOT_FOUND, "MaTTHC",
				       "MaTTHC: procedure \"%s\" is not known",
				       d->procedure_code);
		procedure_release(&p);
	}
	return sqlite_db_fail(st, err, "storing a dossier");
}

/* The stored version d replaces: out of the counts per status, its
 * feedback following d to a new unit, and into *replaced when asked. */
static enum mc_code take_old(struct store *st, const struct dossier *d,
			     struct dossier *replaced, struct mc_err *err)
{
	struct dossier old;
	enum mc_code rc = sqlite_dossier_get(st, d->code, &old, err);
	if (rc)
		return rc;
	sqlite_status_note(st, (int)old.status, -1);
	if (strcmp(old.unit_code, d->unit_code) != 0)
		rc = sqlite_feedback_follow(st, d->code, d->unit_code, err);
	if (!rc && replaced)
		*replaced = old;
	else
		dossier_release(&old);
	return rc;
}

/* One statement on the dossier row; *duplicate tells an insert that met
 * an existing code from other failures. */
static enum mc_code write_row(struct store *st, const struct dossier *d,
			      int64_t id, bool *duplicate, struct mc_err *err)
{
	sqlite3_stmt *s =
		sqlite_stmt(st, id ? Q_DOSSIER_UPDATE : Q_DOSSIER_INSERT);
	bind_dossier(s, d, &sq(st)->lists);
	if (id)
		sqlite3_bind_int64(s, 41, id);
	int step = sqlite3_step(s);
	int ext = sqlite3_extended_errcode(sq(st)->db);
	sqlite3_reset(s);
	*duplicate = !id && ext == SQLITE_CONSTRAINT_UNIQUE;
	if (*duplicate)
		return MC_ERR_CONFLICT;
	if (step == SQLITE_CONSTRAINT)
		return constraint_fail(st, d, err);
	if (step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "storing a dossier");
	return MC_OK;
}

/* A new dossier d met a stored one with its code: an import may update
 * an imported dossier, never one numbered here; a filing here never
 * takes a stored code. Sets *id to the stored row. */
static enum mc_code may_replace(struct store *st, const struct dossier *d,
				int64_t *id, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_DOSSIER_ORIGIN);
	bind_text(s, 1, d->code);
	int step = sqlite3_step(s);
	*id = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	enum dossier_origin was =
		step == SQLITE_ROW
			? (enum dossier_origin)sqlite3_column_int(s, 1)
			: ORIGIN_UNKNOWN;
	sqlite3_reset(s);
	if (step != SQLITE_ROW)
		return sqlite_db_fail(st, err, "reading a dossier");
	if (d->origin == ORIGIN_IMPORT && dossier_numbered_here(was))
		return mc_fail(err, MC_ERR_CONFLICT, "MaHoSo",
			       "MaHoSo: %s was filed here (%s) and numbered by "
			       "this system; an import cannot overwrite it",
			       d->code, dossier_origin_key(was));
	if (dossier_numbered_here(d->origin))
		return mc_fail(err, MC_ERR_CONFLICT, "MaHoSo",
			       "MaHoSo: %s is taken by a stored dossier (%s); "
			       "a new filing cannot replace it",
			       d->code, dossier_origin_key(was));
	return MC_OK;
}

/* The dossier just written, so that its event and its secret find it
 * without a lookup; forgotten on rollback. */
static void remember(struct store *st, const char *code, int64_t key)
{
	struct sqlite_store *q = sq(st);
	size_t n = strlen(code);
	q->last_key = 0;
	if (n < sizeof(q->last_code)) {
		memcpy(q->last_code, code, n + 1);
		q->last_key = key;
	}
}

/* A dossier without a handle is most often new (an import, a filing): it is
 * inserted straight away, and only a code already stored sends it down
 * the update path, which first reads the version it replaces. Inside the
 * port's transaction: the counts per status are added at its commit. */
enum mc_code sqlite_dossier_put(struct store *st, struct dossier *d,
				struct dossier *replaced, struct mc_err *err)
{
	if (!lists_build(&sq(st)->lists, d))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	bool duplicate = false;
	int64_t id = d->handle;
	enum mc_code rc = MC_OK;
	if (!id) {
		rc = write_row(st, d, 0, &duplicate, err);
		if (!rc)
			d->handle = sqlite3_last_insert_rowid(sq(st)->db);
		if (!duplicate) {
			if (!rc) {
				sqlite_status_note(st, (int)d->status, +1);
				remember(st, d->code, d->handle);
			}
			return rc;
		}
		if ((rc = may_replace(st, d, &id, err)))
			return rc;
	}
	if ((rc = take_old(st, d, replaced, err)) ||
	    (rc = write_row(st, d, id, &duplicate, err)))
		return rc;
	d->handle = id;
	sqlite_status_note(st, (int)d->status, +1);
	remember(st, d->code, id);
	return MC_OK;
}

enum mc_code sqlite_dossier_status(struct store *st, const char *code,
				   int *status, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_DOSSIER_STATUS);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*status = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading a dossier");
	return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
		       "MaHoSo: dossier \"%s\" is not known",
		       str_or_empty(code));
}

enum mc_code sqlite_dossier_get(struct store *st, const char *code,
				struct dossier *out, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_DOSSIER_GET);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return sqlite_db_fail(st, err, "reading a dossier");
		return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
			       "MaHoSo: dossier \"%s\" is not known",
			       str_or_empty(code));
	}
	bool ok = read_dossier(s, out);
	sqlite3_reset(s);
	if (!ok) {
		dossier_release(out);
		return mc_fail(err, MC_ERR_DB, "MaHoSo",
			       "dossier \"%s\" could not be read (an "
			       "unreadable list, or out of memory)",
			       code);
	}
	return MC_OK;
}

static enum mc_code each_row(struct store *st, sqlite3_stmt *s,
			     store_dossier_fn fn, void *ctx,
			     struct mc_err *err);

/* Bind the instants of local days [from, to] to ?1 and ?2. */
static sqlite3_stmt *days_bound(struct store *st, enum stmt_id q,
				int64_t from_day, int64_t to_day)
{
	sqlite3_stmt *s = sqlite_stmt(st, q);
	sqlite3_bind_int64(s, 1,
			   from_day == MC_NO_TIME ? INT64_MIN
						  : civil_time_at(from_day, 0));
	sqlite3_bind_int64(s, 2,
			   to_day == MC_NO_TIME
				   ? INT64_MAX
				   : civil_time_at(to_day + 1, 0) - 1);
	return s;
}

enum mc_code sqlite_dossier_each(struct store *st, int64_t from_day,
				 int64_t to_day, store_dossier_fn fn, void *ctx,
				 struct mc_err *err)
{
	return each_row(st, days_bound(st, Q_DOSSIER_EACH, from_day, to_day),
			fn, ctx, err);
}

enum mc_code sqlite_anomalous_each(struct store *st, int64_t from_day,
				   int64_t to_day, store_dossier_fn fn,
				   void *ctx, struct mc_err *err)
{
	return each_row(st,
			days_bound(st, Q_DOSSIER_ANOMALOUS, from_day, to_day),
			fn, ctx, err);
}

enum mc_code sqlite_open_dossier_each(struct store *st, store_dossier_fn fn,
				      void *ctx, struct mc_err *err)
{
	return each_row(st, sqlite_stmt(st, Q_DOSSIER_OPEN_EACH), fn, ctx, err);
}

/* Every row of a "SELECT id, DOSSIER_COLS" statement, decoded, to fn. */
static enum mc_code each_row(struct store *st, sqlite3_stmt *s,
			     store_dossier_fn fn, void *ctx, struct mc_err *err)
{
	int rc;
	enum mc_code out = MC_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier d;
		if (!read_dossier(s, &d)) {
			out = mc_fail(err, MC_ERR_DB, "MaHoSo",
				      "dossier \"%s\" has an unreadable list",
				      str_or_empty(d.code));
			dossier_release(&d);
			break;
		}
		int stop = fn(&d, ctx);
		dossier_release(&d);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (!out && rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing dossiers");
	return out;
}

enum mc_code sqlite_dossier_next_code(struct store *st, const char *unit_code,
				      int64_t day, char **code,
				      struct mc_err *err)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	for (;;) {
		sqlite3_stmt *s = sqlite_stmt(st, Q_COUNTER_NEXT);
		bind_text(s, 1, unit_code);
		sqlite3_bind_int64(s, 2, day);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			return sqlite_db_fail(st, err, "numbering a dossier");
		}
		int n = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		/* four digits, then five: the code's serial has no fixed
		 * width, so day 10,000 reads UNIT-yymmdd-10000 */
		if (n > STORE_MAX_SERIAL)
			return mc_fail(err, MC_ERR_RULE, "DonViXuLy",
				       "DonViXuLy: unit %s has used all %d "
				       "dossier numbers of the day",
				       unit_code, STORE_MAX_SERIAL);
		char buf[96];
		snprintf(buf, sizeof(buf), "%s-%02d%02d%02d-%04d", unit_code,
			 y % 100, m, d, n);
		/* an imported dossier may already hold this number */
		int64_t key;
		enum mc_code rc = sqlite_dossier_key(st, buf, &key, err);
		if (rc == MC_OK)
			continue;
		if (rc != MC_ERR_NOT_FOUND)
			return rc;
		if (!str_set(code, buf))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		return MC_OK;
	}
}

/* ---- the event log --------------------------------------------------- */

enum mc_code sqlite_event_append(struct store *st,
				 const struct dossier_event *ev,
				 struct mc_err *err)
{
	int64_t id;
	enum mc_code rc = sqlite_dossier_key(st, ev->dossier_code, &id, err);
	if (rc)
		return rc;
	sqlite3_stmt *s = sqlite_stmt(st, Q_EVENT_APPEND);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, ev->at);
	bind_text(s, 3, ev->actor);
	bind_text(s, 4, ev->unit_code);
	sqlite3_bind_int(s, 5, ev->old_status);
	sqlite3_bind_int(s, 6, ev->new_status);
	bind_text(s, 7, ev->action);
	bind_text(s, 8, ev->note);
	bind_text(s, 9, ev->actor_role);
	bind_text(s, 10, ev->actor_unit);
	int step = sqlite3_step(s);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "logging an event");
	return MC_OK;
}

enum mc_code sqlite_event_each(struct store *st, const char *dossier_code,
			       store_event_fn fn, void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_EVENT_EACH);
	bind_text(s, 1, dossier_code);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier_event ev = {
			.dossier_code = (char *)sqlite3_column_text(s, 0),
			.at = sqlite3_column_int64(s, 1),
			.actor = (char *)sqlite3_column_text(s, 2),
			.unit_code = (char *)sqlite3_column_text(s, 3),
			.old_status = sqlite3_column_int(s, 4),
			.new_status = sqlite3_column_int(s, 5),
			.action = (char *)sqlite3_column_text(s, 6),
			.note = (char *)sqlite3_column_text(s, 7),
			.actor_role = (char *)sqlite3_column_text(s, 8),
			.actor_unit = (char *)sqlite3_column_text(s, 9),
		};
		if (fn(&ev, ctx))
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing events");
	return MC_OK;
}
