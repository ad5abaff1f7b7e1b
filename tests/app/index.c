/*
 * index.c - the service index over stored data: a month built through
 * app_lifecycle to give known rates reproduces them and the score
 * exactly; the aggregates agree with a scan of every dossier after
 * random lifecycles; rules switching inside a year; targets inherited,
 * allocated and checked; a published snapshot unchanged by a late
 * import while --diff shows the change; bad input lines refused with
 * nothing stored.
 */
#include "test.h"

#include <stdio.h>

#include <fcntl.h>
#include <unistd.h>

#include "app/files.h"
#include "app/index.h"
#include "app/pki.h"
#include "app/result.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"
#include "io/index_rules.h"

static struct fixture fx;

#define DEPT "000.00.06.H56"
#define ROOT "000.00.00.H56"

static char *run_op(const char *code, enum dossier_op op, const char *when,
		    const struct dossier *filing,
		    const struct dossier_result *results, size_t n_results)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op,
			   .at = fixture_time(when),
			   .note = "lý do",
			   .results = results,
			   .n_results = n_results},
		.code = code,
		.filing = filing,
	};
	struct dossier out;
	struct mc_err err;
	enum mc_code rc = app_lifecycle(&fx.app, &req, &out, &err);
	CHECK_INT(rc, MC_OK);
	if (rc) {
		fprintf(stderr, "%s at %s: %s\n", dossier_op_name(op), when,
			err.message);
		return NULL;
	}
	char *c = strdup(out.code);
	dossier_release(&out);
	return c;
}

static void op(const char *code, enum dossier_op o, const char *when)
{
	free(run_op(code, o, when, NULL, NULL, 0));
}

static void fee(struct dossier *d, int64_t amount)
{
	struct dossier_fee *f = ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
	f->amount = amount;
}

static void component(struct dossier *d, bool digitized, bool reused)
{
	struct dossier_component *c =
		ARRAY_PUSH(d->components, d->n_components, d->cap_components);
	c->digitized = digitized;
	c->reused = reused;
}

/* A new dossier: online ones are registered first, then accepted. */
static char *file(struct dossier *f, const char *when_reg, const char *when_acc)
{
	if (f->channel != CHANNEL_ONLINE)
		return run_op(NULL, OP_ACCEPT, when_acc, f, NULL, 0);
	char *code = run_op(NULL, OP_REGISTER, when_reg, f, NULL, 0);
	if (code)
		op(code, OP_ACCEPT, when_acc);
	return code;
}

static char *d1, *d2, *d3, *d4;

/* Finish with a result file signed by the unit: an electronic result
 * (a URL given at finishing is not one). */
static void finish_signed(const char *code, const char *when)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/ket-qua.pdf", fx.dir);
	FILE *f = fopen(path, "wb");
	fprintf(f, "%%PDF-1.4\nKet qua %s\n%%%%EOF\n", code);
	fclose(f);
	int fd = open(path, O_RDONLY);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_FINISH, .at = fixture_time(when)},
		.code = code,
	};
	struct result_doc doc = {
		.name = "Kết quả", .fd = fd, .file_name = "ket-qua.pdf"};
	struct dossier out;
	struct mc_err err;
	enum mc_code rc = app_finish_signed(&fx.app, &req, &doc, 1, &out, &err);
	CHECK_INT(rc, MC_OK);
	close(fd);
	if (rc)
		fprintf(stderr, "finish_signed: %s\n", err.message);
	else
		dossier_release(&out);
}

/* The document store and the demonstration keys, made before July. */
static void open_keys(void)
{
	char dir[160];
	struct app_pki_init_result res;
	struct mc_err err = {0};
	snprintf(dir, sizeof(dir), "%s/files", fx.dir);
	CHECK_INT(app_files_open(&fx.app, dir, &err), MC_OK);
	snprintf(dir, sizeof(dir), "%s/keys", fx.dir);
	CHECK_INT(app_pki_open(&fx.app, dir, true, &err), MC_OK);
	int64_t now = fx.app.now;
	fx.app.now = fixture_time("2024-01-01 08:00");
	CHECK_INT(app_pki_init(&fx.app, &res, &err), MC_OK);
	fx.app.now = now;
}

