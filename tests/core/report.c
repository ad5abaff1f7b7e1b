/*
 * report.c - form II.06a definitions at their boundaries, the statutory
 * month, and the invariant on random dossiers.
 */
#include "test.h"

#include "core/civil.h"
#include "core/report.h"
#include "core/str.h"

static const struct report_period april = {0, 0};

static struct report_period period(void)
{
	/* month:2024-04 with cut-off 15: 2024-03-15 .. 2024-04-14 */
	return report_month(2024, 4, 15);
}

static int64_t at(int y, int m, int d, int hh, int mi)
{
	return civil_time_at(civil_days(y, m, d), hh * 3600 + mi * 60);
}

static void base(struct dossier *d, int64_t received, int64_t due)
{
	dossier_init(d);
	d->channel = CHANNEL_ONLINE;
	d->status = ST_PROCESSING;
	d->submitted = d->received = received;
	d->due = due;
}

static struct report_row one(struct dossier *d)
{
	struct report_row r = {0};
	struct report_period p = period();
	report_add(&r, d, ONLINE_FULL, &p);
	CHECK(report_row_balanced(&r));
	dossier_release(d);
	return r;
}

TEST(statutory_months)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	struct report_period p = report_month(2024, 4, 15);
	CHECK_STR(civil_format_date(p.from, a), "2024-03-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-04-14");
	p = report_month(2024, 1, 15);
	CHECK_STR(civil_format_date(p.from, a), "2023-12-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-01-14");
	p = report_month(2024, 4, 21);
	CHECK_STR(civil_format_date(p.from, a), "2024-03-21");
	CHECK_STR(civil_format_date(p.to, b), "2024-04-20");
	p = report_month(2024, 2, 1);
	CHECK_STR(civil_format_date(p.from, a), "2024-02-01");
	CHECK_STR(civil_format_date(p.to, b), "2024-02-29");
	(void)april;
}

TEST(received_at_2359_on_the_last_day_counts)
{
	struct dossier d;
	base(&d, at(2024, 4, 14, 23, 59), at(2024, 4, 20, 9, 0));
	struct report_row r = one(&d);
	CHECK_INT(r.received_new, 1);
	CHECK_INT(r.received_online_full, 1);
	CHECK_INT(r.in_progress_in_time, 1);

	base(&d, at(2024, 4, 15, 0, 0), at(2024, 4, 20, 9, 0));
	r = one(&d);
	CHECK_INT(r.received_total, 0);
}

TEST(finish_dates_against_the_due_date)
{
	struct dossier d;
	int64_t due = at(2024, 4, 10, 9, 0);
	const struct {
		int64_t finished;
		int early, on_time, late;
	} cases[] = {
		{at(2024, 4, 9, 16, 0), 1, 0, 0},
		{at(2024, 4, 10, 16, 59), 0, 1, 0}, /* later hour, same day */
		{at(2024, 4, 10, 7, 0), 0, 1, 0},
		{at(2024, 4, 11, 7, 0), 0, 0, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		base(&d, at(2024, 4, 1, 9, 0), due);
		d.status = ST_FINISHED;
		d.finished = cases[i].finished;
		struct report_row r = one(&d);
		CHECK_INT(r.resolved_total, 1);
		CHECK_INT(r.resolved_early, cases[i].early);
		CHECK_INT(r.resolved_on_time, cases[i].on_time);
		CHECK_INT(r.resolved_late, cases[i].late);
		CHECK_INT(r.due_total, 1);
	}
}

TEST(open_at_the_end_in_time_or_overdue)
{
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 14, 9, 0));
	struct report_row r = one(&d);
	CHECK_INT(r.in_progress_in_time, 1); /* due on `to`: in time */
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 13, 16, 0));
	r = one(&d);
	CHECK_INT(r.in_progress_overdue, 1);
	CHECK_INT(r.due_total, 1);
	CHECK_INT(report_on_time_rate(&r), -1);
	CHECK_INT(report_on_time_rate_of_due(&r), 0);
}

TEST(supplement_open_at_the_end_waits)
{
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 20, 9, 0));
	d.status = ST_SUPPLEMENT;
	struct supplement_round *s =
		ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	s->requested = at(2024, 4, 12, 9, 0);
	s->completed = MC_NO_TIME;
	struct report_row r = one(&d);
	CHECK_INT(r.waiting_supplement, 1);
	CHECK_INT(r.in_progress_total, 1);

	/* completed after `to`: it was still open at the end of the period */
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 20, 9, 0));
	s = ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	s->requested = at(2024, 4, 12, 9, 0);
	s->completed = at(2024, 4, 15, 9, 0);
	r = one(&d);
	CHECK_INT(r.waiting_supplement, 1);
}

