/*
 * holiday_rules.c - parse the holiday rules document (see
 * holiday_rules.h and data/holiday-rules.json for the format).
 *
 * The document is checked strictly, unknown fields included, because a
 * typo in a rule would otherwise silently change which days are off; every
 * error names the field by its path in the document.
 */
#include "io/holiday_rules.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "io/json_doc.h"

extern const char mc_holiday_rules_json[], mc_holiday_rules_json_end[];

#define NAME_MAX_BYTES 80 /* leaves room for "Nghỉ bù " in 96 bytes */

static enum mc_code bad(struct mc_err *err, const char *field, const char *why)
{
	return mc_fail(err, MC_ERR_INPUT, field, "holiday rules: %s: %s", field,
		       why);
}

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

static enum mc_code get_int(json_t *obj, const char *key, int lo, int hi,
			    int *out, const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v))
		return bad(err, json_path_key(&p, base, key),
			   "must be an integer");
	json_int_t x = json_integer_value(v);
	if (x < lo || x > hi) {
		char why[64];
		snprintf(why, sizeof(why), "must be between %d and %d", lo, hi);
		return bad(err, json_path_key(&p, base, key), why);
	}
	*out = (int)x;
	return MC_OK;
}

/* A required name: non-empty and short enough for struct calendar_day. */
static enum mc_code get_name(json_t *obj, const char *key, char **out,
			     const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(err, json_path_key(&p, base, key),
			   "must be a non-empty string");
	if (json_string_length(v) > NAME_MAX_BYTES)
		return bad(err, json_path_key(&p, base, key),
			   "is longer than 80 bytes");
	return str_set(out, json_string_value(v)) ? MC_OK : nomem(err);
}

/* "MM-DD"; `lunar` allows day 30 of any month, solar checks the month
 * length in a leap year (29/2 is then skipped in common years). */
static enum mc_code get_month_day(json_t *obj, bool lunar, int *m, int *d,
				  const char *base, struct mc_err *err)
{
	struct json_path p;
	const char *s = json_string_value(json_object_get(obj, "date"));
	if (!s || strlen(s) != 5 || s[2] != '-' ||
	    sscanf(s, "%2d-%2d", m, d) != 2 || *m < 1 || *m > 12 || *d < 1 ||
	    (lunar ? *d > 30 : !civil_valid(2000, *m, *d)))
		return bad(err, json_path_key(&p, base, "date"),
			   lunar ? "must be a lunar \"MM-DD\" (day 1-30)"
				 : "must be a date \"MM-DD\"");
	return MC_OK;
}

static const char *const fixed_keys[] = {"date", "name", "note", NULL};

static enum mc_code parse_fixed(json_t *v, bool lunar, struct holiday_fixed *f,
				const char *base, struct mc_err *err)
{
	enum mc_code rc;
	if (!json_is_object(v))
		return bad(err, base, "must be an object");
	if ((rc = json_only_keys(v, fixed_keys, base, "holiday rules", err)) ||
	    (rc = get_month_day(v, lunar, &f->month, &f->day, base, err)))
		return rc;
	return get_name(v, "name", &f->name, base, err);
}

