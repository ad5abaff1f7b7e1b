/*
 * index_rules.c - parse the service index rules document (see
 * index_rules.h and data/index-rules.json for the format).
 *
 * Checked strictly, unknown fields included: a typo in a weight would
 * otherwise silently re-rank every agency. Every error names the field
 * by its path in the document. Percentages and points may carry two
 * decimals; they become exact hundredths here.
 */
#include "io/index_rules.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "io/json_doc.h"

extern const char mc_index_rules_json[], mc_index_rules_json_end[];

static enum mc_code bad(struct mc_err *err, const char *field, const char *why)
{
	return mc_fail(err, MC_ERR_INPUT, field, "index rules: %s: %s", field,
		       why);
}

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

/* A number 0..max with at most two decimals, as hundredths. */
static enum mc_code get_hundredths(json_t *obj, const char *key, double max,
				   int64_t *out, const char *base,
				   struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		return bad(err, json_path_key(&p, base, key),
			   "must be a number");
	double x = json_number_value(v);
	double h = round(x * 100.0);
	if (!(x >= 0.0 && x <= max)) {
		char why[64];
		snprintf(why, sizeof(why), "must be between 0 and %g", max);
		return bad(err, json_path_key(&p, base, key), why);
	}
	if (fabs(x * 100.0 - h) > 1e-6)
		return bad(err, json_path_key(&p, base, key),
			   "has more than two decimals");
	*out = (int64_t)h;
	return MC_OK;
}

static enum mc_code get_text(json_t *obj, const char *key, char **out,
			     const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(err, json_path_key(&p, base, key),
			   "must be a non-empty string");
	return str_set(out, json_string_value(v)) ? MC_OK : nomem(err);
}

/* "YYYY-MM-DD", or null when `open` allows it. */
static enum mc_code get_date(json_t *obj, const char *key, bool open,
			     int64_t *out, const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	*out = MC_NO_TIME;
	if (open && (!v || json_is_null(v)))
		return MC_OK;
	const char *s = json_string_value(v);
	if (!s || civil_parse_date(s, out, "date", NULL))
		return bad(err, json_path_key(&p, base, key),
			   open ? "must be a date \"YYYY-MM-DD\" or null"
				: "must be a date \"YYYY-MM-DD\"");
	return MC_OK;
}

static const char *const rule_keys[] = {"points", "threshold", "note", NULL};

static enum mc_code parse_rule(json_t *v, const char *name, enum index_group g,
			       struct index_rule_set *s, const char *base,
			       struct mc_err *err)
{
	enum mc_code rc;
	int ind = index_indicator_parse(name);
	if (ind < 0)
		return bad(err, base, "is not a known indicator");
	for (size_t i = 0; i < s->n_rules; i++)
		if (s->rules[i].ind == (enum index_indicator)ind)
			return bad(err, base, "is scored twice");
	if (!json_is_object(v))
		return bad(err, base, "must be an object");
	struct index_rule r = {.ind = (enum index_indicator)ind, .group = g};
	if ((rc = json_only_keys(v, rule_keys, base, "index rules", err)) ||
	    (rc = get_hundredths(v, "points", 100, &r.points, base, err)) ||
	    (rc = get_hundredths(v, "threshold", 100, &r.threshold, base, err)))
		return rc;
	if (r.threshold == 0) {
		struct json_path p;
		return bad(err, json_path_key(&p, base, "threshold"),
			   "must be above 0");
	}
	struct index_rule *slot =
		ARRAY_PUSH(s->rules, s->n_rules, s->cap_rules);
	if (!slot)
		return nomem(err);
	*slot = r;
	return MC_OK;
}

static const char *const group_keys[] = {"weight", "indicators", "note", NULL};

/* A group: its weight, and indicators whose points add up to it. */
static enum mc_code parse_group(json_t *v, enum index_group g,
				struct index_rule_set *s, const char *base,
				struct mc_err *err)
{
	struct json_path p, q;
	enum mc_code rc;
	if (!json_is_object(v))
		return bad(err, base, "must be an object");
	if ((rc = json_only_keys(v, group_keys, base, "index rules", err)) ||
	    (rc = get_hundredths(v, "weight", 100, &s->weight[g], base, err)))
		return rc;
	json_t *inds = json_object_get(v, "indicators"), *r;
	if (!json_is_object(inds))
		return bad(err, json_path_key(&p, base, "indicators"),
			   "must be an object");
	json_path_key(&p, base, "indicators");
	const char *name;
	int64_t sum = 0;
	size_t first = s->n_rules;
	json_object_foreach (inds, name, r) {
		if ((rc = parse_rule(r, name, g, s,
				     json_path_key(&q, p.s, name), err)))
			return rc;
	}
	for (size_t i = first; i < s->n_rules; i++)
		sum += s->rules[i].points;
	if (sum != s->weight[g]) {
		char why[96];
		snprintf(why, sizeof(why),
			 "is %lld.%02lld but its indicators' points add up to "
			 "%lld.%02lld",
			 (long long)(s->weight[g] / 100),
			 (long long)(s->weight[g] % 100),
			 (long long)(sum / 100), (long long)(sum % 100));
		return bad(err, json_path_key(&q, base, "weight"), why);
	}
	return MC_OK;
}