/* July 2024 at the department: four dossiers with known facts. */
static void build_july(void)
{
	struct dossier f;
	struct dossier_result paper = {.name = "Kết quả giấy"};

	/* D1 online, fee paid online, digitized with a reused component,
	 * verified citizen, finished early with an electronic result */
	fixture_filing(&f, "1.000001", DEPT, CHANNEL_ONLINE);
	fee(&f, 50000);
	f.paid_online = PAID_NATIONAL;
	component(&f, true, true);
	f.verified = true;
	d1 = file(&f, "2024-07-01 08:00", "2024-07-01 09:00");
	dossier_release(&f);
	op(d1, OP_START, "2024-07-01 10:00");
	finish_signed(d1, "2024-07-03 10:00");

	/* D2 at the counter, fee paid at the counter, not digitized,
	 * citizen not verified, early with a paper result */
	fixture_filing(&f, "1.000001", DEPT, CHANNEL_DIRECT);
	fee(&f, 50000);
	component(&f, false, false);
	d2 = file(&f, NULL, "2024-07-02 09:00");
	dossier_release(&f);
	op(d2, OP_START, "2024-07-02 10:00");
	free(run_op(d2, OP_FINISH, "2024-07-04 10:00", NULL, &paper, 1));

	/* D3 a business, digitized, early but after two supplement
	 * requests: late for the index */
	fixture_filing(&f, "1.000004", DEPT, CHANNEL_DIRECT);
	f.applicant_kind = APPLICANT_BUSINESS;
	component(&f, true, false);
	d3 = file(&f, NULL, "2024-07-02 09:30");
	dossier_release(&f);
	op(d3, OP_START, "2024-07-02 10:00");
	op(d3, OP_REQUEST_SUPPLEMENT, "2024-07-03 09:00");
	op(d3, OP_COMPLETE_SUPPLEMENT, "2024-07-04 09:00");
	op(d3, OP_REQUEST_SUPPLEMENT, "2024-07-05 09:00");
	op(d3, OP_COMPLETE_SUPPLEMENT, "2024-07-08 09:00");
	free(run_op(d3, OP_FINISH, "2024-07-09 10:00", NULL, &paper, 1));

	/* D4 online, verified citizen, digitized, open and in time */
	fixture_filing(&f, "1.000004", DEPT, CHANNEL_ONLINE);
	component(&f, true, false);
	f.verified = true;
	d4 = file(&f, "2024-07-25 08:00", "2024-07-25 09:00");
	dossier_release(&f);
}

static void import_text(enum mc_code (*fn)(struct app *, FILE *,
					   struct import_stats *,
					   struct mc_err *),
			const char *text, enum mc_code want, struct mc_err *err)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	CHECK_INT(fn(&fx.app, in, NULL, err), want);
	fclose(in);
}

static void july_inputs(void)
{
	char buf[1024];
	struct mc_err err;
	snprintf(buf, sizeof(buf),
		 "{\"dossier\":\"%s\",\"at\":\"2024-07-05 10:00\","
		 "\"rating\":\"dissatisfied\",\"channel\":\"portal\"}\n"
		 "{\"dossier\":\"%s\",\"at\":\"2024-07-05 11:00\","
		 "\"rating\":\"satisfied\"}\n",
		 d2, d1);
	import_text(import_ratings, buf, MC_OK, &err);
	snprintf(buf, sizeof(buf),
		 "{\"id\":\"F1\",\"unit\":\"%s\",\"received_at\":"
		 "\"2024-07-10 08:00\",\"answered_at\":\"2024-07-15 08:00\","
		 "\"outcome\":\"answered\"}\n\n"
		 "{\"id\":\"F2\",\"unit\":\"%s\",\"dossier\":\"%s\","
		 "\"received_at\":\"2024-07-20 08:00\",\"answered_at\":"
		 "\"2024-08-10 08:00\"}\n",
		 DEPT, DEPT, d3);
	import_text(import_feedback, buf, MC_OK, &err);
	/* 1.000003 (online, no dossiers) offered at province level; one
	 * procedure publicized in time, one late */
	struct store *st = fx.app.st;
	CHECK_INT(store_begin(st, &err), MC_OK);
	const char *l3 = "{\"levels\":[1]}";
	CHECK_INT(
		index_procedure_line(&fx.app, l3, strlen(l3), "1.000003", &err),
		MC_OK);
	const char *p1 = "{\"publication\":{\"decided\":\"2024-06-01\","
			 "\"effective\":\"2024-06-15\",\"publicized\":"
			 "\"2024-06-10\"}}";
	const char *p4 = "{\"publication\":{\"decided\":\"2024-06-01\","
			 "\"effective\":\"2024-06-15\",\"publicized\":"
			 "\"2024-06-20\"}}";
	CHECK_INT(
		index_procedure_line(&fx.app, p1, strlen(p1), "1.000001", &err),
		MC_OK);
	CHECK_INT(
		index_procedure_line(&fx.app, p4, strlen(p4), "1.000004", &err),
		MC_OK);
	CHECK_INT(store_commit(st, &err), MC_OK);
}