/* An optional array of fixed days under `key`. */
static enum mc_code parse_fixed_list(json_t *set, const char *key, bool lunar,
				     struct holiday_fixed **items, size_t *n,
				     size_t *cap, const char *base,
				     struct mc_err *err)
{
	struct json_path p, q;
	json_t *arr = json_object_get(set, key), *v;
	size_t i;
	if (!arr)
		return MC_OK;
	if (!json_is_array(arr))
		return bad(err, json_path_key(&p, base, key),
			   "must be an array");
	json_path_key(&p, base, key);
	json_array_foreach (arr, i, v) {
		struct holiday_fixed *f = ARRAY_PUSH(*items, *n, *cap);
		if (!f)
			return nomem(err);
		enum mc_code rc = parse_fixed(v, lunar, f,
					      json_path_index(&q, p.s, i), err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static enum mc_code parse_weekdays(json_t *arr, unsigned *mask,
				   const char *base, struct mc_err *err)
{
	static const char *const names[] = {"monday",   "tuesday", "wednesday",
					    "thursday", "friday",  "saturday",
					    "sunday"};
	struct json_path p, q;
	json_t *v;
	size_t i;
	*mask = 0;
	if (!arr)
		return MC_OK;
	if (!json_is_array(arr))
		return bad(err, json_path_key(&p, base, "before_on"),
			   "must be an array");
	json_path_key(&p, base, "before_on");
	json_array_foreach (arr, i, v) {
		const char *s = json_string_value(v);
		int w = 0;
		for (int k = 0; k < 7 && s && !w; k++)
			if (strcmp(s, names[k]) == 0)
				w = k + 1;
		if (!w)
			return bad(err, json_path_index(&q, p.s, i),
				   "must be a weekday name (\"monday\" ...)");
		*mask |= 1u << w;
	}
	return MC_OK;
}

static const char *const adjacent_keys[] = {"date", "name", "before_on", "note",
					    NULL};

static enum mc_code parse_adjacent(json_t *set, struct holiday_rule_set *s,
				   const char *base, struct mc_err *err)
{
	struct json_path p, q;
	json_t *arr = json_object_get(set, "adjacent"), *v;
	size_t i;
	enum mc_code rc;
	if (!arr)
		return MC_OK;
	if (!json_is_array(arr))
		return bad(err, json_path_key(&p, base, "adjacent"),
			   "must be an array");
	json_path_key(&p, base, "adjacent");
	json_array_foreach (arr, i, v) {
		const char *b = json_path_index(&q, p.s, i);
		struct holiday_adjacent *a =
			ARRAY_PUSH(s->adjacent, s->n_adjacent, s->cap_adjacent);
		if (!a)
			return nomem(err);
		if (!json_is_object(v))
			return bad(err, b, "must be an object");
		if ((rc = json_only_keys(v, adjacent_keys, b, "holiday rules",
					 err)) ||
		    (rc = get_month_day(v, false, &a->month, &a->day, b,
					err)) ||
		    (rc = get_name(v, "name", &a->name, b, err)) ||
		    (rc = parse_weekdays(json_object_get(v, "before_on"),
					 &a->before_on, b, err)))
			return rc;
	}
	return MC_OK;
}

static const char *const tet_keys[] = {"name", "first", "days", "note", NULL};

static enum mc_code parse_tet(json_t *set, struct holiday_rule_set *s,
			      const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *tet = json_object_get(set, "tet");
	enum mc_code rc;
	const char *b = json_path_key(&p, base, "tet");
	if (!json_is_object(tet))
		return bad(err, b, "must be an object {name, first, days}");
	if ((rc = json_only_keys(tet, tet_keys, b, "holiday rules", err)) ||
	    (rc = get_name(tet, "name", &s->tet_name, b, err)) ||
	    (rc = get_int(tet, "first", -5, 5, &s->tet_first, b, err)))
		return rc;
	return get_int(tet, "days", 0, 10, &s->tet_days, b, err);
}

static const char *const comp_keys[] = {"enabled", "prefix", "note", NULL};

static enum mc_code parse_compensatory(json_t *set, struct holiday_rule_set *s,
				       const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *c = json_object_get(set, "compensatory");
	enum mc_code rc;
	const char *b = json_path_key(&p, base, "compensatory");
	if (!json_is_object(c))
		return bad(err, b, "must be an object {enabled, prefix}");
	if ((rc = json_only_keys(c, comp_keys, b, "holiday rules", err)))
		return rc;
	json_t *en = json_object_get(c, "enabled");
	if (!json_is_boolean(en)) {
		struct json_path q;
		return bad(err, json_path_key(&q, b, "enabled"),
			   "must be true or false");
	}
	s->compensatory = json_is_true(en);
	return get_name(c, "prefix", &s->compensatory_prefix, b, err);
}

static const char *const set_keys[] = {"from_year", "source",       "note",
				       "solar",     "lunar",        "adjacent",
				       "tet",       "compensatory", NULL};

static enum mc_code parse_set(json_t *v, struct holiday_rule_set *s,
			      int prev_year, const char *b, struct mc_err *err)
{
	enum mc_code rc;
	struct json_path p;
	if (!json_is_object(v))
		return bad(err, b, "must be an object");
	if ((rc = json_only_keys(v, set_keys, b, "holiday rules", err)) ||
	    (rc = get_int(v, "from_year", 1900, 2100, &s->from_year, b, err)))
		return rc;
	if (s->from_year <= prev_year)
		return bad(err, json_path_key(&p, b, "from_year"),
			   "must be later than the previous rule set's");
	json_t *src = json_object_get(v, "source");
	if (src && !json_is_string(src))
		return bad(err, json_path_key(&p, b, "source"),
			   "must be a string");
	if (src && !str_set(&s->source, json_string_value(src)))
		return nomem(err);
	if (!json_is_array(json_object_get(v, "solar")))
		return bad(err, json_path_key(&p, b, "solar"),
			   "must be an array");
	if ((rc = parse_fixed_list(v, "solar", false, &s->solar, &s->n_solar,
				   &s->cap_solar, b, err)) ||
	    (rc = parse_fixed_list(v, "lunar", true, &s->lunar, &s->n_lunar,
				   &s->cap_lunar, b, err)) ||
	    (rc = parse_adjacent(v, s, b, err)) ||
	    (rc = parse_tet(v, s, b, err)))
		return rc;
	return parse_compensatory(v, s, b, err);
}

static const char *const root_keys[] = {"version", "note", "rule_sets", NULL};

static enum mc_code parse_root(json_t *root, struct holiday_rules *r,
			       struct mc_err *err)
{
	enum mc_code rc;
	int version;
	json_t *sets, *v;
	size_t i;
	if (!json_is_object(root))
		return bad(err, "holiday_rules", "must be a JSON object");
	if ((rc = json_only_keys(root, root_keys, "", "holiday rules", err)) ||
	    (rc = get_int(root, "version", 1, 1, &version, "", err)))
		return rc;
	sets = json_object_get(root, "rule_sets");
	if (!json_is_array(sets) || json_array_size(sets) == 0)
		return bad(err, "rule_sets", "must be a non-empty array");
	json_array_foreach (sets, i, v) {
		struct json_path p;
		int prev = r->n ? r->sets[r->n - 1].from_year : 0;
		struct holiday_rule_set *s = ARRAY_PUSH(r->sets, r->n, r->cap);
		if (!s)
			return nomem(err);
		rc = parse_set(v, s, prev, json_path_index(&p, "rule_sets", i),
			       err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

enum mc_code holiday_rules_parse(const char *json, size_t len,
				 struct holiday_rules **out, struct mc_err *err)
{
	json_error_t jerr;
	*out = NULL;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return mc_fail(err, MC_ERR_INPUT, "holiday_rules",
			       "holiday_rules: not valid JSON at line %d "
			       "column %d: %s",
			       jerr.line, jerr.column, jerr.text);
	struct holiday_rules *r = calloc(1, sizeof(*r));
	enum mc_code rc = r ? parse_root(root, r, err) : nomem(err);
	json_decref(root);
	if (rc) {
		holiday_rules_free(r);
		return rc;
	}
	*out = r;
	return MC_OK;
}

enum mc_code holiday_rules_default(struct holiday_rules **out,
				   struct mc_err *err)
{
	size_t len =
		(size_t)(mc_holiday_rules_json_end - mc_holiday_rules_json);
	return holiday_rules_parse(mc_holiday_rules_json, len, out, err);
}

static void free_fixed(struct holiday_fixed *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i].name);
	free(f);
}

void holiday_rules_free(struct holiday_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct holiday_rule_set *s = &r->sets[i];
		free_fixed(s->solar, s->n_solar);
		free_fixed(s->lunar, s->n_lunar);
		for (size_t k = 0; k < s->n_adjacent; k++)
			free(s->adjacent[k].name);
		free(s->adjacent);
		free(s->source);
		free(s->tet_name);
		free(s->compensatory_prefix);
	}
	free(r->sets);
	free(r);
}
