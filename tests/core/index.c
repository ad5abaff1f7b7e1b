/*
 * index.c - the service index arithmetic: every indicator at its
 * boundaries (no fee, zero fee, paid at the counter, no online
 * procedures, citizen versus business, a second supplement request),
 * points at and around thresholds, government targets, ties and the
 * minimum volume for ranking.
 */
#include "test.h"

#include "core/civil.h"
#include "core/index.h"
#include "core/str.h"

/* ---- dossiers into counters ------------------------------------------- */

static int64_t day(const char *s)
{
	int64_t d;
	civil_parse_date(s, &d, "d", NULL);
	return d;
}

static int64_t at(const char *s) { return civil_time_at(day(s), 9 * 3600); }

/* A finished dossier of a citizen, accepted and due as given. */
static void base(struct dossier *d, const char *recv, const char *due,
		 const char *end)
{
	dossier_init(d);
	d->channel = CHANNEL_DIRECT;
	d->applicant_kind = APPLICANT_CITIZEN;
	d->received = at(recv);
	d->due = at(due);
	d->status = end ? ST_FINISHED : ST_PROCESSING;
	d->finished = end ? at(end) : MC_NO_TIME;
}

static void fee(struct dossier *d, int64_t amount)
{
	struct dossier_fee *f = ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
	f->amount = amount;
}

static void supplement(struct dossier *d, const char *req, const char *done)
{
	struct supplement_round *r = ARRAY_PUSH(
		d->supplements, d->n_supplements, d->cap_supplements);
	r->requested = at(req);
	r->completed = done ? at(done) : MC_NO_TIME;
}

/* The inputs of one dossier for the period [from, to]. */
static void inputs_of(const struct dossier *d, const char *from, const char *to,
		      struct index_inputs *in)
{
	struct agg_delta deltas[64];
	size_t n = report_contributions(d, ONLINE_PARTIAL, deltas, 64);
	memset(in, 0, sizeof(*in));
	for (size_t i = 0; i < n; i++) {
		if (deltas[i].day <= day(from) - 1)
			in->before[deltas[i].counter]++;
		if (deltas[i].day <= day(to))
			in->at_to[deltas[i].counter]++;
	}
}

static void compute(const struct dossier *d, struct index_ratio r[IND__COUNT])
{
	struct index_inputs in;
	inputs_of(d, "2024-07-01", "2024-07-31", &in);
	index_compute(&in, r);
}

TEST(online_payment_boundaries)
{
	struct dossier d;
	struct index_ratio r[IND__COUNT];
	base(&d, "2024-07-02", "2024-07-10", "2024-07-05");
	compute(&d, r); /* no fee at all */
	CHECK_INT(r[IND_ONLINE_PAYMENT].den, 0);
	CHECK_INT(r[IND_ONLINE_PAYMENT].rate, -1);
	fee(&d, 0); /* a fee line of 0 dong is no fee */
	compute(&d, r);
	CHECK_INT(r[IND_ONLINE_PAYMENT].den, 0);
	fee(&d, 50000); /* paid at the counter */
	compute(&d, r);
	CHECK_INT(r[IND_ONLINE_PAYMENT].den, 1);
	CHECK_INT(r[IND_ONLINE_PAYMENT].num, 0);
	CHECK_INT(r[IND_ONLINE_PAYMENT].rate, 0);
	d.paid_online = PAID_PROVINCIAL;
	compute(&d, r);
	CHECK_INT(r[IND_ONLINE_PAYMENT].rate, 10000);
	dossier_release(&d);
}

TEST(citizen_versus_business)
{
	struct dossier d;
	struct index_ratio r[IND__COUNT];
	base(&d, "2024-07-02", "2024-07-10", NULL);
	compute(&d, r);
	CHECK_INT(r[IND_POPULATION_DATA].den, 1);
	CHECK_INT(r[IND_POPULATION_DATA].num, 0);
	d.verified = true;
	compute(&d, r);
	CHECK_INT(r[IND_POPULATION_DATA].rate, 10000);
	d.applicant_kind = APPLICANT_BUSINESS;
	compute(&d, r);
	CHECK_INT(r[IND_POPULATION_DATA].den, 0);
	CHECK_INT(r[IND_POPULATION_DATA].rate, -1);
	dossier_release(&d);
}