TEST(withdrawn_the_day_it_was_received)
{
	struct dossier d;
	base(&d, at(2024, 4, 2, 9, 0), at(2024, 4, 9, 9, 0));
	d.status = ST_WITHDRAWN;
	d.finished = at(2024, 4, 2, 15, 0);
	struct report_row r = one(&d);
	CHECK_INT(r.received_new, 1);
	CHECK_INT(r.withdrawn, 1);
	CHECK_INT(r.in_progress_total, 0);
	CHECK_INT(r.resolved_total, 0);
}

TEST(carried_over_and_already_ended)
{
	struct dossier d;
	base(&d, at(2024, 3, 1, 9, 0), at(2024, 3, 20, 9, 0));
	d.status = ST_RETURNED;
	d.finished = at(2024, 3, 15, 8, 0); /* first day of the period */
	d.returned = at(2024, 3, 16, 8, 0);
	d.delivery = DELIVERY_POST;
	struct report_row r = one(&d);
	CHECK_INT(r.carried_over, 1);
	CHECK_INT(r.resolved_early, 1);
	CHECK_INT(r.results_returned, 1);
	CHECK_INT(r.results_by_post, 1);

	base(&d, at(2024, 3, 1, 9, 0), at(2024, 3, 20, 9, 0));
	d.status = ST_STOPPED;
	d.finished = at(2024, 3, 14, 17, 0); /* ended the day before */
	r = one(&d);
	CHECK_INT(r.received_total, 0);

	base(&d, at(2024, 4, 1, 9, 0), MC_NO_TIME);
	d.status = ST_NOT_ACCEPTED;
	d.received = MC_NO_TIME;
	d.refused = at(2024, 4, 1, 9, 0);
	r = one(&d);
	CHECK_INT(r.received_total, 0);
}

TEST(rates_round_half_up)
{
	CHECK_INT(report_rate(0, 0), -1);
	CHECK_INT(report_rate(1, 3), 3333);
	CHECK_INT(report_rate(2, 3), 6667);
	CHECK_INT(report_rate(123137, 123870), 9941); /* Binh Dinh Q1 2022 */
	CHECK_INT(report_rate(1, 1), 10000);
}

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

TEST(invariant_on_random_dossiers)
{
	uint64_t seed = 42;
	struct report_period p = period();
	struct report_row total = {0}, rows[4] = {{0}};
	int64_t start = at(2024, 1, 1, 0, 0);
	for (int i = 0; i < 20000; i++) {
		struct dossier d;
		dossier_init(&d);
		d.channel = (enum channel)(1 + rng(&seed) % 3);
		d.status = (enum dossier_status)(1 + rng(&seed) % 10);
		d.submitted = start + (int64_t)(rng(&seed) % (150 * 86400));
		d.received = d.submitted + (int64_t)(rng(&seed) % 86400);
		d.due = d.received + (int64_t)(rng(&seed) % (30 * 86400));
		if (dossier_status_ended(d.status))
			d.finished = d.received +
				     (int64_t)(rng(&seed) % (40 * 86400));
		if (d.status == ST_RETURNED)
			d.returned = d.finished + 3600;
		if (d.status == ST_REGISTERED || d.status == ST_NOT_ACCEPTED)
			d.received = MC_NO_TIME;
		struct report_row *row = &rows[rng(&seed) % 4];
		report_add(row, &d, (enum online_level)(rng(&seed) % 3), &p);
		report_add(&total, &d, ONLINE_PARTIAL, &p);
		dossier_release(&d);
	}
	struct report_row sum = {0};
	for (int i = 0; i < 4; i++) {
		CHECK(report_row_balanced(&rows[i]));
		report_merge(&sum, &rows[i]);
	}
	CHECK(report_row_balanced(&total));
	CHECK_INT(sum.received_total, total.received_total);
	CHECK_INT(sum.resolved_late, total.resolved_late);
	CHECK_INT(sum.in_progress_overdue, total.in_progress_overdue);
	CHECK(total.received_total > 1000);
	CHECK(total.carried_over > 0 && total.resolved_late > 0);
}

