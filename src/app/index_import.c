/*
 * index_import.c - the service index's own inputs as JSON Lines, through
 * import_lines (one transaction per file, errors by line and field):
 * ratings, feedback and targets; and the optional index fields of a
 * procedure line (who offers it, when it was publicized).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/index_int.h"
#include "core/civil.h"
#include "core/limits.h"
#include "core/unit.h"
#include "store/store.h"

static enum mc_code bad(struct mc_err *err, const char *field, const char *why)
{
	return mc_fail(err, MC_ERR_INPUT, field, "%s: %s", field, why);
}

static enum mc_code load(const char *line, size_t len, json_t **out,
			 const char *const *keys, struct mc_err *err)
{
	json_error_t je;
	*out = json_loadb(line, len, 0, &je);
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return mc_fail(err, MC_ERR_INPUT, "", "not a JSON object: %s",
			       je.text);
	}
	const char *key;
	json_t *v;
	json_object_foreach (*out, key, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], key) != 0)
			i++;
		if (!keys[i]) {
			char k[40];
			snprintf(k, sizeof(k), "%s", key);
			json_decref(*out);
			*out = NULL;
			return bad(err, k, "is not a known field");
		}
	}
	return MC_OK;
}

/* A string field; NULL when absent and optional. */
static enum mc_code text(json_t *o, const char *key, bool required,
			 const char **out, struct mc_err *err)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return required ? bad(err, key, "is required") : MC_OK;
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(err, key, "must be a non-empty string");
	/* codes, times and keywords: all short */
	enum mc_code rc =
		limit_length(LIMIT_WORD, key, json_string_value(v), err);
	if (!rc)
		*out = json_string_value(v);
	return rc;
}

/* "YYYY-MM-DD HH:MM" local time or the portal's yyyyMMddHHmmss. */
static enum mc_code instant(json_t *o, const char *key, bool required,
			    int64_t *out, struct mc_err *err)
{
	const char *s;
	enum mc_code rc = text(o, key, required, &s, err);
	*out = MC_NO_TIME;
	if (rc || !s)
		return rc;
	if (civil_parse_local(s, out, key, NULL) &&
	    civil_parse_portal(s, out, key, NULL))
		return bad(err, key,
			   "must be \"YYYY-MM-DD HH:MM\" or "
			   "yyyyMMddHHmmss");
	return MC_OK;
}

static enum mc_code date(json_t *o, const char *key, bool required,
			 int64_t *out, struct mc_err *err)
{
	const char *s;
	enum mc_code rc = text(o, key, required, &s, err);
	*out = MC_NO_TIME;
	if (rc || !s)
		return rc;
	if (civil_parse_date(s, out, key, NULL))
		return bad(err, key, "must be a date \"YYYY-MM-DD\"");
	return MC_OK;
}

/* ---- ratings ------------------------------------------------------------ */

enum mc_code index_rating_parse(const char *s, enum rating_value *out,
				struct mc_err *err)
{
	static const char *const names[] = {"", "satisfied", "neutral",
					    "dissatisfied"};
	for (int i = 1; s && i <= 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum rating_value)i;
			return MC_OK;
		}
	return bad(err, "rating", "must be satisfied, neutral or dissatisfied");
}

static enum mc_code rating_line(struct app *app, const char *line, size_t len,
				void *ctx, bool *created, struct mc_err *err)
{
	static const char *const keys[] = {"dossier", "at", "rating", "channel",
					   NULL};
	(void)ctx;
	*created = true;
	json_t *o;
	enum mc_code rc = load(line, len, &o, keys, err);
	if (rc)
		return rc;
	struct rating r = {0};
	const char *value;
	if (!(rc = text(o, "dossier", true, &r.dossier_code, err)) &&
	    !(rc = instant(o, "at", true, &r.at, err)) &&
	    !(rc = text(o, "rating", true, &value, err)) &&
	    !(rc = index_rating_parse(value, &r.value, err)) &&
	    !(rc = text(o, "channel", false, &r.channel, err)))
		rc = store_rating_put(app->st, &r, err);
	json_decref(o);
	return rc;
}

enum mc_code import_ratings(struct app *app, FILE *in,
			    struct import_stats *stats, struct mc_err *err)
{
	return import_lines(app, in, rating_line, NULL, stats, err);
}

/* ---- feedback ----------------------------------------------------------- */

static enum mc_code feedback_line(struct app *app, const char *line, size_t len,
				  void *ctx, bool *created, struct mc_err *err)
{
	static const char *const keys[] = {
		"id",          "unit",    "dossier", "received_at",
		"answered_at", "outcome", NULL};
	(void)ctx;
	*created = true;
	json_t *o;
	enum mc_code rc = load(line, len, &o, keys, err);
	if (rc)
		return rc;
	struct feedback f = {0};
	if (!(rc = text(o, "id", true, &f.id, err)) &&
	    !(rc = text(o, "unit", true, &f.unit_code, err)) &&
	    !(rc = text(o, "dossier", false, &f.dossier_code, err)) &&
	    !(rc = instant(o, "received_at", true, &f.received_at, err)) &&
	    !(rc = instant(o, "answered_at", false, &f.answered_at, err)) &&
	    !(rc = text(o, "outcome", false, &f.outcome, err))) {
		if (f.answered_at != MC_NO_TIME &&
		    f.answered_at < f.received_at)
			rc = bad(err, "answered_at", "is before received_at");
		else
			rc = store_feedback_put(app->st, &f, err);
	}
	json_decref(o);
	return rc;
}