TEST(digitized_reused_and_electronic_results)
{
	struct dossier d;
	struct index_ratio r[IND__COUNT];
	base(&d, "2024-07-02", "2024-07-10", "2024-07-09");
	struct dossier_component *c =
		ARRAY_PUSH(d.components, d.n_components, d.cap_components);
	c->digitized = true;
	c = ARRAY_PUSH(d.components, d.n_components, d.cap_components);
	compute(&d, r); /* one of two components digitized: not counted */
	CHECK_INT(r[IND_DIGITIZED].num, 0);
	CHECK_INT(r[IND_DATA_REUSE].num, 0);
	c->digitized = true;
	c->from_national_store = true;
	compute(&d, r);
	CHECK_INT(r[IND_DIGITIZED].num, 1);
	CHECK_INT(r[IND_DATA_REUSE].num, 1);
	CHECK_INT(r[IND_E_RESULTS].den, 1);
	CHECK_INT(r[IND_E_RESULTS].num, 0);
	struct dossier_result *res =
		ARRAY_PUSH(d.results, d.n_results, d.cap_results);
	str_set(&res->url, "https://kq/1");
	compute(&d, r);
	CHECK_INT(r[IND_E_RESULTS].rate, 10000);
	dossier_release(&d);
}

TEST(second_supplement_request_counts_late)
{
	struct dossier d;
	struct index_ratio r[IND__COUNT];
	base(&d, "2024-07-02", "2024-07-20", "2024-07-10");
	supplement(&d, "2024-07-03", "2024-07-04");
	compute(&d, r); /* early after one request: in time */
	CHECK_INT(r[IND_ON_TIME].num, 1);
	CHECK_INT(r[IND_ON_TIME].den, 1);
	supplement(&d, "2024-07-05", "2024-07-06");
	compute(&d, r); /* early after two: late for the index */
	CHECK_INT(r[IND_ON_TIME].num, 0);
	CHECK_INT(r[IND_ON_TIME].den, 1);
	/* open and not yet due, after two requests: also late */
	d.status = ST_PROCESSING;
	d.finished = MC_NO_TIME;
	d.due = at("2024-08-20");
	compute(&d, r);
	CHECK_INT(r[IND_ON_TIME].num, 0);
	CHECK_INT(r[IND_ON_TIME].den, 1);
	/* ... but in time on 4 July, before the second request */
	struct index_inputs in;
	inputs_of(&d, "2024-07-01", "2024-07-04", &in);
	index_compute(&in, r);
	CHECK_INT(r[IND_ON_TIME].num, 1);
	dossier_release(&d);
}

TEST(late_and_overdue)
{
	struct dossier d;
	struct index_ratio r[IND__COUNT];
	base(&d, "2024-07-02", "2024-07-10", "2024-07-11");
	compute(&d, r);
	CHECK_INT(r[IND_ON_TIME].num, 0);
	d.status = ST_PROCESSING; /* open and overdue at the end */
	d.finished = MC_NO_TIME;
	compute(&d, r);
	CHECK_INT(r[IND_ON_TIME].num, 0);
	CHECK_INT(r[IND_ON_TIME].den, 1);
	d.status = ST_WITHDRAWN; /* neither in time nor late */
	d.finished = at("2024-07-05");
	compute(&d, r);
	CHECK_INT(r[IND_ON_TIME].den, 0);
	dossier_release(&d);
}

TEST(no_online_procedures_and_satisfaction)
{
	struct index_inputs in;
	struct index_ratio r[IND__COUNT];
	memset(&in, 0, sizeof(in));
	index_compute(&in, r);
	CHECK_INT(r[IND_ONLINE_SERVICES].rate, -1);
	CHECK_INT(r[IND_PAYING_PROCEDURES].rate, -1);
	in.online_offered = 3;
	in.online_used = 1;
	index_compute(&in, r);
	CHECK_INT(r[IND_ONLINE_SERVICES].rate, 3333);
	/* 8 handled, 6 in time, 1 complaint: 100% - 25% - 12.5% */
	in.at_to[AGG_NEW_DIRECT] = 8;
	in.at_to[AGG_END_EARLY] = 6;
	in.at_to[AGG_END_LATE] = 2;
	in.complained = 1;
	index_compute(&in, r);
	CHECK_INT(r[IND_ON_TIME].rate, 7500);
	CHECK_INT(r[IND_SATISFACTION].rate, 6250);
	in.complained = 9; /* never below zero */
	index_compute(&in, r);
	CHECK_INT(r[IND_SATISFACTION].rate, 0);
}

/* ---- scores ------------------------------------------------------------- */

static void rule_set(struct index_rule_set *s)
{
	memset(s, 0, sizeof(*s));
	s->undefined_full = true;
	struct index_rule *r = ARRAY_PUSH(s->rules, s->n_rules, s->cap_rules);
	*r = (struct index_rule){IND_ONLINE_DOSSIERS, GRP_ONLINE_SERVICE, 800,
				 5000};
	r = ARRAY_PUSH(s->rules, s->n_rules, s->cap_rules);
	*r = (struct index_rule){IND_ON_TIME, GRP_PROGRESS, 2000, 10000};
}

