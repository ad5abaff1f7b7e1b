/*
 * report.c - form II.06a arithmetic (see report.h).
 */
#include "core/report.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"

static bool accepted(const struct dossier *d)
{
	return d->received != MC_NO_TIME && d->status != ST_REGISTERED &&
	       d->status != ST_NOT_ACCEPTED;
}

/* Whether a supplement request was open at the end of day `day`. */
static bool supplement_open_at(const struct dossier *d, int64_t day)
{
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		if (civil_local_day(r->requested) > day)
			continue;
		if (r->completed == MC_NO_TIME ||
		    civil_local_day(r->completed) > day)
			return true;
	}
	return false;
}

/*
 * The due day, or NO_DUE when the dossier has none (an imported one the
 * old system gave no appointment): such a dossier is never late, so it
 * resolves on time and stays in time while open (import.md).
 */
#define NO_DUE INT64_MAX

static int64_t due_day(const struct dossier *d)
{
	return d->due == MC_NO_TIME ? NO_DUE : civil_local_day(d->due);
}

/* Early, on time or late by day; without a due date, on time. */
static int outcome_by_day(const struct dossier *d, int64_t end_day)
{
	int64_t due = due_day(d);
	if (due == NO_DUE || end_day == due)
		return 0;
	return end_day < due ? -1 : 1;
}

/* The day the open supplement request of d was made: its clock is
 * stopped from then on. INT64_MAX when no request is open. */
static int64_t paused_from(const struct dossier *d)
{
	if (!dossier_supplement_open(d))
		return INT64_MAX;
	return civil_local_day(d->supplements[d->n_supplements - 1].requested);
}

bool report_overdue(int64_t due, bool waiting, int64_t day)
{
	return !waiting && due != MC_NO_TIME && civil_local_day(due) < day;
}

int64_t report_overdue_cut(int64_t now)
{
	return civil_time_at(civil_local_day(now), 0);
}

bool report_dossier_overdue(const struct dossier *d, int64_t now)
{
	bool open = d->status == ST_ACCEPTED || d->status == ST_PROCESSING ||
		    d->status == ST_SUPPLEMENT || d->status == ST_FINANCIAL;
	return open && report_overdue(d->due, dossier_supplement_open(d),
				      civil_local_day(now));
}

struct report_period report_counted(struct report_period p, int64_t now,
				    int64_t *as_of)
{
	int64_t today = civil_local_day(now);
	*as_of = MC_NO_TIME;
	if (p.to < today)
		return p;
	*as_of = now - (now % 60 + 60) % 60;
	p.to = today;
	if (p.from > today)
		p.from = today + 1;
	return p;
}

static void add_new(struct report_row *row, const struct dossier *d,
		    enum online_level level)
{
	row->received_new++;
	switch (d->channel) {
	case CHANNEL_ONLINE:
		row->received_online++;
		if (level == ONLINE_FULL)
			row->received_online_full++;
		else
			row->received_online_partial++;
		break;
	case CHANNEL_POSTAL: row->received_postal++; break;
	case CHANNEL_DIRECT: row->received_direct++; break;
	}
}

static void add_ended(struct report_row *row, const struct dossier *d,
		      int64_t end_day)
{
	if (d->status == ST_WITHDRAWN) {
		row->withdrawn++;
		return;
	}
	if (d->status == ST_STOPPED) {
		row->refused++;
		return;
	}
	row->resolved_total++;
	row->due_total++;
	row->resolved_online += d->channel == CHANNEL_ONLINE;
	int outcome = outcome_by_day(d, end_day);
	if (outcome < 0)
		row->resolved_early++;
	else if (outcome == 0)
		row->resolved_on_time++;
	else
		row->resolved_late++;
}