static struct index_query july(const char *unit)
{
	struct index_query q = {.unit = unit, .min_dossiers = 1};
	report_period_parse("month:2024-07", 1, &q.period, "period", NULL);
	return q;
}

static void check_ratio(const struct index_line *l, enum index_indicator i,
			int64_t num, int64_t den, int64_t rate)
{
	if (l->ind[i].num != num || l->ind[i].den != den ||
	    l->ind[i].rate != rate) {
		fprintf(stderr,
			"%s: %lld/%lld = %lld, expected %lld/%lld = "
			"%lld\n",
			index_indicator_name(i), (long long)l->ind[i].num,
			(long long)l->ind[i].den, (long long)l->ind[i].rate,
			(long long)num, (long long)den, (long long)rate);
		test_failed_checks++;
	}
}

TEST(known_month_gives_known_rates)
{
	struct index_query q = july(DEPT);
	struct index_table t;
	struct mc_err err;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	const struct index_line *l = &t.total;
	check_ratio(l, IND_ONLINE_DOSSIERS, 2, 4, 5000);
	check_ratio(l, IND_ONLINE_PAYMENT, 1, 2, 5000);
	check_ratio(l, IND_DIGITIZED, 3, 4, 7500);
	check_ratio(l, IND_E_RESULTS, 1, 3, 3333);
	check_ratio(l, IND_DATA_REUSE, 1, 4, 2500);
	check_ratio(l, IND_POPULATION_DATA, 2, 3, 6667);
	check_ratio(l, IND_ONLINE_SERVICES, 2, 3, 6667);
	check_ratio(l, IND_PAYING_PROCEDURES, 1, 1, 10000);
	check_ratio(l, IND_ON_TIME, 3, 4, 7500);
	/* D2 rated dissatisfied, D3 complained about: (3 - 2) / 4 */
	check_ratio(l, IND_SATISFACTION, 1, 4, 2500);
	check_ratio(l, IND_FEEDBACK_ON_TIME, 1, 2, 5000);
	check_ratio(l, IND_PUBLICATION, 1, 2, 5000);
	/* points worked out by hand from data/index-rules.json */
	CHECK_INT(l->score.group[GRP_TRANSPARENCY], 900);
	CHECK_INT(l->score.group[GRP_PROGRESS], 1500);
	CHECK_INT(l->score.group[GRP_ONLINE_SERVICE], 800 + 267);
	CHECK_INT(l->score.group[GRP_ONLINE_PAYMENT], 1000);
	CHECK_INT(l->score.group[GRP_DIGITIZATION], 750 + 200 + 125 + 267);
	CHECK_INT(l->score.group[GRP_SATISFACTION], 389 + 200);
	CHECK_INT(l->score.total, 6398);
	CHECK_INT(l->target[IND_ONLINE_DOSSIERS], 5000); /* 02/NQ-CP */
	CHECK_STR(t.rules_name,
		  "Bộ chỉ số phục vụ người dân, doanh nghiệp (766/QĐ-TTg)");
	index_table_release(&t);

	/* the province: the department ranked, the others too small */
	q = july(NULL);
	q.min_dossiers = 2;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.lines[i].key, DEPT) == 0)
			CHECK_INT(t.lines[i].rank, 1);
		else
			CHECK_INT(t.lines[i].rank, 0);
	CHECK_INT(t.total.ind[IND_ONLINE_DOSSIERS].den, 4);
	index_table_release(&t);

	/* by level: all of it at province level */
	q = july(NULL);
	q.by = INDEX_BY_LEVEL;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	CHECK_INT(t.n, 3);
	if (t.n == 3) {
		check_ratio(&t.lines[0], IND_ONLINE_DOSSIERS, 2, 4, 5000);
		check_ratio(&t.lines[1], IND_ONLINE_DOSSIERS, 0, 0, -1);
		check_ratio(&t.lines[0], IND_FEEDBACK_ON_TIME, 1, 2, 5000);
	}
	index_table_release(&t);
}

