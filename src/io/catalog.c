/*
 * catalog.c - read and write the unit and procedure catalogue lines (see
 * catalog.h). jansson reads; the writers append to a strbuf by hand.
 */
#include "io/catalog.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/limits.h"

/*
 * Reading: a reader over one object, keeping the first error. `path` is
 * the prefix for field names inside arrays, e.g. "fees[1].".
 */
struct reader {
	json_t *obj;
	char path[64];
	struct mc_err *err;
	enum mc_code rc;
};

static void field_name(const struct reader *r, const char *name, char *buf,
		       size_t n)
{
	snprintf(buf, n, "%.31s%.31s", r->path, name);
}

static void failf(struct reader *r, enum mc_code code, const char *name,
		  const char *reason)
{
	char field[64];
	field_name(r, name, field, sizeof(field));
	r->rc = mc_fail(r->err, code, field, "%s: %s", field, reason);
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static void wrong_type(struct reader *r, const char *name, const json_t *v,
		       const char *expected)
{
	char reason[80];
	snprintf(reason, sizeof(reason), "is %s, expected %s", type_name(v),
		 expected);
	failf(r, MC_ERR_INPUT, name, reason);
}

/* Refuse keys outside `allowed`: our own format has no extensions. */
static void only_keys(struct reader *r, const char *const *allowed, size_t n)
{
	const char *key;
	json_t *v;
	json_object_foreach (r->obj, key, v) {
		size_t i = 0;
		while (i < n && strcmp(key, allowed[i]) != 0)
			i++;
		if (i == n) {
			char k[40];
			snprintf(k, sizeof(k), "%s", key);
			failf(r, MC_ERR_INPUT, k, "is not a known field");
			return;
		}
	}
}

/* Present and not null; a required field that is missing fails. */
static json_t *get(struct reader *r, const char *name, bool required)
{
	if (r->rc)
		return NULL;
	json_t *v = json_object_get(r->obj, name);
	if (v && json_is_null(v))
		v = NULL;
	if (!v && required)
		failf(r, MC_ERR_INPUT, name, "is required");
	return v;
}

/* Names may be long; codes, levels and office hours are short. */
static enum limit_id limit_of(const char *name)
{
	if (strstr(name, "name"))
		return LIMIT_CATALOGUE;
	if (strcmp(name, "form") == 0) /* a SHA-256 */
		return LIMIT_URL;
	return strcmp(name, "office_hours") == 0 ? LIMIT_WORD : LIMIT_CODE;
}

static void text(struct reader *r, const char *name, bool required, char **out)
{
	json_t *v = get(r, name, required);
	char field[64];
	struct mc_err err;
	if (!v)
		return;
	field_name(r, name, field, sizeof(field));
	if (!json_is_string(v))
		wrong_type(r, name, v, "a string");
	else if (limit_length(limit_of(name), field, json_string_value(v),
			      &err))
		failf(r, MC_ERR_INPUT, name, strchr(err.message, ' ') + 1);
	else if (json_string_length(v) == 0 && required)
		failf(r, MC_ERR_INPUT, name, "is required");
	else if (json_string_length(v) == 0)
		return; /* "" is absent, like null, so it writes back as null */
	else if (!str_setn(out, json_string_value(v), json_string_length(v)))
		failf(r, MC_ERR_NOMEM, name, "out of memory");
}

static int64_t date(struct reader *r, const char *name, bool required)
{
	json_t *v = get(r, name, required);
	int64_t day = MC_NO_TIME;
	if (!v)
		return MC_NO_TIME;
	if (!json_is_string(v)) {
		wrong_type(r, name, v, "a date string (YYYY-MM-DD)");
		return MC_NO_TIME;
	}
	char field[64];
	field_name(r, name, field, sizeof(field));
	r->rc = civil_parse_date(json_string_value(v), &day, field, r->err);
	return r->rc ? MC_NO_TIME : day;
}

static bool integer(struct reader *r, const char *name, int64_t lo, int64_t hi,
		    int64_t *out)
{
	json_t *v = get(r, name, true);
	if (!v)
		return false;
	if (!json_is_integer(v)) {
		wrong_type(r, name, v, "a whole number");
		return false;
	}
	int64_t n = json_integer_value(v);
	if (n < lo || n > hi) {
		char reason[96];
		snprintf(reason, sizeof(reason),
			 "%" PRId64 " is outside %" PRId64 "-%" PRId64, n, lo,
			 hi);
		failf(r, MC_ERR_INPUT, name, reason);
		return false;
	}
	*out = n;
	return true;
}

static json_t *parse_object(const char *line, size_t len, struct mc_err *err,
			    enum mc_code *rc)
{
	if (len > CATALOG_MAX_LINE) {
		*rc = mc_fail(err, MC_ERR_TOO_LARGE, "",
			      "line of %zu bytes is over the %zu-byte limit",
			      len, CATALOG_MAX_LINE);
		return NULL;
	}
	json_error_t jerr;
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		*rc = mc_fail(err, MC_ERR_INPUT, "",
			      "invalid JSON at column %d: %s", jerr.column,
			      jerr.text);
		return NULL;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		*rc = mc_fail(err, MC_ERR_INPUT, "", "expected a JSON object");
		return NULL;
	}
	*rc = MC_OK;
	return obj;
}