/* The row from contributions, summing counters by brute force. */
static void row_by_counters(struct report_row *row, struct dossier *ds,
			    size_t n, const struct report_period *p)
{
	int64_t before[AGG__COUNT] = {0}, at_to[AGG__COUNT] = {0};
	struct agg_delta deltas[64];
	for (size_t i = 0; i < n; i++) {
		size_t k =
			report_contributions(&ds[i], ONLINE_FULL, deltas, 64);
		CHECK(k <= 64);
		for (size_t j = 0; j < k; j++) {
			if (deltas[j].day <= p->from - 1)
				before[deltas[j].counter]++;
			if (deltas[j].day <= p->to)
				at_to[deltas[j].counter]++;
		}
	}
	report_row_from_counters(row, before, at_to);
}

static void random_dossier(struct dossier *d, uint64_t *seed, int64_t start)
{
	dossier_init(d);
	d->channel = (enum channel)(1 + rng(seed) % 3);
	d->status = (enum dossier_status)(1 + rng(seed) % 10);
	d->delivery = (enum delivery)(rng(seed) % 2);
	d->submitted = start + (int64_t)(rng(seed) % (120 * 86400));
	d->received = d->submitted + (int64_t)(rng(seed) % 86400);
	d->due = d->received + (int64_t)(rng(seed) % (20 * 86400));
	int64_t t = d->received;
	for (int r = (int)(rng(seed) % 4); r > 0; r--) {
		struct supplement_round *s = ARRAY_PUSH(
			d->supplements, d->n_supplements, d->cap_supplements);
		s->requested = t + (int64_t)(rng(seed) % (6 * 86400));
		s->completed = (r == 1 && rng(seed) % 2)
				       ? MC_NO_TIME
				       : s->requested + (int64_t)(rng(seed) %
								  (5 * 86400));
		t = s->completed == MC_NO_TIME ? s->requested : s->completed;
	}
	if (dossier_status_ended(d->status))
		d->finished = t + (int64_t)(rng(seed) % (30 * 86400));
	if (d->status == ST_RETURNED)
		d->returned = d->finished + (int64_t)(rng(seed) % (3 * 86400));
	if (d->status == ST_REGISTERED || d->status == ST_NOT_ACCEPTED)
		d->received = MC_NO_TIME;
}

TEST(counters_agree_with_the_scan_on_random_data)
{
	uint64_t seed = 7;
	enum { N = 3000 };
	static struct dossier ds[N];
	int64_t start = at(2024, 1, 1, 0, 0);
	for (size_t i = 0; i < N; i++)
		random_dossier(&ds[i], &seed, start);
	for (int k = 0; k < 60; k++) {
		struct report_period p;
		p.from = civil_days(2024, 1, 1) + (int64_t)(rng(&seed) % 170);
		p.to = p.from + (int64_t)(rng(&seed) % 60);
		struct report_row scan = {0}, inc;
		for (size_t i = 0; i < N; i++)
			report_add(&scan, &ds[i], ONLINE_FULL, &p);
		row_by_counters(&inc, ds, N, &p);
		if (memcmp(&scan, &inc, sizeof(scan)) != 0) {
			int64_t *a = (int64_t *)&scan, *b = (int64_t *)&inc;
			for (size_t f = 0; f < sizeof(scan) / 8; f++)
				if (a[f] != b[f])
					fprintf(stderr,
						"period %d field %zu: scan "
						"%lld, counters %lld\n",
						k, f, (long long)a[f],
						(long long)b[f]);
			test_failed_checks++;
			break;
		}
		CHECK(report_row_balanced(&inc));
	}
	for (size_t i = 0; i < N; i++)
		dossier_release(&ds[i]);
}