void report_add(struct report_row *row, const struct dossier *d,
		enum online_level level, const struct report_period *p)
{
	if (d->status == ST_RETURNED && d->returned != MC_NO_TIME) {
		int64_t ret = civil_local_day(d->returned);
		if (ret >= p->from && ret <= p->to) {
			row->results_returned++;
			row->results_by_post += d->delivery == DELIVERY_POST;
		}
	}
	if (!accepted(d))
		return;
	int64_t recv = civil_local_day(d->received);
	bool ended = dossier_status_ended(d->status);
	int64_t end = ended ? civil_local_day(d->finished) : INT64_MAX;
	if (recv > p->to || end < p->from)
		return;
	row->received_total++;
	if (recv >= p->from)
		add_new(row, d, level);
	else
		row->carried_over++;
	if (end <= p->to) {
		add_ended(row, d, end);
		return;
	}
	row->in_progress_total++;
	if (!report_overdue(d->due, paused_from(d) <= p->to, p->to)) {
		row->in_progress_in_time++;
	} else {
		row->in_progress_overdue++;
		row->due_total++;
	}
	row->waiting_supplement += supplement_open_at(d, p->to);
}

void report_merge(struct report_row *into, const struct report_row *row)
{
	int64_t *a = (int64_t *)into;
	const int64_t *b = (const int64_t *)row;
	for (size_t i = 0; i < sizeof(*row) / sizeof(int64_t); i++)
		a[i] += b[i];
}

int64_t report_rate(int64_t num, int64_t den)
{
	if (den == 0)
		return -1;
	/* round half up on hundredths of a percent */
	return (num * 20000 + den) / (2 * den);
}

int64_t report_on_time_rate(const struct report_row *r)
{
	return report_rate(r->resolved_early + r->resolved_on_time,
			   r->resolved_total);
}

int64_t report_on_time_rate_of_due(const struct report_row *r)
{
	return report_rate(r->resolved_early + r->resolved_on_time,
			   r->due_total);
}

int64_t report_online_rate(const struct report_row *r)
{
	return report_rate(r->received_online, r->received_new);
}

int64_t report_online_rate_of_resolved(const struct report_row *r)
{
	return report_rate(r->resolved_online, r->resolved_total);
}

int64_t report_postal_uses(const struct report_row *r)
{
	return r->received_postal + r->results_by_post;
}

bool report_row_balanced(const struct report_row *r)
{
	return r->received_total == r->received_new + r->carried_over &&
	       r->received_total == r->resolved_total + r->refused +
					    r->withdrawn +
					    r->in_progress_total &&
	       r->resolved_total == r->resolved_early + r->resolved_on_time +
					    r->resolved_late &&
	       r->in_progress_total ==
		       r->in_progress_in_time + r->in_progress_overdue &&
	       r->received_online ==
		       r->received_online_partial + r->received_online_full &&
	       r->resolved_online >= 0 &&
	       r->resolved_online <= r->resolved_total &&
	       r->received_new == r->received_online + r->received_direct +
					  r->received_postal;
}

/* ---- the incremental form ------------------------------------------- */

static size_t put(struct agg_delta *out, size_t cap, size_t n, int64_t day,
		  enum agg_counter c)
{
	if (out && n < cap) {
		out[n].day = day;
		out[n].counter = c;
	}
	return n + 1;
}

static enum agg_counter new_counter(const struct dossier *d,
				    enum online_level level)
{
	switch (d->channel) {
	case CHANNEL_ONLINE:
		return level == ONLINE_FULL ? AGG_NEW_ONLINE_FULL
					    : AGG_NEW_ONLINE_PARTIAL;
	case CHANNEL_POSTAL: return AGG_NEW_POSTAL;
	default: return AGG_NEW_DIRECT;
	}
}