/* ---- units ----------------------------------------------------------- */

static const char *const unit_keys[] = {
	"code",       "name",     "parent",    "level",
	"valid_from", "valid_to", "successor", "office_hours",
};

static void read_unit(struct reader *r, struct unit *u)
{
	only_keys(r, unit_keys, sizeof(unit_keys) / sizeof(unit_keys[0]));
	text(r, "code", true, &u->code);
	text(r, "name", true, &u->name);
	text(r, "parent", false, &u->parent);
	char *level = NULL;
	text(r, "level", true, &level);
	if (!r->rc)
		r->rc = unit_level_parse(level, &u->level, "level", r->err);
	free(level);
	u->valid_from = date(r, "valid_from", false);
	u->valid_to = date(r, "valid_to", false);
	text(r, "successor", false, &u->successor);
	text(r, "office_hours", false, &u->office_hours);
}

enum mc_code catalog_unit_parse(const char *line, size_t len, struct unit *out,
				struct mc_err *err)
{
	unit_release(out);
	enum mc_code rc;
	json_t *obj = parse_object(line, len, err, &rc);
	if (!obj)
		return rc;
	struct reader r = {.obj = obj, .err = err};
	read_unit(&r, out);
	json_decref(obj);
	return r.rc;
}

/* ---- procedures ------------------------------------------------------ */

static const char *const procedure_keys[] = {
	"code",
	"name",
	"field_code",
	"field_name",
	"time_limit",
	"online_level",
	"paper_result",
	"pay_before",
	"fees",
	"components",
	"online_only",
	/* read by the service index (app/index_import.c) */
	"units",
	"levels",
	"publication",
};
static const char *const limit_keys[] = {"value", "unit"};
static const char *const fee_keys[] = {"code", "name", "amount",
				       "online_amount"};
static const char *const window_keys[] = {"from", "to"};
static const char *const component_keys[] = {"code",     "name",   "required",
					     "original", "copies", "form"};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Enter a nested object: r->obj and r->path change until leave(). */
struct saved {
	json_t *obj;
	char path[sizeof(((struct reader *)0)->path)];
};

static bool enter(struct reader *r, json_t *v, const char *name,
		  struct saved *s)
{
	if (!json_is_object(v)) {
		wrong_type(r, name, v, "an object");
		return false;
	}
	s->obj = r->obj;
	memcpy(s->path, r->path, sizeof(s->path));
	snprintf(r->path, sizeof(r->path), "%.30s%.30s.", s->path, name);
	r->obj = v;
	return true;
}

static void leave(struct reader *r, const struct saved *s)
{
	r->obj = s->obj;
	memcpy(r->path, s->path, sizeof(r->path));
}

static void read_limit(struct reader *r, struct procedure *p)
{
	json_t *v = get(r, "time_limit", true);
	struct saved s;
	if (!v || !enter(r, v, "time_limit", &s))
		return;
	only_keys(r, limit_keys, N(limit_keys));
	int64_t value = 0;
	if (integer(r, "value", 0, 3650, &value))
		p->limit_value = (int)value;
	char *unit = NULL;
	text(r, "unit", true, &unit);
	if (!r->rc) {
		char field[64];
		field_name(r, "unit", field, sizeof(field));
		r->rc = limit_unit_parse(unit, &p->limit_unit, field, r->err);
	}
	free(unit);
	leave(r, &s);
}