/* ---- rules switching inside a year ------------------------------------- */

static const char switching[] =
	"{\"rule_sets\":["
	"{\"name\":\"A\",\"reference\":\"a\",\"valid_from\":\"2024-01-01\","
	"\"valid_to\":\"2024-07-14\",\"groups\":{"
	"\"transparency\":{\"weight\":18,\"indicators\":{\"publication_on_"
	"time\":"
	"{\"points\":18,\"threshold\":100}}},"
	"\"progress\":{\"weight\":20,\"indicators\":{\"on_time\":"
	"{\"points\":20,\"threshold\":100}}},"
	"\"online_service\":{\"weight\":12,\"indicators\":{\"online_dossiers\":"
	"{\"points\":12,\"threshold\":50}}},"
	"\"online_payment\":{\"weight\":10,\"indicators\":{\"online_payment\":"
	"{\"points\":10,\"threshold\":50}}},"
	"\"digitization\":{\"weight\":22,\"indicators\":{"
	"\"digitized_components\":{\"points\":22,\"threshold\":80}}},"
	"\"satisfaction\":{\"weight\":18,\"indicators\":{\"satisfaction\":"
	"{\"points\":18,\"threshold\":90}}}}},"
	"{\"name\":\"B\",\"reference\":\"b\",\"valid_from\":\"2024-07-15\","
	"\"valid_to\":null,\"undefined\":\"zero\",\"groups\":{"
	"\"transparency\":{\"weight\":8,\"indicators\":{\"publication_on_"
	"time\":"
	"{\"points\":8,\"threshold\":100}}},"
	"\"progress\":{\"weight\":30,\"indicators\":{\"on_time\":"
	"{\"points\":30,\"threshold\":100}}},"
	"\"online_service\":{\"weight\":12,\"indicators\":{\"online_dossiers\":"
	"{\"points\":12,\"threshold\":100}}},"
	"\"online_payment\":{\"weight\":10,\"indicators\":{\"online_payment\":"
	"{\"points\":10,\"threshold\":50}}},"
	"\"digitization\":{\"weight\":22,\"indicators\":{"
	"\"digitized_components\":{\"points\":22,\"threshold\":80}}},"
	"\"satisfaction\":{\"weight\":18,\"indicators\":{\"satisfaction\":"
	"{\"points\":18,\"threshold\":90}}}}}]}";

static int64_t scored(const struct index_rules *r, const char *period,
		      const char *want_rules)
{
	struct index_query q = {.unit = DEPT, .rules = r};
	struct index_table t;
	report_period_parse(period, 1, &q.period, "period", NULL);
	CHECK_INT(app_index(&fx.app, &q, &t, NULL), MC_OK);
	CHECK_STR(t.rules_name, want_rules);
	int64_t s = t.total.score.total;
	index_table_release(&t);
	return s;
}

TEST(rules_switch_inside_a_year)
{
	struct index_rules r;
	struct mc_err err;
	CHECK_INT(index_rules_parse(switching, strlen(switching), &r, &err),
		  MC_OK);
	/* June: no dossiers (0/0 earns full points under A), but of the two
	 * procedures decided by then one was publicized late: 100 - 9 */
	CHECK_INT(scored(&r, "month:2024-06", "A"), 9100);
	/* July ends on the 31st: set B, in force from the 15th */
	int64_t b = scored(&r, "month:2024-07", "B");
	/* B: transparency 1/2 -> 4, progress 75% -> 22.5, online 50% of
	 * 100 -> 6, payment 50% -> 10, digitized 75/80 -> 20.63,
	 * satisfaction 25/90 -> 5 */
	CHECK_INT(b, 400 + 2250 + 600 + 1000 + 2063 + 500);
	CHECK_INT(scored(&r, "half:2024H1", "A"), 9100);
	scored(&r, "year:2024", "B");
	/* a period that ends before any set is refused */
	struct index_query q = {.unit = DEPT, .rules = &r};
	struct index_table t;
	report_period_parse("month:2023-12", 1, &q.period, "period", NULL);
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_ERR_RULE);
	CHECK_STR(err.field, "period");
	index_rules_release(&r);
}