TEST(index_facts_are_counted)
{
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 10, 9, 0));
	d.status = ST_RETURNED;
	d.finished = at(2024, 4, 9, 9, 0);
	d.returned = at(2024, 4, 9, 15, 0);
	d.paid_online = PAID_PROVINCIAL;
	d.verified = true;
	struct dossier_fee *f = ARRAY_PUSH(d.fees, d.n_fees, d.cap_fees);
	f->amount = 50000;
	struct dossier_component *c =
		ARRAY_PUSH(d.components, d.n_components, d.cap_components);
	c->digitized = c->reused = true;
	struct dossier_result *r =
		ARRAY_PUSH(d.results, d.n_results, d.cap_results);
	str_set(&r->url, "https://kq/1");
	for (int i = 0; i < 2; i++) {
		struct supplement_round *s = ARRAY_PUSH(
			d.supplements, d.n_supplements, d.cap_supplements);
		s->requested = at(2024, 4, 2 + 2 * i, 9, 0);
		s->completed = at(2024, 4, 3 + 2 * i, 9, 0);
	}
	struct agg_delta out[32];
	size_t n = report_contributions(&d, ONLINE_FULL, out, 32);
	int64_t count[AGG__COUNT] = {0};
	for (size_t i = 0; i < n; i++)
		count[out[i].counter]++;
	CHECK_INT(count[AGG_REC_FEE], 1);
	CHECK_INT(count[AGG_REC_FEE_ONLINE], 1);
	CHECK_INT(count[AGG_REC_DIGITIZED], 1);
	CHECK_INT(count[AGG_REC_REUSED], 1);
	CHECK_INT(count[AGG_REC_CITIZEN_VERIFIED], 1);
	CHECK_INT(count[AGG_END_E_RESULT], 1);
	CHECK_INT(count[AGG_END_EARLY], 1);
	CHECK_INT(count[AGG_END_INTIME_MULTI], 1); /* two requests: late */
	CHECK_INT(count[AGG_MULTI_INTIME_BEGIN], 1);
	CHECK_INT(count[AGG_MULTI_INTIME_END], 1);
	/* no fee, paid at the counter, a business */
	d.fees[0].amount = 0;
	d.paid_online = PAID_NOT_ONLINE;
	d.applicant_kind = APPLICANT_BUSINESS;
	d.n_supplements = 1;
	n = report_contributions(&d, ONLINE_FULL, out, 32);
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
		count[out[i].counter]++;
	CHECK_INT(count[AGG_REC_FEE] + count[AGG_REC_FEE_ONLINE], 0);
	CHECK_INT(count[AGG_REC_CITIZEN], 0);
	CHECK_INT(count[AGG_END_INTIME_MULTI] + count[AGG_MULTI_INTIME_BEGIN],
		  0);
	d.n_supplements = 2;
	dossier_release(&d);
}

/* Of four dossiers of April 2024: resolved online, resolved after a
 * postal filing with the result sent by post, resolved at the counter,
 * and stopped after an online filing. */
TEST(online_share_of_resolved_and_postal_uses)
{
	struct report_period p = period();
	struct report_row r = {0};
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 10, 9, 0));
	d.status = ST_FINISHED;
	d.finished = at(2024, 4, 9, 9, 0);
	report_add(&r, &d, ONLINE_FULL, &p);
	d.channel = CHANNEL_POSTAL;
	d.status = ST_RETURNED;
	d.delivery = DELIVERY_POST;
	d.returned = at(2024, 4, 12, 9, 0);
	report_add(&r, &d, ONLINE_FULL, &p);
	d.channel = CHANNEL_DIRECT;
	d.delivery = DELIVERY_COUNTER;
	report_add(&r, &d, ONLINE_FULL, &p);
	d.channel = CHANNEL_ONLINE;
	d.status = ST_STOPPED;
	d.returned = MC_NO_TIME;
	report_add(&r, &d, ONLINE_FULL, &p);
	dossier_release(&d);
	CHECK(report_row_balanced(&r));
	CHECK_INT(r.received_new, 4);
	CHECK_INT(r.received_online, 2);
	CHECK_INT(r.resolved_total, 3);
	CHECK_INT(r.resolved_online, 1);
	CHECK_INT(report_online_rate(&r), 5000);
	CHECK_INT(report_online_rate_of_resolved(&r), 3333);
	CHECK_INT(r.received_postal, 1);
	CHECK_INT(r.results_returned, 2);
	CHECK_INT(r.results_by_post, 1);
	CHECK_INT(report_postal_uses(&r), 2);
}

