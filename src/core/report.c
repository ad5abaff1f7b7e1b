/*
 * report.c - form II.06a arithmetic (see report.h).
 */
#include "core/report.h"

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
	int64_t due_day = civil_local_day(d->due);
	row->resolved_total++;
	row->due_total++;
	if (end_day < due_day)
		row->resolved_early++;
	else if (end_day == due_day)
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
	if (civil_local_day(d->due) >= p->to) {
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
	       r->received_online == r->received_online_partial +
					     r->received_online_full &&
	       r->received_new == r->received_online + r->received_direct +
					  r->received_postal;
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