/* ---- targets ---------------------------------------------------------------
 */

static const struct target_check *find_check(const struct target_report *r,
					     const char *unit,
					     enum index_indicator ind)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].unit, unit) == 0 && r->rows[i].ind == ind)
			return &r->rows[i];
	return NULL;
}

TEST(targets_inherit_allocate_and_check)
{
	struct mc_err err;
	struct target_report rep;
	const struct target_check *c;
	/* no targets of the province yet: the government's */
	CHECK_INT(app_target_check(&fx.app, "month:2024-07", NULL, &rep, &err),
		  MC_OK);
	c = find_check(&rep, DEPT, IND_ONLINE_DOSSIERS);
	CHECK(c && c->target == 5000 && c->met == 1 && c->inherited);
	target_report_release(&rep);

	/* the province sets 60% for the half-year; a month inherits it */
	CHECK_INT(app_target_set(&fx.app, &fixture_operator, ROOT,
				 "half:2024H2", "online_dossiers", "60", &err),
		  MC_OK);
	CHECK_INT(app_target_check(&fx.app, "month:2024-07", DEPT, &rep, &err),
		  MC_OK);
	c = find_check(&rep, DEPT, IND_ONLINE_DOSSIERS);
	CHECK(c && c->target == 6000 && c->met == 0 && c->margin == -1000 &&
	      c->inherited && !c->below_parent);
	target_report_release(&rep);

	/* allocation writes the children's own rows, equal to the parent's */
	size_t written = 0;
	CHECK_INT(app_target_allocate(&fx.app, &fixture_operator, ROOT,
				      "half:2024H2", &written, &err),
		  MC_OK);
	/* three children, eight targets: the province's own online
	 * dossiers and the seven others the rules set for 2024 */
	CHECK_INT(written, 3 * 8);
	/* a child edits its row below the parent's: flagged */
	CHECK_INT(app_target_set(&fx.app, &fixture_operator, DEPT,
				 "half:2024H2", "online_dossiers", "45.5",
				 &err),
		  MC_OK);
	CHECK_INT(app_target_check(&fx.app, "month:2024-07", NULL, &rep, &err),
		  MC_OK);
	c = find_check(&rep, DEPT, IND_ONLINE_DOSSIERS);
	CHECK(c && c->target == 4550 && c->met == 1 && c->margin == 450 &&
	      !c->inherited && c->below_parent);
	c = find_check(&rep, "000.00.31.H56", IND_ONLINE_DOSSIERS);
	CHECK(c && c->target == 6000 && !c->inherited && !c->below_parent);
	/* the commune inherits from its district's allocated row */
	c = find_check(&rep, "000.31.21.H56", IND_ONLINE_DOSSIERS);
	CHECK(c && c->target == 6000 && c->inherited);
	target_report_release(&rep);
}