static enum agg_counter end_counter(const struct dossier *d, int64_t end)
{
	if (d->status == ST_WITHDRAWN)
		return AGG_END_WITHDRAWN;
	if (d->status == ST_STOPPED)
		return AGG_END_STOPPED;
	int outcome = outcome_by_day(d, end);
	return outcome < 0    ? AGG_END_EARLY
	       : outcome == 0 ? AGG_END_ON_TIME
			      : AGG_END_LATE;
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* The union of the days with a supplement request open while the
 * dossier is accepted and not ended, as [begin, end) intervals; rounds
 * come in time order, so a merge with the previous interval suffices. */
static size_t supplement_spans(const struct dossier *d, int64_t acc,
			       int64_t end, struct agg_delta *out, size_t cap,
			       size_t n)
{
	int64_t open_b = INT64_MIN, open_e = INT64_MIN;
	for (size_t i = 0; i <= d->n_supplements; i++) {
		int64_t b = INT64_MAX, e = INT64_MAX;
		if (i < d->n_supplements) {
			const struct supplement_round *r = &d->supplements[i];
			b = max64(civil_local_day(r->requested), acc);
			e = r->completed == MC_NO_TIME
				    ? end
				    : min64(civil_local_day(r->completed), end);
			if (b >= e)
				continue;
			if (open_e != INT64_MIN && b <= open_e) {
				open_e = max64(open_e, e);
				continue;
			}
		}
		if (open_e != INT64_MIN) {
			n = put(out, cap, n, open_b, AGG_SUPPLEMENT_BEGIN);
			if (open_e != INT64_MAX)
				n = put(out, cap, n, open_e,
					AGG_SUPPLEMENT_END);
		}
		open_b = b;
		open_e = e;
	}
	return n;
}

/* What the service index counts of a dossier received on day acc. */
static size_t index_facts(const struct dossier *d, int64_t acc,
			  struct agg_delta *out, size_t cap, size_t n)
{
	if (dossier_fee_total(d) > 0) {
		n = put(out, cap, n, acc, AGG_REC_FEE);
		if (d->paid_online != PAID_NOT_ONLINE)
			n = put(out, cap, n, acc, AGG_REC_FEE_ONLINE);
	}
	if (dossier_all_digitized(d))
		n = put(out, cap, n, acc, AGG_REC_DIGITIZED);
	if (dossier_any_reused(d))
		n = put(out, cap, n, acc, AGG_REC_REUSED);
	if (d->applicant_kind == APPLICANT_CITIZEN) {
		n = put(out, cap, n, acc, AGG_REC_CITIZEN);
		if (d->verified)
			n = put(out, cap, n, acc, AGG_REC_CITIZEN_VERIFIED);
	}
	return n;
}

/* The span [b, e) of days as a begin and an end counter (no end when
 * it is still open), when it is not empty. */
static size_t span(struct agg_delta *out, size_t cap, size_t n, int64_t b,
		   int64_t e, enum agg_counter begin, enum agg_counter end)
{
	if (b >= e)
		return n;
	n = put(out, cap, n, b, begin);
	return e == INT64_MAX ? n : put(out, cap, n, e, end);
}

/* The days d is open and overdue (report_overdue), [*ob, *oe): from the
 * day after its due day (a due day before the reception, an imported
 * anomaly, is overdue from the day it is received, as a scan of the open
 * dossiers counts it) until it ends or its open supplement request was
 * made. Empty when *ob >= *oe, and always without a due date. */
static void overdue_days(const struct dossier *d, int64_t acc, int64_t end,
			 int64_t *ob, int64_t *oe)
{
	int64_t due = due_day(d);
	*ob = due == NO_DUE ? NO_DUE : max64(due + 1, acc);
	*oe = min64(end, paused_from(d));
}

/* Finished with 2+ supplement requests counts late for the index; so does
 * an open dossier, in time, from its second request on: the open days
 * from then that are not overdue. */
static size_t multi_supplement(const struct dossier *d, int64_t acc,
			       int64_t end, enum agg_counter outcome,
			       struct agg_delta *out, size_t cap, size_t n)
{
	if (d->n_supplements < 2)
		return n;
	bool finished = d->status == ST_FINISHED || d->status == ST_RETURNED;
	if (finished &&
	    (outcome == AGG_END_EARLY || outcome == AGG_END_ON_TIME))
		n = put(out, cap, n, end, AGG_END_INTIME_MULTI);
	int64_t b = max64(civil_local_day(d->supplements[1].requested), acc);
	int64_t ob, oe;
	overdue_days(d, acc, end, &ob, &oe);
	if (ob >= oe)
		return span(out, cap, n, b, end, AGG_MULTI_INTIME_BEGIN,
			    AGG_MULTI_INTIME_END);
	n = span(out, cap, n, b, min64(end, ob), AGG_MULTI_INTIME_BEGIN,
		 AGG_MULTI_INTIME_END);
	return span(out, cap, n, max64(b, oe), end, AGG_MULTI_INTIME_BEGIN,
		    AGG_MULTI_INTIME_END);
}

size_t report_contributions(const struct dossier *d, enum online_level level,
			    struct agg_delta *out, size_t cap)
{
	size_t n = 0;
	if (d->status == ST_RETURNED && d->returned != MC_NO_TIME) {
		int64_t ret = civil_local_day(d->returned);
		n = put(out, cap, n, ret, AGG_RETURNED);
		if (d->delivery == DELIVERY_POST)
			n = put(out, cap, n, ret, AGG_RETURNED_POST);
	}
	if (!accepted(d))
		return n;
	int64_t acc = civil_local_day(d->received);
	bool ended = dossier_status_ended(d->status);
	int64_t end = ended ? civil_local_day(d->finished) : INT64_MAX;
	n = put(out, cap, n, acc, new_counter(d, level));
	n = index_facts(d, acc, out, cap, n);
	enum agg_counter outcome = ended ? end_counter(d, end) : AGG__COUNT;
	if (ended)
		n = put(out, cap, n, end, outcome);
	bool resolved = ended && outcome <= AGG_END_LATE;
	if (resolved && dossier_has_e_result(d))
		n = put(out, cap, n, end, AGG_END_E_RESULT);
	if (resolved && d->channel == CHANNEL_ONLINE)
		n = put(out, cap, n, end, AGG_END_ONLINE);
	n = multi_supplement(d, acc, end, outcome, out, cap, n);
	int64_t ob, oe;
	overdue_days(d, acc, end, &ob, &oe);
	n = span(out, cap, n, ob, oe, AGG_OVERDUE_BEGIN, AGG_OVERDUE_END);
	return supplement_spans(d, acc, end, out, cap, n);
}

static int64_t sum(const int64_t *v, int from, int to)
{
	int64_t s = 0;
	for (int i = from; i <= to; i++)
		s += v[i];
	return s;
}

void report_row_from_counters(struct report_row *row,
			      const int64_t before[AGG__COUNT],
			      const int64_t at_to[AGG__COUNT])
{
	int64_t in[AGG__COUNT];
	for (int i = 0; i < AGG__COUNT; i++)
		in[i] = at_to[i] - before[i];
	memset(row, 0, sizeof(*row));
	row->received_online_partial = in[AGG_NEW_ONLINE_PARTIAL];
	row->received_online_full = in[AGG_NEW_ONLINE_FULL];
	row->received_online =
		row->received_online_partial + row->received_online_full;
	row->received_direct = in[AGG_NEW_DIRECT];
	row->received_postal = in[AGG_NEW_POSTAL];
	row->received_new = sum(in, AGG_NEW_ONLINE_PARTIAL, AGG_NEW_POSTAL);
	row->carried_over =
		sum(before, AGG_NEW_ONLINE_PARTIAL, AGG_NEW_POSTAL) -
		sum(before, AGG_END_EARLY, AGG_END_WITHDRAWN);
	row->received_total = row->received_new + row->carried_over;
	row->resolved_early = in[AGG_END_EARLY];
	row->resolved_on_time = in[AGG_END_ON_TIME];
	row->resolved_late = in[AGG_END_LATE];
	row->resolved_total = sum(in, AGG_END_EARLY, AGG_END_LATE);
	row->refused = in[AGG_END_STOPPED];
	row->withdrawn = in[AGG_END_WITHDRAWN];
	row->in_progress_total =
		sum(at_to, AGG_NEW_ONLINE_PARTIAL, AGG_NEW_POSTAL) -
		sum(at_to, AGG_END_EARLY, AGG_END_WITHDRAWN);
	row->in_progress_overdue =
		at_to[AGG_OVERDUE_BEGIN] - at_to[AGG_OVERDUE_END];
	row->in_progress_in_time =
		row->in_progress_total - row->in_progress_overdue;
	row->waiting_supplement =
		at_to[AGG_SUPPLEMENT_BEGIN] - at_to[AGG_SUPPLEMENT_END];
	row->due_total = row->resolved_total + row->in_progress_overdue;
	row->results_returned = in[AGG_RETURNED];
	row->results_by_post = in[AGG_RETURNED_POST];
	row->resolved_online = in[AGG_END_ONLINE];
}

struct report_period report_month(int year, int month, int cutoff)
{
	struct report_period p;
	if (cutoff <= 1) {
		p.from = civil_days(year, month, 1);
		p.to = civil_days(year, month, civil_month_length(year, month));
		return p;
	}
	int py = month == 1 ? year - 1 : year;
	int pm = month == 1 ? 12 : month - 1;
	int from_day = cutoff <= civil_month_length(py, pm)
			       ? cutoff
			       : civil_month_length(py, pm);
	p.from = civil_days(py, pm, from_day);
	int to_day = cutoff - 1 <= civil_month_length(year, month)
			     ? cutoff - 1
			     : civil_month_length(year, month);
	p.to = civil_days(year, month, to_day);
	return p;
}

struct report_period report_last_month(int64_t now, int cutoff)
{
	int y, m, d;
	int64_t today = civil_local_day(now);
	civil_from_days(today, &y, &m, &d);
	struct report_period p = report_month(y, m, cutoff);
	if (p.to >= today)
		p = report_month(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1,
				 cutoff);
	return p;
}

/* Months first..last of `year` as one period. */
static struct report_period months(int year, int first, int last, int cutoff)
{
	struct report_period p = {report_month(year, first, cutoff).from,
				  report_month(year, last, cutoff).to};
	return p;
}

enum period_form {
	FORM_MONTH,
	FORM_QUARTER,
	FORM_HALF,
	FORM_NINE,
	FORM_YEAR,
	FORM_NONE
};

/* Which of the named forms s has, with its year and its number (month,
 * quarter or half). */
static enum period_form period_form(const char *s, int *y, int *n)
{
	int used = 0;
	*y = *n = 0;
	if (!s)
		return FORM_NONE;
	if (sscanf(s, "month:%4d-%2d%n", y, n, &used) == 2 && s[used] == '\0' &&
	    *n >= 1 && *n <= 12)
		return FORM_MONTH;
	if (sscanf(s, "quarter:%4dQ%1d%n", y, n, &used) == 2 &&
	    s[used] == '\0' && *n >= 1 && *n <= 4)
		return FORM_QUARTER;
	if (sscanf(s, "half:%4dH%1d%n", y, n, &used) == 2 && s[used] == '\0' &&
	    *n >= 1 && *n <= 2)
		return FORM_HALF;
	if (sscanf(s, "nine:%4d%n", y, &used) == 1 && s[used] == '\0')
		return FORM_NINE;
	if (sscanf(s, "year:%4d%n", y, &used) == 1 && s[used] == '\0')
		return FORM_YEAR;
	return FORM_NONE;
}

enum mc_code report_period_parse(const char *s, int cutoff,
				 struct report_period *out, const char *field,
				 struct mc_err *err)
{
	int y, n;
	const char *form = "month:YYYY-MM, quarter:YYYYQn, half:YYYYHn, "
			   "nine:YYYY or year:YYYY";
	if (cutoff < 1 || cutoff > 28)
		return mc_fail(err, MC_ERR_INPUT, "cutoff",
			       "cutoff: %d is not a day 1-28", cutoff);
	switch (period_form(s, &y, &n)) {
	case FORM_MONTH: *out = report_month(y, n, cutoff); break;
	case FORM_QUARTER: *out = months(y, 3 * n - 2, 3 * n, cutoff); break;
	case FORM_HALF: *out = months(y, 6 * n - 5, 6 * n, cutoff); break;
	case FORM_NINE: *out = months(y, 1, 9, cutoff); break;
	case FORM_YEAR: *out = months(y, 1, 12, cutoff); break;
	case FORM_NONE:
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: \"%.40s\" is not %s", field, s ? s : "",
			       form);
	}
	if (y < 1900 || y > 2100)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: year %d is outside 1900-2100", field, y);
	return MC_OK;
}

bool report_period_title(const char *s, char *buf, size_t len)
{
	static const char *const quarter[] = {"", "I", "II", "III", "IV"};
	int y, n;
	switch (period_form(s, &y, &n)) {
	case FORM_MONTH: snprintf(buf, len, "tháng %d năm %d", n, y); break;
	case FORM_QUARTER:
		snprintf(buf, len, "quý %s năm %d", quarter[n], y);
		break;
	case FORM_HALF:
		snprintf(buf, len, "6 tháng %s năm %d", n == 1 ? "đầu" : "cuối",
			 y);
		break;
	case FORM_NINE: snprintf(buf, len, "9 tháng năm %d", y); break;
	case FORM_YEAR: snprintf(buf, len, "năm %d", y); break;
	case FORM_NONE:
		if (len)
			buf[0] = '\0';
		return false;
	}
	return true;
}