static void read_fee(struct reader *r, struct procedure *p)
{
	struct procedure_fee *f = ARRAY_PUSH(p->fees, p->n_fees, p->cap_fees);
	if (!f) {
		failf(r, MC_ERR_NOMEM, "", "out of memory");
		return;
	}
	only_keys(r, fee_keys, N(fee_keys));
	text(r, "code", false, &f->code);
	text(r, "name", false, &f->name);
	if (!integer(r, "amount", 0, INT64_C(999999999999999), &f->amount))
		return;
	/* filed online: the same unless the catalogue charges less */
	f->online_amount = f->amount;
	if (get(r, "online_amount", false))
		integer(r, "online_amount", 0, f->amount, &f->online_amount);
}

static bool boolean(struct reader *r, const char *name)
{
	json_t *v = get(r, name, false);
	if (v && !json_is_boolean(v))
		wrong_type(r, name, v, "true or false");
	return v && json_is_true(v);
}

static void read_component(struct reader *r, struct procedure *p)
{
	struct procedure_component *c =
		ARRAY_PUSH(p->components, p->n_components, p->cap_components);
	if (!c) {
		failf(r, MC_ERR_NOMEM, "", "out of memory");
		return;
	}
	only_keys(r, component_keys, N(component_keys));
	text(r, "code", true, &c->code);
	text(r, "name", true, &c->name);
	c->required = boolean(r, "required");
	c->original = boolean(r, "original");
	int64_t copies = 1;
	if (get(r, "copies", false))
		integer(r, "copies", 0, 99, &copies);
	c->copies = (int)copies;
	text(r, "form", false, &c->form_sha256);
}

static void read_window(struct reader *r, struct procedure *p)
{
	struct date_window *w = ARRAY_PUSH(p->online_only, p->n_online_only,
					   p->cap_online_only);
	if (!w) {
		failf(r, MC_ERR_NOMEM, "", "out of memory");
		return;
	}
	only_keys(r, window_keys, N(window_keys));
	w->from = date(r, "from", true);
	w->to = date(r, "to", true);
}

typedef void (*item_fn)(struct reader *r, struct procedure *p);

static void read_array(struct reader *r, const char *name, struct procedure *p,
		       item_fn fn)
{
	json_t *arr = get(r, name, false);
	if (!arr)
		return;
	if (!json_is_array(arr)) {
		wrong_type(r, name, arr, "an array");
		return;
	}
	if (json_array_size(arr) > LIMIT_FEES) {
		failf(r, MC_ERR_INPUT, name, "lists more than 20 entries");
		return;
	}
	size_t i;
	json_t *item;
	json_array_foreach (arr, i, item) {
		char elem[48];
		struct saved s;
		snprintf(elem, sizeof(elem), "%s[%zu]", name, i);
		if (!enter(r, item, elem, &s))
			return;
		fn(r, p);
		leave(r, &s);
		if (r->rc)
			return;
	}
}

static void read_procedure(struct reader *r, struct procedure *p)
{
	only_keys(r, procedure_keys, N(procedure_keys));
	text(r, "code", true, &p->code);
	text(r, "name", true, &p->name);
	text(r, "field_code", true, &p->field_code);
	text(r, "field_name", false, &p->field_name);
	read_limit(r, p);
	char *level = NULL;
	text(r, "online_level", true, &level);
	if (!r->rc)
		r->rc = online_level_parse(level, &p->online_level,
					   "online_level", r->err);
	free(level);
	json_t *v = get(r, "paper_result", false);
	if (v && !json_is_boolean(v))
		wrong_type(r, "paper_result", v, "true or false");
	p->paper_result = v && json_is_true(v);
	char *due = NULL;
	text(r, "pay_before", false, &due);
	if (!r->rc && due)
		r->rc = fee_due_parse(due, &p->fee_due, "pay_before", r->err);
	free(due);
	read_array(r, "fees", p, read_fee);
	read_array(r, "components", p, read_component);
	read_array(r, "online_only", p, read_window);
}

enum mc_code catalog_procedure_parse(const char *line, size_t len,
				     struct procedure *out, struct mc_err *err)
{
	procedure_release(out);
	enum mc_code rc;
	json_t *obj = parse_object(line, len, err, &rc);
	if (!obj)
		return rc;
	struct reader r = {.obj = obj, .err = err};
	read_procedure(&r, out);
	json_decref(obj);
	return r.rc;
}