enum mc_code import_feedback(struct app *app, FILE *in,
			     struct import_stats *stats, struct mc_err *err)
{
	return import_lines(app, in, feedback_line, NULL, stats, err);
}

/* ---- targets ------------------------------------------------------------ */

/* A percentage 0-100 with at most two decimals, as hundredths. */
static enum mc_code percent(json_t *v, const char *field, int64_t *out,
			    struct mc_err *err)
{
	if (!json_is_number(v))
		return bad(err, field, "must be a percentage 0-100");
	double x = json_number_value(v), h = round(x * 100.0);
	if (!(x >= 0.0 && x <= 100.0))
		return bad(err, field, "must be a percentage 0-100");
	if (fabs(x * 100.0 - h) > 1e-6)
		return bad(err, field, "has more than two decimals");
	*out = (int64_t)h;
	return MC_OK;
}

enum mc_code index_target_check_input(const char *period, const char *indicator,
				      struct mc_err *err)
{
	struct report_period p;
	if (report_period_parse(period, 1, &p, "period", err))
		return MC_ERR_INPUT;
	if (index_indicator_parse(indicator) < 0)
		return bad(err, "indicator", "is not a known indicator");
	return MC_OK;
}

static enum mc_code target_line(struct app *app, const char *line, size_t len,
				void *ctx, bool *created, struct mc_err *err)
{
	static const char *const keys[] = {"unit", "period", "indicator",
					   "value", NULL};
	(void)ctx;
	*created = true;
	json_t *o;
	enum mc_code rc = load(line, len, &o, keys, err);
	if (rc)
		return rc;
	const char *unit, *period, *ind;
	int64_t value = 0;
	if (!(rc = text(o, "unit", true, &unit, err)) &&
	    !(rc = text(o, "period", true, &period, err)) &&
	    !(rc = text(o, "indicator", true, &ind, err)) &&
	    !(rc = index_target_check_input(period, ind, err)) &&
	    !(rc = percent(json_object_get(o, "value"), "value", &value, err)))
		rc = store_target_put(app->st, unit, period, ind, value, err);
	json_decref(o);
	return rc;
}

enum mc_code import_targets(struct app *app, FILE *in,
			    struct import_stats *stats, struct mc_err *err)
{
	return import_lines(app, in, target_line, NULL, stats, err);
}

/* ---- the index fields of a procedure line -------------------------------- */

#define MAX_OFFERS 256

/* A level as the unit format names it ("district") or as a number 1-3;
 * 0 when it is neither. */
static int offer_level(json_t *v)
{
	enum unit_level named;
	if (json_is_string(v))
		return unit_level_parse(json_string_value(v), &named, "levels",
					NULL) == MC_OK
			       ? (int)named
			       : 0;
	json_int_t l = json_integer_value(v);
	return json_is_integer(v) && l >= 1 && l <= 3 ? (int)l : 0;
}

static enum mc_code offers(struct store *st, json_t *o, const char *code,
			   struct mc_err *err)
{
	json_t *units = json_object_get(o, "units");
	json_t *levels = json_object_get(o, "levels"), *v;
	if (!units && !levels)
		return MC_OK;
	if ((units && !json_is_array(units)) ||
	    (levels && !json_is_array(levels)))
		return bad(err,
			   units && !json_is_array(units) ? "units" : "levels",
			   "must be an array");
	struct procedure_offer list[MAX_OFFERS];
	size_t n = 0, i;
	if (json_array_size(units) + json_array_size(levels) > MAX_OFFERS)
		return bad(err, "units", "lists more than 256 offers");
	json_array_foreach (units, i, v) {
		if (!json_is_string(v))
			return bad(err, "units", "must list unit codes");
		list[n++] = (struct procedure_offer){json_string_value(v), 0};
	}
	json_array_foreach (levels, i, v) {
		int l = offer_level(v);
		if (!l)
			return bad(err, "levels",
				   "must list levels 1-3 or province, "
				   "district, commune");
		list[n++] = (struct procedure_offer){NULL, l};
	}
	enum mc_code rc = store_offers_set(st, code, list, n, err);
	if (rc == MC_ERR_NOT_FOUND)
		return bad(err, "units", "names a unit that is not known");
	return rc;
}

static enum mc_code publication(struct store *st, json_t *o, const char *code,
				struct mc_err *err)
{
	static const char *const keys[] = {"decided", "effective",
					   "publicized"};
	json_t *pub = json_object_get(o, "publication");
	if (!pub || json_is_null(pub))
		return MC_OK;
	if (!json_is_object(pub))
		return bad(err, "publication", "must be an object");
	const char *key;
	json_t *v;
	json_object_foreach (pub, key, v) {
		size_t i = 0;
		while (i < 3 && strcmp(keys[i], key) != 0)
			i++;
		if (i == 3)
			return bad(err, "publication", "has an unknown field");
	}
	struct procedure_publication p = {.procedure_code = code};
	enum mc_code rc;
	if ((rc = date(pub, "decided", true, &p.decided, err)) ||
	    (rc = date(pub, "effective", false, &p.effective, err)) ||
	    (rc = date(pub, "publicized", false, &p.publicized, err))) {
		mc_err_prefix_field(err, "publication.");
		return rc;
	}
	return store_publication_put(st, &p, err);
}

enum mc_code index_procedure_line(struct app *app, const char *line, size_t len,
				  const char *procedure_code,
				  struct mc_err *err)
{
	struct store *st = app->st;
	json_t *o = json_loadb(line, len, 0, NULL);
	enum mc_code rc = offers(st, o, procedure_code, err);
	if (!rc)
		rc = publication(st, o, procedure_code, err);
	json_decref(o);
	return rc;
}