TEST(period_titles_as_releases_write_them)
{
	static const char *const cases[][2] = {
		{"month:2024-04", "tháng 4 năm 2024"},
		{"quarter:2022Q1", "quý I năm 2022"},
		{"quarter:2023Q4", "quý IV năm 2023"},
		{"half:2023H1", "6 tháng đầu năm 2023"},
		{"half:2023H2", "6 tháng cuối năm 2023"},
		{"nine:2024", "9 tháng năm 2024"},
		{"year:2025", "năm 2025"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		CHECK(report_period_title(cases[i][0], buf, sizeof(buf)));
		CHECK_STR(buf, cases[i][1]);
	}
	CHECK(!report_period_title("quarter:2024Q5", buf, sizeof(buf)));
	CHECK_STR(buf, "");
	CHECK(!report_period_title(NULL, buf, sizeof(buf)));
}

TEST(waiting_for_a_supplement_is_not_overdue)
{
	/* due 10/4, request on 8/4 still open at `to` (14/4): clock stopped */
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 10, 9, 0));
	d.status = ST_SUPPLEMENT;
	struct supplement_round *s =
		ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	s->requested = at(2024, 4, 8, 9, 0);
	s->completed = MC_NO_TIME;
	CHECK(!report_dossier_overdue(&d, at(2024, 4, 14, 9, 0)));
	struct report_row r = one(&d);
	CHECK_INT(r.in_progress_in_time, 1);
	CHECK_INT(r.in_progress_overdue, 0);
	CHECK_INT(r.waiting_supplement, 1);

	/* asked on 12/4, already overdue: overdue on 11/4, not after */
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 10, 9, 0));
	d.status = ST_SUPPLEMENT;
	s = ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	s->requested = at(2024, 4, 12, 9, 0);
	s->completed = MC_NO_TIME;
	struct report_row r11 = {0};
	struct report_period p11 = {period().from, civil_days(2024, 4, 11)};
	report_add(&r11, &d, ONLINE_FULL, &p11);
	CHECK_INT(r11.in_progress_overdue, 1);
	r = one(&d);
	CHECK_INT(r.in_progress_overdue, 0);

	/* the supplement came in: the clock runs again against the due date
	 * it moved to, here still before `to` */
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 12, 9, 0));
	s = ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	s->requested = at(2024, 4, 8, 9, 0);
	s->completed = at(2024, 4, 9, 9, 0);
	CHECK(report_dossier_overdue(&d, at(2024, 4, 14, 9, 0)));
	r = one(&d);
	CHECK_INT(r.in_progress_overdue, 1);
}

TEST(the_default_period_is_the_last_month_that_ended)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	/* month:2024-04 (15/3 .. 14/4) runs through its last day */
	struct report_period p = report_last_month(at(2024, 4, 14, 23, 0), 15);
	CHECK_STR(civil_format_date(p.from, a), "2024-02-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-03-14");
	p = report_last_month(at(2024, 4, 15, 0, 0), 15);
	CHECK_STR(civil_format_date(p.from, a), "2024-03-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-04-14");
	p = report_last_month(at(2024, 1, 10, 8, 0), 1);
	CHECK_STR(civil_format_date(p.from, a), "2023-12-01");
	CHECK_STR(civil_format_date(p.to, b), "2023-12-31");
}

TEST(overdue_from_the_day_after_the_due_day)
{
	struct dossier d;
	base(&d, at(2024, 4, 1, 9, 0), at(2024, 4, 10, 9, 0));
	/* due at 9:00 today: resolved today it is on time, so not overdue */
	CHECK(!report_dossier_overdue(&d, at(2024, 4, 10, 16, 0)));
	CHECK(!report_dossier_overdue(&d, at(2024, 4, 10, 23, 59)));
	CHECK(report_dossier_overdue(&d, at(2024, 4, 11, 0, 0)));
	CHECK_INT(report_overdue_cut(at(2024, 4, 11, 15, 30)),
		  at(2024, 4, 11, 0, 0));
	d.status = ST_FINISHED;
	d.finished = at(2024, 4, 11, 8, 0);
	CHECK(!report_dossier_overdue(&d, at(2024, 4, 12, 0, 0)));
	d.status = ST_PROCESSING;
	d.due = MC_NO_TIME; /* no deadline to miss */
	CHECK(!report_dossier_overdue(&d, at(2024, 4, 12, 0, 0)));
	dossier_release(&d);
}