TEST(bad_target_lines_store_nothing)
{
	char before[65], after[65];
	struct mc_err err;
	fixture_digest(&fx, before);
	import_text(import_targets,
		    "{\"unit\":\"" DEPT "\",\"period\":\"year:2024\","
		    "\"indicator\":\"digitized_components\",\"value\":90}\n"
		    "{\"unit\":\"" DEPT "\",\"period\":\"year:2024\","
		    "\"indicator\":\"digitized_components\",\"value\":190}\n",
		    MC_ERR_INPUT, &err);
	CHECK_STR(err.field, "value");
	CHECK(strstr(err.message, "line 2: value") != NULL);
	import_text(import_targets,
		    "{\"unit\":\"000.99.99.H56\",\"period\":\"year:2024\","
		    "\"indicator\":\"data_reuse\",\"value\":50}\n",
		    MC_ERR_NOT_FOUND, &err);
	CHECK_STR(err.field, "unit");
	import_text(import_targets,
		    "{\"unit\":\"" DEPT "\",\"period\":\"month:2024-13\","
		    "\"indicator\":\"data_reuse\",\"value\":50}\n",
		    MC_ERR_INPUT, &err);
	CHECK_STR(err.field, "period");
	import_text(import_targets,
		    "{\"unit\":\"" DEPT "\",\"period\":\"year:2024\","
		    "\"indicator\":\"speed\",\"value\":50}\n",
		    MC_ERR_INPUT, &err);
	CHECK_STR(err.field, "indicator");
	import_text(import_ratings,
		    "{\"dossier\":\"nope\",\"at\":\"2024-07-05 10:00\","
		    "\"rating\":\"satisfied\"}\n",
		    MC_ERR_NOT_FOUND, &err);
	CHECK_STR(err.field, "dossier");
	import_text(import_ratings,
		    "{\"dossier\":\"x\",\"at\":\"2024-07-05 10:00\","
		    "\"rating\":\"happy\"}\n",
		    MC_ERR_INPUT, &err);
	CHECK_STR(err.field, "rating");
	import_text(
		import_feedback,
		"{\"id\":\"F9\",\"unit\":\"" DEPT "\",\"received_at\":"
		"\"2024-07-10 08:00\",\"answered_at\":\"2024-07-01 08:00\"}\n",
		MC_ERR_INPUT, &err);
	CHECK_STR(err.field, "answered_at");
	CHECK_INT(app_target_set(&fx.app, &fixture_operator, DEPT, "year:2024",
				 "data_reuse", "abc", &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "value");
	CHECK_STR(fixture_digest(&fx, after), before);
}

/* ---- publication ------------------------------------------------------------
 */

TEST(published_snapshot_survives_a_late_import)
{
	struct mc_err err;
	struct snapshot s;
	bool intact = false;
	CHECK_INT(
		app_publish(&fx.app, &fixture_operator, "month:2024-07", &err),
		MC_OK);
	CHECK_INT(
		app_publish(&fx.app, &fixture_operator, "month:2024-07", &err),
		MC_ERR_CONFLICT);
	CHECK_INT(app_publish_show(&fx.app, "month:2024-07", &s, &intact, &err),
		  MC_OK);
	CHECK(intact);
	CHECK(strstr(s.content, "\"satisfaction\"") != NULL);
	char *published = strdup(s.content);
	snapshot_release(&s);

	/* a late rating of D1 for July */
	char buf[256];
	snprintf(buf, sizeof(buf),
		 "{\"dossier\":\"%s\",\"at\":\"2024-07-30 10:00\","
		 "\"rating\":\"dissatisfied\"}\n",
		 d1);
	import_text(import_ratings, buf, MC_OK, &err);

	CHECK_INT(app_publish_show(&fx.app, "month:2024-07", &s, &intact, &err),
		  MC_OK);
	CHECK(intact);
	CHECK_STR(s.content, published);
	struct strbuf now, diff;
	char *rules = NULL;
	size_t changes = 0;
	strbuf_init(&now);
	strbuf_init(&diff);
	CHECK_INT(app_publish_render(&fx.app, "month:2024-07", &now, &rules,
				     &err),
		  MC_OK);
	CHECK_INT(index_json_diff(s.content, now.buf, &diff, &changes, &err),
		  MC_OK);
	CHECK(changes > 0);
	CHECK(diff.buf && strstr(diff.buf, "indicators.satisfaction.numerator"
					   ": 1 -> 0"));
	free(rules);
	free(published);
	strbuf_release(&now);
	strbuf_release(&diff);
	snapshot_release(&s);
	CHECK_INT(app_publish_show(&fx.app, "month:2024-01", &s, &intact, &err),
		  MC_ERR_NOT_FOUND);
}

/* ---- the aggregates against a scan of every dossier -----------------------
 */

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static const char *const units[] = {DEPT, "000.00.31.H56", "000.31.21.H56"};

static void random_filing(uint64_t *seed, struct dossier *f)
{
	fixture_filing(f, rng(seed) % 2 ? "1.000001" : "1.000004",
		       units[rng(seed) % 3],
		       rng(seed) % 3 ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	if (rng(seed) % 2)
		fee(f, rng(seed) % 3 ? 50000 : 0);
	f->paid_online = (enum paid_online)(rng(seed) % 3);
	for (uint64_t n = rng(seed) % 3; n > 0; n--)
		component(f, rng(seed) % 4 != 0, rng(seed) % 3 == 0);
	if (rng(seed) % 3 == 0)
		f->applicant_kind = APPLICANT_BUSINESS;
	f->verified = rng(seed) % 2;
}

static void random_life(uint64_t *seed, int64_t t)
{
	struct dossier f, d;
	random_filing(seed, &f);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = f.channel == CHANNEL_ONLINE ? OP_REGISTER
							     : OP_ACCEPT,
			   .at = t},
		.filing = &f,
	};
	enum mc_code rc = app_lifecycle(&fx.app, &req, &d, NULL);
	dossier_release(&f);
	if (rc)
		return;
	char *code = strdup(d.code);
	dossier_release(&d);
	struct dossier_result res = {.name = "KQ", .url = "https://kq/2"};
	for (int step = 0; step < 8; step++) {
		t += (int64_t)(rng(seed) % (3 * 86400));
		struct op_request o = {
			.actor = &fixture_operator,
			.params = {.op = (enum dossier_op)(rng(seed) %
							   OP__COUNT),
				   .at = t,
				   .note = "lý do",
				   .to_unit = units[rng(seed) % 3],
				   .results = &res,
				   .n_results = rng(seed) % 2},
			.code = code,
		};
		if (app_lifecycle(&fx.app, &o, &d, NULL) == MC_OK)
			dossier_release(&d);
	}
	free(code);
}