static enum mc_code parse_groups(json_t *set, struct index_rule_set *s,
				 const char *base, struct mc_err *err)
{
	struct json_path p, q;
	json_t *groups = json_object_get(set, "groups"), *v;
	if (!json_is_object(groups))
		return bad(err, json_path_key(&p, base, "groups"),
			   "must be an object");
	json_path_key(&p, base, "groups");
	const char *name;
	json_object_foreach (groups, name, v) {
		int g = index_group_parse(name);
		if (g < 0)
			return bad(err, json_path_key(&q, p.s, name),
				   "is not a known group");
	}
	int64_t total = 0;
	for (int g = 0; g < GRP__COUNT; g++) {
		const char *gname = index_group_name((enum index_group)g);
		v = json_object_get(groups, gname);
		if (!v)
			return bad(err, json_path_key(&q, p.s, gname),
				   "is missing");
		enum mc_code rc =
			parse_group(v, (enum index_group)g, s,
				    json_path_key(&q, p.s, gname), err);
		if (rc)
			return rc;
		total += s->weight[g];
	}
	if (total != 10000)
		return bad(err, p.s, "weights must add up to 100");
	return MC_OK;
}

static const char *const target_keys[] = {"indicator", "year", "level", "value",
					  "source",    "note", NULL};

static enum mc_code parse_target(json_t *v, struct index_rule_set *s,
				 const char *base, struct mc_err *err)
{
	struct json_path p;
	enum mc_code rc;
	if (!json_is_object(v))
		return bad(err, base, "must be an object");
	if ((rc = json_only_keys(v, target_keys, base, "index rules", err)))
		return rc;
	struct index_target t = {0};
	int ind = index_indicator_parse(
		json_string_value(json_object_get(v, "indicator")));
	if (ind < 0)
		return bad(err, json_path_key(&p, base, "indicator"),
			   "must name a known indicator");
	t.ind = (enum index_indicator)ind;
	json_t *y = json_object_get(v, "year"),
	       *l = json_object_get(v, "level");
	if (y && !json_is_null(y) &&
	    (!json_is_integer(y) || json_integer_value(y) < 1900 ||
	     json_integer_value(y) > 2100))
		return bad(err, json_path_key(&p, base, "year"),
			   "must be a year 1900-2100 or null");
	if (l && !json_is_null(l) &&
	    (!json_is_integer(l) || json_integer_value(l) < 1 ||
	     json_integer_value(l) > 3))
		return bad(err, json_path_key(&p, base, "level"),
			   "must be a level 1-3 or null");
	t.year = json_is_integer(y) ? (int)json_integer_value(y) : 0;
	t.level = json_is_integer(l) ? (int)json_integer_value(l) : 0;
	if ((rc = get_hundredths(v, "value", 100, &t.value, base, err)))
		return rc;
	struct index_target *slot =
		ARRAY_PUSH(s->targets, s->n_targets, s->cap_targets);
	if (!slot)
		return nomem(err);
	*slot = t;
	return MC_OK;
}