TEST(a_running_period_counts_as_of_now)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	struct report_period p = period(); /* 15/3 .. 14/4 */
	int64_t as_of = 0;
	struct report_period c =
		report_counted(p, at(2024, 4, 15, 0, 0), &as_of);
	CHECK_INT(as_of, MC_NO_TIME); /* ended: the period itself */
	CHECK_INT(c.from, p.from);
	CHECK_INT(c.to, p.to);
	c = report_counted(p, at(2024, 4, 3, 10, 15) + 42, &as_of);
	CHECK_STR(civil_format_local(as_of, a), "2024-04-03 10:15");
	CHECK_STR(civil_format_date(c.from, a), "2024-03-15");
	CHECK_STR(civil_format_date(c.to, b), "2024-04-03");
	c = report_counted(p, at(2024, 4, 14, 23, 59), &as_of);
	CHECK(as_of != MC_NO_TIME); /* its last day still runs */
	CHECK_INT(c.to, p.to);
	/* not begun: nothing new, what is open now is carried over */
	c = report_counted(p, at(2024, 3, 1, 8, 0), &as_of);
	CHECK_STR(civil_format_date(c.from, a), "2024-03-02");
	CHECK_STR(civil_format_date(c.to, b), "2024-03-01");

	/* open, due 2/4: overdue as of 3/4, though `to` is 14/4 */
	struct dossier d;
	base(&d, at(2024, 3, 20, 9, 0), at(2024, 4, 2, 9, 0));
	struct report_row r = {0};
	c = report_counted(p, at(2024, 4, 3, 10, 15), &as_of);
	report_add(&r, &d, ONLINE_FULL, &c);
	CHECK_INT(r.in_progress_overdue, 1);
	CHECK(report_dossier_overdue(&d, at(2024, 4, 3, 10, 15)));
	base(&d, at(2024, 3, 20, 9, 0), at(2024, 4, 12, 9, 0));
	memset(&r, 0, sizeof(r));
	report_add(&r, &d, ONLINE_FULL, &c);
	CHECK_INT(r.in_progress_in_time, 1); /* overdue only at `to` */
	dossier_release(&d);
}

/* The latest time recorded on d. */
static int64_t last_event(const struct dossier *d)
{
	int64_t t[] = {d->submitted, d->received, d->finished, d->returned};
	int64_t m = MC_NO_TIME;
	for (size_t i = 0; i < 4; i++)
		m = t[i] > m ? t[i] : m;
	for (size_t i = 0; i < d->n_supplements; i++) {
		m = d->supplements[i].requested > m
			    ? d->supplements[i].requested
			    : m;
		m = d->supplements[i].completed > m
			    ? d->supplements[i].completed
			    : m;
	}
	return m;
}

/* On random dossiers whose every event is before `now` (10:00 on a day
 * many are due), the report's overdue as of now counts exactly the
 * dossiers the live list calls overdue. */
TEST(the_report_and_the_live_list_agree_on_random_data)
{
	uint64_t seed = 11;
	int64_t now = at(2024, 3, 1, 10, 0), as_of;
	struct report_period c =
		report_counted(report_month(2024, 3, 15), now, &as_of);
	struct report_row r = {0};
	int64_t listed = 0, due_today = 0;
	for (int i = 0; i < 20000; i++) {
		struct dossier d;
		random_dossier(&d, &seed, at(2024, 1, 1, 0, 0));
		if (last_event(&d) < now) {
			report_add(&r, &d, ONLINE_FULL, &c);
			listed += report_dossier_overdue(&d, now);
			due_today += d.due < now && d.due >= now - 3600 &&
				     !dossier_status_ended(d.status);
		}
		dossier_release(&d);
	}
	CHECK(listed > 100);
	CHECK(due_today > 0); /* due earlier today: in time */
	CHECK_INT(r.in_progress_overdue, listed);
}

TEST_MAIN(T(statutory_months), T(received_at_2359_on_the_last_day_counts),
	  T(finish_dates_against_the_due_date),
	  T(open_at_the_end_in_time_or_overdue),
	  T(supplement_open_at_the_end_waits),
	  T(withdrawn_the_day_it_was_received),
	  T(carried_over_and_already_ended), T(rates_round_half_up),
	  T(invariant_on_random_dossiers),
	  T(counters_agree_with_the_scan_on_random_data),
	  T(index_facts_are_counted),
	  T(online_share_of_resolved_and_postal_uses),
	  T(period_titles_as_releases_write_them),
	  T(waiting_for_a_supplement_is_not_overdue),
	  T(overdue_from_the_day_after_the_due_day),
	  T(the_default_period_is_the_last_month_that_ended),
	  T(a_running_period_counts_as_of_now),
	  T(the_report_and_the_live_list_agree_on_random_data))