/* The counter-based indicators by their definitions, dossier by dossier. */
struct scan {
	struct report_period p;
	int64_t n[IND__COUNT], den[IND__COUNT];
};

static int64_t local(int64_t t) { return civil_local_day(t); }

static void scan_handled(struct scan *s, const struct dossier *d, int64_t recv,
			 int64_t end, bool ended)
{
	bool finished = d->status == ST_FINISHED || d->status == ST_RETURNED;
	int64_t due = local(d->due);
	if (ended && end >= s->p.from && end <= s->p.to) {
		/* stopped or withdrawn in the period: neither */
		if (!finished)
			return;
		s->den[IND_E_RESULTS]++;
		s->n[IND_E_RESULTS] += dossier_has_e_result(d);
		s->den[IND_ON_TIME]++;
		s->n[IND_ON_TIME] += end <= due && d->n_supplements < 2;
	} else if (recv <= s->p.to && (!ended || end > s->p.to)) {
		/* open at the end, whatever becomes of it later */
		bool multi = d->n_supplements >= 2 &&
			     local(d->supplements[1].requested) <= s->p.to;
		/* waiting on a request made by then: its clock is stopped */
		bool waiting =
			dossier_supplement_open(d) &&
			local(d->supplements[d->n_supplements - 1].requested) <=
				s->p.to;
		s->den[IND_ON_TIME]++;
		s->n[IND_ON_TIME] +=
			!report_overdue(d->due, waiting, s->p.to) && !multi;
	}
}

static int scan_one(const struct dossier *d, void *ctx)
{
	struct scan *s = ctx;
	if (d->received == MC_NO_TIME || d->status == ST_REGISTERED ||
	    d->status == ST_NOT_ACCEPTED)
		return 0;
	int64_t recv = local(d->received);
	bool ended = dossier_status_ended(d->status);
	int64_t end = ended ? local(d->finished) : INT64_MAX;
	scan_handled(s, d, recv, end, ended);
	if (recv < s->p.from || recv > s->p.to)
		return 0;
	bool fee_due = dossier_fee_total(d) > 0;
	bool citizen = d->applicant_kind == APPLICANT_CITIZEN;
	for (int i = IND_ONLINE_DOSSIERS; i <= IND_DATA_REUSE; i++)
		s->den[i] += i != IND_ONLINE_PAYMENT && i != IND_E_RESULTS;
	s->n[IND_ONLINE_DOSSIERS] += d->channel == CHANNEL_ONLINE;
	s->den[IND_ONLINE_PAYMENT] += fee_due;
	s->n[IND_ONLINE_PAYMENT] +=
		fee_due && d->paid_online != PAID_NOT_ONLINE;
	s->n[IND_DIGITIZED] += dossier_all_digitized(d);
	s->n[IND_DATA_REUSE] += dossier_any_reused(d);
	s->den[IND_POPULATION_DATA] += citizen;
	s->n[IND_POPULATION_DATA] += citizen && d->verified;
	return 0;
}