static enum mc_code parse_targets(json_t *set, struct index_rule_set *s,
				  const char *base, struct mc_err *err)
{
	struct json_path p, q;
	json_t *arr = json_object_get(set, "targets"), *v;
	size_t i;
	if (!arr)
		return MC_OK;
	if (!json_is_array(arr))
		return bad(err, json_path_key(&p, base, "targets"),
			   "must be an array");
	json_path_key(&p, base, "targets");
	json_array_foreach (arr, i, v) {
		enum mc_code rc =
			parse_target(v, s, json_path_index(&q, p.s, i), err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static const char *const set_keys[] = {
	"name",          "reference", "valid_from", "valid_to", "undefined",
	"feedback_days", "groups",    "targets",    "note",     NULL};

static enum mc_code parse_options(json_t *set, struct index_rule_set *s,
				  const char *base, struct mc_err *err)
{
	struct json_path p;
	json_t *u = json_object_get(set, "undefined");
	const char *us = u ? json_string_value(u) : "full";
	if (!us || (strcmp(us, "full") && strcmp(us, "zero")))
		return bad(err, json_path_key(&p, base, "undefined"),
			   "must be \"full\" or \"zero\"");
	s->undefined_full = strcmp(us, "full") == 0;
	json_t *fd = json_object_get(set, "feedback_days");
	s->feedback_days = 10;
	if (fd && (!json_is_integer(fd) || json_integer_value(fd) < 1 ||
		   json_integer_value(fd) > 365))
		return bad(err, json_path_key(&p, base, "feedback_days"),
			   "must be an integer 1-365");
	if (fd)
		s->feedback_days = (int)json_integer_value(fd);
	return MC_OK;
}

static enum mc_code parse_set(json_t *set, struct index_rule_set *s,
			      const char *base, struct mc_err *err)
{
	enum mc_code rc;
	if (!json_is_object(set))
		return bad(err, base, "must be an object");
	if ((rc = json_only_keys(set, set_keys, base, "index rules", err)) ||
	    (rc = get_text(set, "name", &s->name, base, err)) ||
	    (rc = get_text(set, "reference", &s->reference, base, err)) ||
	    (rc = get_date(set, "valid_from", false, &s->valid_from, base,
			   err)) ||
	    (rc = get_date(set, "valid_to", true, &s->valid_to, base, err)) ||
	    (rc = parse_options(set, s, base, err)) ||
	    (rc = parse_groups(set, s, base, err)))
		return rc;
	if (s->valid_to != MC_NO_TIME && s->valid_to < s->valid_from) {
		struct json_path p;
		return bad(err, json_path_key(&p, base, "valid_to"),
			   "is before valid_from");
	}
	return parse_targets(set, s, base, err);
}

/* Two sets in force on the same day would make the score ambiguous. */
static enum mc_code check_overlaps(const struct index_rules *r,
				   struct mc_err *err)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < i; j++) {
			const struct index_rule_set *a = &r->sets[j],
						    *b = &r->sets[i];
			bool before = a->valid_to != MC_NO_TIME &&
				      a->valid_to < b->valid_from;
			bool after = b->valid_to != MC_NO_TIME &&
				     b->valid_to < a->valid_from;
			if (!before && !after) {
				char f[48], why[64];
				snprintf(f, sizeof(f),
					 "rule_sets[%zu].valid_from", i);
				snprintf(why, sizeof(why),
					 "overlaps the dates of rule_sets[%zu]",
					 j);
				return bad(err, f, why);
			}
		}
	return MC_OK;
}

static enum mc_code parse_doc(json_t *doc, struct index_rules *out,
			      struct mc_err *err)
{
	static const char *const top_keys[] = {"version", "note", "rule_sets",
					       NULL};
	struct json_path p;
	enum mc_code rc;
	if (!json_is_object(doc))
		return bad(err, "", "the document must be an object");
	if ((rc = json_only_keys(doc, top_keys, "", "index rules", err)))
		return rc;
	json_t *sets = json_object_get(doc, "rule_sets"), *v;
	if (!json_is_array(sets) || json_array_size(sets) == 0)
		return bad(err, "rule_sets", "must be a non-empty array");
	size_t i;
	json_array_foreach (sets, i, v) {
		struct index_rule_set *s =
			ARRAY_PUSH(out->sets, out->n, out->cap);
		if (!s)
			return nomem(err);
		if ((rc = parse_set(v, s, json_path_index(&p, "rule_sets", i),
				    err)))
			return rc;
	}
	return check_overlaps(out, err);
}

enum mc_code index_rules_parse(const char *json, size_t len,
			       struct index_rules *out, struct mc_err *err)
{
	json_error_t je;
	memset(out, 0, sizeof(*out));
	json_t *doc = json_loadb(json, len, 0, &je);
	if (!doc)
		return mc_fail(err, MC_ERR_INPUT, "",
			       "index rules: line %d: %s", je.line, je.text);
	enum mc_code rc = parse_doc(doc, out, err);
	json_decref(doc);
	if (rc)
		index_rules_release(out);
	return rc;
}

enum mc_code index_rules_default(struct index_rules *out, struct mc_err *err)
{
	return index_rules_parse(
		mc_index_rules_json,
		(size_t)(mc_index_rules_json_end - mc_index_rules_json), out,
		err);
}