/*
 * Writing. Every documented key is written, null when absent, so a line
 * reads the same whatever it holds.
 */
static void w_text(struct strbuf *sb, const char *name, const char *v)
{
	strbuf_json_key(sb, name);
	if (v)
		strbuf_json_string(sb, v);
	else
		strbuf_puts(sb, "null");
}

static void w_date(struct strbuf *sb, const char *name, int64_t day)
{
	char buf[CIVIL_BUF];
	strbuf_json_key(sb, name);
	if (day == MC_NO_TIME) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_add(sb, "\"", 1);
	strbuf_puts(sb, civil_format_date(day, buf));
	strbuf_add(sb, "\"", 1);
}

void catalog_unit_write(const struct unit *u, struct strbuf *out)
{
	strbuf_add(out, "{", 1);
	w_text(out, "code", u->code);
	w_text(out, "name", u->name);
	w_text(out, "parent", u->parent);
	w_text(out, "level", unit_level_name(u->level));
	w_date(out, "valid_from", u->valid_from);
	w_date(out, "valid_to", u->valid_to);
	w_text(out, "successor", u->successor);
	if (u->office_hours)
		w_text(out, "office_hours", u->office_hours);
	strbuf_add(out, "}", 1);
}

static void write_fees(const struct procedure *p, struct strbuf *out)
{
	strbuf_json_key(out, "fees");
	strbuf_add(out, "[", 1);
	for (size_t i = 0; i < p->n_fees; i++) {
		strbuf_add(out, i ? ",{" : "{", i ? 2 : 1);
		w_text(out, "code", p->fees[i].code);
		w_text(out, "name", p->fees[i].name);
		strbuf_json_key(out, "amount");
		strbuf_addf(out, "%" PRId64, p->fees[i].amount);
		strbuf_json_key(out, "online_amount");
		strbuf_addf(out, "%" PRId64, p->fees[i].online_amount);
		strbuf_add(out, "}", 1);
	}
	strbuf_add(out, "]", 1);
}

static void write_components(const struct procedure *p, struct strbuf *out)
{
	strbuf_json_key(out, "components");
	strbuf_add(out, "[", 1);
	for (size_t i = 0; i < p->n_components; i++) {
		const struct procedure_component *c = &p->components[i];
		strbuf_add(out, i ? ",{" : "{", i ? 2 : 1);
		w_text(out, "code", c->code);
		w_text(out, "name", c->name);
		strbuf_json_key(out, "required");
		strbuf_puts(out, c->required ? "true" : "false");
		strbuf_json_key(out, "original");
		strbuf_puts(out, c->original ? "true" : "false");
		strbuf_json_key(out, "copies");
		strbuf_addf(out, "%d", c->copies);
		w_text(out, "form", c->form_sha256);
		strbuf_add(out, "}", 1);
	}
	strbuf_add(out, "]", 1);
}

static void write_windows(const struct procedure *p, struct strbuf *out)
{
	strbuf_json_key(out, "online_only");
	strbuf_add(out, "[", 1);
	for (size_t i = 0; i < p->n_online_only; i++) {
		strbuf_add(out, i ? ",{" : "{", i ? 2 : 1);
		w_date(out, "from", p->online_only[i].from);
		w_date(out, "to", p->online_only[i].to);
		strbuf_add(out, "}", 1);
	}
	strbuf_add(out, "]", 1);
}

void catalog_procedure_write(const struct procedure *p, struct strbuf *out)
{
	strbuf_add(out, "{", 1);
	w_text(out, "code", p->code);
	w_text(out, "name", p->name);
	w_text(out, "field_code", p->field_code);
	w_text(out, "field_name", p->field_name);
	strbuf_json_key(out, "time_limit");
	strbuf_addf(out, "{\"value\":%d", p->limit_value);
	w_text(out, "unit", limit_unit_name(p->limit_unit));
	strbuf_add(out, "}", 1);
	w_text(out, "online_level", online_level_name(p->online_level));
	strbuf_json_key(out, "paper_result");
	strbuf_puts(out, p->paper_result ? "true" : "false");
	w_text(out, "pay_before", fee_due_name(p->fee_due));
	write_fees(p, out);
	write_components(p, out);
	write_windows(p, out);
	strbuf_add(out, "}", 1);
}