TEST(aggregates_agree_with_a_scan)
{
	uint64_t seed = 7;
	int64_t start = fixture_time("2024-08-01 08:00");
	for (int i = 0; i < 150; i++)
		random_life(&seed,
			    start + (int64_t)(rng(&seed) % (45 * 86400)));
	static const char *const periods[] = {"month:2024-08", "month:2024-09",
					      "quarter:2024Q3", "year:2024"};
	static const enum index_indicator checked[] = {
		IND_ONLINE_DOSSIERS, IND_ONLINE_PAYMENT, IND_DIGITIZED,
		IND_E_RESULTS,       IND_DATA_REUSE,     IND_POPULATION_DATA,
		IND_ON_TIME};
	for (size_t p = 0; p < 4; p++) {
		struct index_query q = {.unit = NULL};
		struct index_table t;
		struct scan s;
		memset(&s, 0, sizeof(s));
		report_period_parse(periods[p], 1, &q.period, "period", NULL);
		s.p = q.period;
		CHECK_INT(app_index(&fx.app, &q, &t, NULL), MC_OK);
		CHECK_INT(store_dossier_each(fx.app.st, MC_NO_TIME, MC_NO_TIME,
					     scan_one, &s, NULL),
			  MC_OK);
		int before = test_failed_checks;
		for (size_t i = 0; i < sizeof(checked) / sizeof(*checked); i++)
			check_ratio(&t.total, checked[i], s.n[checked[i]],
				    s.den[checked[i]],
				    report_rate(s.n[checked[i]],
						s.den[checked[i]]));
		if (test_failed_checks != before)
			fprintf(stderr, "in %s\n", periods[p]);
		index_table_release(&t);
	}
}

static void setup(void)
{
	fixture_open(&fx);
	open_keys();
	build_july();
	july_inputs();
}

static void teardown(void)
{
	free(d1);
	free(d2);
	free(d3);
	free(d4);
	fixture_close(&fx);
}

/* Complaints in July per unit: the department's and the commune's. */
struct july_complaints {
	int64_t dept, commune;
};

static int note_complaints(const char *unit, const struct feedback_counts *c,
			   void *ctx)
{
	struct july_complaints *j = ctx;
	if (strcmp(unit, DEPT) == 0)
		j->dept += c->complained;
	else if (strcmp(unit, "000.31.21.H56") == 0)
		j->commune += c->complained;
	return 0;
}

static struct july_complaints july_complaints(void)
{
	struct july_complaints j = {0, 0};
	int64_t from = civil_time_at(civil_days(2024, 7, 1), 0);
	int64_t to = civil_time_at(civil_days(2024, 8, 1), 0) - 1;
	CHECK_INT(store_feedback_by_unit(fx.app.st, from, to, 10,
					 note_complaints, &j, NULL),
		  MC_OK);
	return j;
}

/* A dossier moved to another unit takes its complaints along: D2's
 * dissatisfied rating leaves the department and goes to the commune,
 * and the index of each follows. */
TEST(complaints_follow_a_moved_dossier)
{
	struct mc_err err;
	/* D1 (rated late, when published_snapshot_survives_a_late_import
	 * ran before), D2 (rated), D3 (feedback) */
	struct july_complaints was = july_complaints(), j;
	CHECK(was.dept >= 2);
	CHECK_INT(was.commune, 0);

	struct dossier d;
	CHECK_INT(store_dossier_get(fx.app.st, d2, &d, &err), MC_OK);
	CHECK(str_set(&d.unit_code, "000.31.21.H56"));
	CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	dossier_release(&d);
	j = july_complaints();
	CHECK_INT(j.dept, was.dept - 1);
	CHECK_INT(j.commune, 1);

	/* the commune's index: D2 handled there, and complained about */
	struct index_query q = july("000.31.21.H56");
	struct index_table t;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	CHECK_INT(t.total.ind[IND_SATISFACTION].den, 1);
	CHECK_INT(t.total.ind[IND_SATISFACTION].num, 0);
	index_table_release(&t);
}

TEST_MAIN_WITH(setup, teardown, T(known_month_gives_known_rates),
	       T(rules_switch_inside_a_year),
	       T(targets_inherit_allocate_and_check),
	       T(bad_target_lines_store_nothing),
	       T(published_snapshot_survives_a_late_import),
	       T(aggregates_agree_with_a_scan),
	       T(complaints_follow_a_moved_dossier))