TEST(points_are_linear_to_the_threshold)
{
	struct index_rule_set s;
	rule_set(&s);
	const struct index_rule *online = &s.rules[0];
	CHECK_INT(index_rule_points(&s, online, 5000), 800);
	CHECK_INT(index_rule_points(&s, online, 9500), 800);
	CHECK_INT(index_rule_points(&s, online, 2500), 400);
	CHECK_INT(index_rule_points(&s, online, 0), 0);
	CHECK_INT(index_rule_points(&s, online, 4999), 800); /* 799.84 */
	CHECK_INT(index_rule_points(&s, online, 1), 0);      /* 0.16 -> 0 */
	CHECK_INT(index_rule_points(&s, online, 4), 1);      /* 0.64 -> 1 */
	CHECK_INT(index_rule_points(&s, online, -1), 800);
	s.undefined_full = false;
	CHECK_INT(index_rule_points(&s, online, -1), 0);
	struct index_ratio r[IND__COUNT];
	memset(r, 0, sizeof(r));
	r[IND_ONLINE_DOSSIERS].rate = 2500;
	r[IND_ON_TIME].rate = 9940;
	struct index_score sc;
	index_score(&s, r, &sc);
	CHECK_INT(sc.group[GRP_ONLINE_SERVICE], 400);
	CHECK_INT(sc.group[GRP_PROGRESS], 1988);
	CHECK_INT(sc.total, 2388);
	free(s.rules);
}

TEST(government_targets_by_year_and_level)
{
	struct index_rule_set s;
	memset(&s, 0, sizeof(s));
	struct index_target *t =
		ARRAY_PUSH(s.targets, s.n_targets, s.cap_targets);
	*t = (struct index_target){IND_ONLINE_DOSSIERS, 0, 2023, 3000};
	t = ARRAY_PUSH(s.targets, s.n_targets, s.cap_targets);
	*t = (struct index_target){IND_ONLINE_DOSSIERS, 0, 2024, 5000};
	t = ARRAY_PUSH(s.targets, s.n_targets, s.cap_targets);
	*t = (struct index_target){IND_ONLINE_DOSSIERS, 3, 2024, 4000};
	CHECK_INT(index_gov_target(&s, IND_ONLINE_DOSSIERS, 1, 2022), -1);
	CHECK_INT(index_gov_target(&s, IND_ONLINE_DOSSIERS, 1, 2023), 3000);
	CHECK_INT(index_gov_target(&s, IND_ONLINE_DOSSIERS, 1, 2024), 5000);
	CHECK_INT(index_gov_target(&s, IND_ONLINE_DOSSIERS, 3, 2024), 4000);
	CHECK_INT(index_gov_target(&s, IND_ONLINE_DOSSIERS, 2, 2026), 5000);
	CHECK_INT(index_gov_target(&s, IND_DIGITIZED, 2, 2024), -1);
	free(s.targets);
}

TEST(ties_share_a_rank_and_small_units_are_not_ranked)
{
	int64_t score[] = {9000, 9500, 9000, 9900, 8000};
	int64_t volume[] = {50, 40, 30, 1, 100};
	int rank[5];
	index_rank(score, volume, 5, 30, rank);
	CHECK_INT(rank[1], 1);
	CHECK_INT(rank[0], 2);
	CHECK_INT(rank[2], 2); /* tie */
	CHECK_INT(rank[4], 4); /* after the tie, 3 is skipped */
	CHECK_INT(rank[3], 0); /* one early dossier must not top the table */
	index_rank(score, volume, 5, 0, rank);
	CHECK_INT(rank[3], 1);
	CHECK_INT(rank[1], 2);
}

TEST(names_round_trip)
{
	for (int i = 0; i < IND__COUNT; i++)
		CHECK_INT(index_indicator_parse(index_indicator_name(
				  (enum index_indicator)i)),
			  i);
	for (int g = 0; g < GRP__COUNT; g++)
		CHECK_INT(index_group_parse(
				  index_group_name((enum index_group)g)),
			  g);
	CHECK_INT(index_indicator_parse("nope"), -1);
}

TEST_MAIN(T(online_payment_boundaries), T(citizen_versus_business),
	  T(digitized_reused_and_electronic_results),
	  T(second_supplement_request_counts_late), T(late_and_overdue),
	  T(no_online_procedures_and_satisfaction),
	  T(points_are_linear_to_the_threshold),
	  T(government_targets_by_year_and_level),
	  T(ties_share_a_rank_and_small_units_are_not_ranked),
	  T(names_round_trip))
