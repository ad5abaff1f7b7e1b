/*
 * holiday_decisions.c - parse the Government's holiday decisions (see
 * holiday_decisions.h and data/holiday-decisions.json for the format).
 *
 * Checked strictly, unknown fields included: a wrong day off moves real
 * due dates. Every block names a notice listed in the document; a day is
 * given once in the whole document; a day worked is a Saturday or Sunday
 * and the weekday it is exchanged for is one of its block's days off.
 * Every error names the field by its path in the document.
 */
#include "io/holiday_decisions.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "io/json_doc.h"

extern const char mc_holiday_decisions_json[], mc_holiday_decisions_json_end[];

#define NAME_MAX_BYTES 80 /* fits struct calendar_day's name */
#define ID_MAX_BYTES 40
#define SPAN_MAX_DAYS 31 /* one break, not a season */
#define YEAR_MARGIN 31   /* a block's days may reach into the next year */

static enum mc_code bad(struct mc_err *err, const char *field, const char *why)
{
	return mc_fail(err, MC_ERR_INPUT, field, "holiday decisions: %s: %s",
		       field, why);
}

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

/* A string under key: required non-empty unless `optional`, at most max
 * bytes; *out stays NULL when optional and absent. */
static enum mc_code get_text(json_t *obj, const char *key, bool optional,
			     size_t max, char **out, const char *base,
			     struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, key);
	if (!v && optional)
		return MC_OK;
	if (!json_is_string(v) || json_string_length(v) == 0)
		return bad(err, json_path_key(&p, base, key),
			   "must be a non-empty string");
	if (json_string_length(v) > max) {
		char why[48];
		snprintf(why, sizeof(why), "is longer than %zu bytes", max);
		return bad(err, json_path_key(&p, base, key), why);
	}
	return str_set(out, json_string_value(v)) ? MC_OK : nomem(err);
}

static enum mc_code get_year(json_t *obj, int *year, const char *base,
			     struct mc_err *err)
{
	struct json_path p;
	json_t *v = json_object_get(obj, "year");
	if (!json_is_integer(v) || json_integer_value(v) < 1900 ||
	    json_integer_value(v) > 2100)
		return bad(err, json_path_key(&p, base, "year"),
			   "must be a year in 1900-2100");
	*year = (int)json_integer_value(v);
	return MC_OK;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD", each part valid. */
static bool partial_date_ok(const char *s)
{
	int y, m = 1, d = 1;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	if (n != 4 && n != 7 && n != 10)
		return false;
	y = atoi(s);
	if (n >= 7)
		m = atoi(s + 5);
	if (n == 10)
		d = atoi(s + 8);
	return y >= 1900 && y <= 2100 && civil_valid(y, m, d);
}

static const char *const notice_keys[] = {"id",   "kind",   "title", "issuer",
					  "date", "source", "note",  NULL};

static enum mc_code parse_notice(json_t *v, struct holiday_decisions *d,
				 const char *b, struct mc_err *err)
{
	struct json_path p;
	enum mc_code rc;
	struct holiday_notice *n =
		ARRAY_PUSH(d->notices, d->n_notices, d->cap_notices);
	if (!n)
		return nomem(err);
	if (!json_is_object(v))
		return bad(err, b, "must be an object");
	if ((rc = json_only_keys(v, notice_keys, b, "holiday decisions",
				 err)) ||
	    (rc = get_text(v, "id", false, ID_MAX_BYTES, &n->id, b, err)) ||
	    (rc = get_text(v, "title", false, 400, &n->title, b, err)) ||
	    (rc = get_text(v, "issuer", false, 200, &n->issuer, b, err)) ||
	    (rc = get_text(v, "date", true, 10, &n->date, b, err)) ||
	    (rc = get_text(v, "source", false, 400, &n->source, b, err)))
		return rc;
	const char *kind = json_string_value(json_object_get(v, "kind"));
	if (!kind || (strcmp(kind, "law") && strcmp(kind, "notice")))
		return bad(err, json_path_key(&p, b, "kind"),
			   "must be \"notice\" or \"law\"");
	n->law = strcmp(kind, "law") == 0;
	if (n->date && !partial_date_ok(n->date))
		return bad(err, json_path_key(&p, b, "date"),
			   "must be \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\"");
	for (size_t i = 0; i + 1 < d->n_notices; i++)
		if (strcmp(d->notices[i].id, n->id) == 0)
			return bad(err, json_path_key(&p, b, "id"),
				   "is given twice");
	return MC_OK;
}

static enum mc_code parse_notices(json_t *root, struct holiday_decisions *d,
				  struct mc_err *err)
{
	json_t *arr = json_object_get(root, "notices"), *v;
	size_t i;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return bad(err, "notices", "must be a non-empty array");
	json_array_foreach (arr, i, v) {
		struct json_path p;
		enum mc_code rc = parse_notice(
			v, d, json_path_index(&p, "notices", i), err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

/* A block's day: inside its year, give or take YEAR_MARGIN days. */
static bool day_in_reach(int64_t day, int year)
{
	return day >= civil_days(year, 1, 1) - YEAR_MARGIN &&
	       day < civil_days(year + 1, 1, 1) + YEAR_MARGIN;
}

static enum mc_code add_day(struct holiday_decisions *d, int64_t day,
			    bool working, int64_t swap, const char *field,
			    struct mc_err *err)
{
	for (size_t i = 0; i < d->n_days; i++)
		if (d->days[i].day == day) {
			char buf[CIVIL_BUF], why[64];
			snprintf(why, sizeof(why), "%s is given twice",
				 civil_format_date(day, buf));
			return bad(err, field, why);
		}
	struct holiday_decision_day *dd =
		ARRAY_PUSH(d->days, d->n_days, d->cap_days);
	if (!dd)
		return nomem(err);
	*dd = (struct holiday_decision_day){
		.day = day,
		.working = working,
		.swap = swap,
		.block = d->n_blocks - 1,
	};
	return MC_OK;
}

/* "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD". */
static enum mc_code parse_off(json_t *v, struct holiday_decisions *d, int year,
			      const char *b, struct mc_err *err)
{
	const char *s = json_string_value(v);
	char a[11] = {0};
	int64_t from, to;
	struct mc_err ignored;
	const char *form =
		"must be \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\"";
	if (!s ||
	    (strlen(s) != 10 && (strlen(s) != 22 || strncmp(s + 10, "..", 2))))
		return bad(err, b, form);
	memcpy(a, s, 10);
	if (civil_parse_date(a, &from, b, &ignored) ||
	    civil_parse_date(strlen(s) == 22 ? s + 12 : a, &to, b, &ignored))
		return bad(err, b, form);
	if (to < from || to - from >= SPAN_MAX_DAYS)
		return bad(err, b, "a span must run forward, at most 31 days");
	if (!day_in_reach(from, year) || !day_in_reach(to, year))
		return bad(err, b, "lies outside the block's year");
	for (int64_t day = from; day <= to; day++) {
		enum mc_code rc = add_day(d, day, false, 0, b, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static const char *const working_keys[] = {"date", "for", NULL};

/* {"date": a Saturday or Sunday worked, "for": a weekday off of this
 * block}; days_from is where the block's days begin in d->days. */
static enum mc_code parse_working(json_t *v, struct holiday_decisions *d,
				  int year, size_t days_from, const char *b,
				  struct mc_err *err)
{
	struct json_path p, q;
	int64_t day, swap;
	enum mc_code rc;
	const char *fd = json_path_key(&p, b, "date");
	const char *ff = json_path_key(&q, b, "for");
	if (!json_is_object(v))
		return bad(err, b, "must be an object {date, for}");
	if ((rc = json_only_keys(v, working_keys, b, "holiday decisions", err)))
		return rc;
	if (civil_parse_date(json_string_value(json_object_get(v, "date")),
			     &day, fd, err))
		return bad(err, fd, "must be a date \"YYYY-MM-DD\"");
	if (civil_parse_date(json_string_value(json_object_get(v, "for")),
			     &swap, ff, err))
		return bad(err, ff, "must be a date \"YYYY-MM-DD\"");
	if (civil_weekday(day) < 6)
		return bad(err, fd,
			   "a day worked must be a Saturday or Sunday");
	if (!day_in_reach(day, year))
		return bad(err, fd, "lies outside the block's year");
	struct holiday_decision_day *off = NULL;
	for (size_t i = days_from; i < d->n_days; i++)
		if (!d->days[i].working && d->days[i].day == swap)
			off = &d->days[i];
	if (!off || civil_weekday(swap) >= 6)
		return bad(err, ff,
			   "must be a weekday among the block's days off");
	if (off->swap)
		return bad(err, ff, "is already exchanged for another day");
	off->swap = day;
	return add_day(d, day, true, swap, fd, err);
}

/* An optional array under key, each element handed to one of the
 * parsers above. */
static enum mc_code each_entry(json_t *blk, const char *key, bool required,
			       struct holiday_decisions *d, int year,
			       size_t days_from, const char *base,
			       struct mc_err *err)
{
	struct json_path p, q;
	json_t *arr = json_object_get(blk, key), *v;
	size_t i;
	const char *b = json_path_key(&p, base, key);
	if (!arr && !required)
		return MC_OK;
	if (!json_is_array(arr) || (required && json_array_size(arr) == 0))
		return bad(err, b,
			   required ? "must be a non-empty array"
				    : "must be an array");
	json_array_foreach (arr, i, v) {
		const char *e = json_path_index(&q, b, i);
		enum mc_code rc =
			required ? parse_off(v, d, year, e, err)
				 : parse_working(v, d, year, days_from, e, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static const char *const block_keys[] = {"name",    "notice", "off",
					 "working", "note",   NULL};

static enum mc_code parse_block(json_t *v, struct holiday_decisions *d,
				int year, const char *b, struct mc_err *err)
{
	struct json_path p;
	enum mc_code rc;
	char *notice = NULL;
	struct holiday_block *blk =
		ARRAY_PUSH(d->blocks, d->n_blocks, d->cap_blocks);
	if (!blk)
		return nomem(err);
	blk->year = year;
	if (!json_is_object(v))
		return bad(err, b, "must be an object");
	if ((rc = json_only_keys(v, block_keys, b, "holiday decisions", err)) ||
	    (rc = get_text(v, "name", false, NAME_MAX_BYTES, &blk->name, b,
			   err)) ||
	    (rc = get_text(v, "notice", false, ID_MAX_BYTES, &notice, b, err)))
		return rc;
	size_t k = 0;
	while (k < d->n_notices && strcmp(d->notices[k].id, notice) != 0)
		k++;
	free(notice);
	if (k == d->n_notices)
		return bad(err, json_path_key(&p, b, "notice"),
			   "is not the id of a notice listed under notices");
	blk->notice = k;
	size_t days_from = d->n_days;
	if ((rc = each_entry(v, "off", true, d, year, days_from, b, err)))
		return rc;
	return each_entry(v, "working", false, d, year, days_from, b, err);
}

static const char *const year_keys[] = {"year", "blocks", "note", NULL};

static enum mc_code parse_year(json_t *v, struct holiday_decisions *d,
			       const char *b, struct mc_err *err)
{
	struct json_path p, q;
	enum mc_code rc;
	int year;
	json_t *blocks, *bv;
	size_t i;
	if (!json_is_object(v))
		return bad(err, b, "must be an object {year, blocks}");
	if ((rc = json_only_keys(v, year_keys, b, "holiday decisions", err)) ||
	    (rc = get_year(v, &year, b, err)))
		return rc;
	if (d->n_years && year <= d->years[d->n_years - 1])
		return bad(err, json_path_key(&p, b, "year"),
			   "must be later than the previous year's");
	int *y = ARRAY_PUSH(d->years, d->n_years, d->cap_years);
	if (!y)
		return nomem(err);
	*y = year;
	blocks = json_object_get(v, "blocks");
	const char *bb = json_path_key(&p, b, "blocks");
	if (!json_is_array(blocks) || json_array_size(blocks) == 0)
		return bad(err, bb, "must be a non-empty array");
	json_array_foreach (blocks, i, bv) {
		if ((rc = parse_block(bv, d, year, json_path_index(&q, bb, i),
				      err)))
			return rc;
	}
	return MC_OK;
}

static const char *const missing_keys[] = {"year", "note", NULL};

/* Years (or parts of one) the sources did not settle: checked for form;
 * the notes are for people. */
static enum mc_code parse_missing(json_t *root, struct mc_err *err)
{
	json_t *arr = json_object_get(root, "missing"), *v;
	size_t i;
	if (!arr)
		return MC_OK;
	if (!json_is_array(arr))
		return bad(err, "missing", "must be an array");
	json_array_foreach (arr, i, v) {
		struct json_path p;
		const char *b = json_path_index(&p, "missing", i);
		int year;
		char *note = NULL;
		enum mc_code rc;
		if (!json_is_object(v))
			return bad(err, b, "must be an object {year, note}");
		if ((rc = json_only_keys(v, missing_keys, b,
					 "holiday decisions", err)) ||
		    (rc = get_year(v, &year, b, err)) ||
		    (rc = get_text(v, "note", false, 1000, &note, b, err)))
			return rc;
		free(note);
	}
	return MC_OK;
}

static int cmp_day(const void *a, const void *b)
{
	const struct holiday_decision_day *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

static const char *const root_keys[] = {"version", "note",  "missing",
					"notices", "years", NULL};

static enum mc_code parse_root(json_t *root, struct holiday_decisions *d,
			       struct mc_err *err)
{
	enum mc_code rc;
	json_t *years, *v;
	size_t i;
	if (!json_is_object(root))
		return bad(err, "holiday_decisions", "must be a JSON object");
	if ((rc = json_only_keys(root, root_keys, "", "holiday decisions",
				 err)))
		return rc;
	json_t *ver = json_object_get(root, "version");
	if (!json_is_integer(ver) || json_integer_value(ver) != 1)
		return bad(err, "version", "must be 1");
	if ((rc = parse_notices(root, d, err)) ||
	    (rc = parse_missing(root, err)))
		return rc;
	years = json_object_get(root, "years");
	if (!json_is_array(years))
		return bad(err, "years", "must be an array");
	json_array_foreach (years, i, v) {
		struct json_path p;
		if ((rc = parse_year(v, d, json_path_index(&p, "years", i),
				     err)))
			return rc;
	}
	if (d->n_days)
		qsort(d->days, d->n_days, sizeof(d->days[0]), cmp_day);
	return MC_OK;
}

enum mc_code holiday_decisions_parse(const char *json, size_t len,
				     struct holiday_decisions **out,
				     struct mc_err *err)
{
	json_error_t jerr;
	*out = NULL;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return mc_fail(err, MC_ERR_INPUT, "holiday_decisions",
			       "holiday_decisions: not valid JSON at line %d "
			       "column %d: %s",
			       jerr.line, jerr.column, jerr.text);
	struct holiday_decisions *d = calloc(1, sizeof(*d));
	enum mc_code rc = d ? parse_root(root, d, err) : nomem(err);
	json_decref(root);
	if (rc) {
		holiday_decisions_free(d);
		return rc;
	}
	*out = d;
	return MC_OK;
}

enum mc_code holiday_decisions_default(struct holiday_decisions **out,
				       struct mc_err *err)
{
	size_t len = (size_t)(mc_holiday_decisions_json_end -
			      mc_holiday_decisions_json);
	return holiday_decisions_parse(mc_holiday_decisions_json, len, out,
				       err);
}

void holiday_decisions_free(struct holiday_decisions *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_notices; i++) {
		struct holiday_notice *n = &d->notices[i];
		free(n->id);
		free(n->title);
		free(n->issuer);
		free(n->date);
		free(n->source);
	}
	for (size_t i = 0; i < d->n_blocks; i++)
		free(d->blocks[i].name);
	free(d->notices);
	free(d->blocks);
	free(d->days);
	free(d->years);
	free(d);
}
