/*
 * index_rules.c - the service index rules document: the built-in rules
 * load and say what the national portal shows; a bad document is
 * refused with the field named by its path and nothing kept.
 */
#include "test.h"

#include "core/civil.h"
#include "io/index_rules.h"

static int64_t day(const char *s)
{
	int64_t d;
	civil_parse_date(s, &d, "d", NULL);
	return d;
}

TEST(default_rules_load)
{
	struct index_rules r;
	struct mc_err err;
	CHECK_INT(index_rules_default(&r, &err), MC_OK);
	const struct index_rule_set *s = index_rules_at(&r, day("2024-04-30"));
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(s->weight[GRP_TRANSPARENCY], 1800);
		CHECK_INT(s->weight[GRP_PROGRESS], 2000);
		CHECK_INT(s->weight[GRP_ONLINE_SERVICE], 1200);
		CHECK_INT(s->weight[GRP_ONLINE_PAYMENT], 1000);
		CHECK_INT(s->weight[GRP_DIGITIZATION], 2200);
		CHECK_INT(s->weight[GRP_SATISFACTION], 1800);
		CHECK_INT(index_gov_target(s, IND_ONLINE_DOSSIERS, 3, 2024),
			  5000);
		CHECK_INT(index_gov_target(s, IND_ONLINE_PAYMENT, 1, 2024),
			  4500);
		CHECK_INT(index_gov_target(s, IND_E_RESULTS, 2, 2024), 10000);
		CHECK(strstr(s->reference, "766/QĐ-TTg") != NULL);
	}
	CHECK(index_rules_at(&r, day("2022-06-22")) == NULL);
	index_rules_release(&r);
}

/* Two sets switching on 1 July: the second gives progress 30. */
static const char two_sets[] = "{\"rule_sets\":[%s,%s]}";

static const char set_fmt[] =
	"{\"name\":\"%s\",\"reference\":\"ref\",\"valid_from\":\"%s\","
	"\"valid_to\":%s,\"groups\":{"
	"\"transparency\":{\"weight\":%s,\"indicators\":{"
	"\"publication_on_time\":{\"points\":%s,\"threshold\":100}}},"
	"\"progress\":{\"weight\":%s,\"indicators\":{"
	"\"on_time\":{\"points\":%s,\"threshold\":100}}},"
	"\"online_service\":{\"weight\":12,\"indicators\":{"
	"\"online_dossiers\":{\"points\":12,\"threshold\":50}}},"
	"\"online_payment\":{\"weight\":10,\"indicators\":{"
	"\"online_payment\":{\"points\":10,\"threshold\":%s}}},"
	"\"digitization\":{\"weight\":22,\"indicators\":{"
	"\"digitized_components\":{\"points\":22,\"threshold\":80}}},"
	"\"satisfaction\":{\"weight\":18,\"indicators\":{"
	"\"satisfaction\":{\"points\":18,\"threshold\":90}}}}}";

static enum mc_code parse(const char *a, const char *b, struct mc_err *err)
{
	char doc[8192];
	struct index_rules r;
	snprintf(doc, sizeof(doc), two_sets, a, b);
	enum mc_code rc = index_rules_parse(doc, strlen(doc), &r, err);
	if (!rc) {
		CHECK_INT(r.n, 2);
	} else {
		CHECK_INT(r.n, 0); /* nothing kept */
		CHECK(r.sets == NULL);
	}
	index_rules_release(&r);
	return rc;
}

static void set(char *buf, size_t n, const char *from, const char *to,
		const char *transparency, const char *progress,
		const char *pay_threshold)
{
	snprintf(buf, n, set_fmt, from, from, to, transparency, transparency,
		 progress, progress, pay_threshold);
}

TEST(a_good_pair_parses)
{
	char a[2048], b[2048];
	struct mc_err err;
	set(a, sizeof(a), "2024-01-01", "\"2024-06-30\"", "18", "20", "45");
	set(b, sizeof(b), "2024-07-01", "null", "8", "30", "45.5");
	CHECK_INT(parse(a, b, &err), MC_OK);
}

static void refused(const char *a, const char *b, const char *field)
{
	struct mc_err err = {0};
	CHECK_INT(parse(a, b, &err), MC_ERR_INPUT);
	/* struct mc_err keeps 63 bytes of the field; the message has all */
	CHECK(strncmp(err.field, field, sizeof(err.field) - 1) == 0);
	CHECK(strstr(err.message, field) != NULL);
}

TEST(bad_documents_name_the_field)
{
	char a[2048], b[2048];
	set(a, sizeof(a), "2024-01-01", "\"2024-06-30\"", "18", "20", "45");
	/* progress weight 21 but its points 21 too: the total is 101 */
	set(b, sizeof(b), "2024-07-01", "null", "18", "21", "45");
	refused(a, b, "rule_sets[1].groups");
	/* a weight its indicators do not add up to */
	snprintf(b, sizeof(b), set_fmt, "2024-07-01", "2024-07-01", "null",
		 "18", "18", "20", "19", "45");
	refused(a, b, "rule_sets[1].groups.progress.weight");
	set(b, sizeof(b), "2024-07-01", "null", "18", "20", "145");
	refused(a, b,
		"rule_sets[1].groups.online_payment.indicators."
		"online_payment.threshold");
	set(b, sizeof(b), "2024-06-01", "null", "18", "20", "45");
	refused(a, b, "rule_sets[1].valid_from");
	set(b, sizeof(b), "2024-13-01", "null", "18", "20", "45");
	refused(a, b, "rule_sets[1].valid_from");
	set(b, sizeof(b), "2024-07-01", "null", "18.005", "20", "45");
	refused(a, b, "rule_sets[1].groups.transparency.weight");
}

TEST(unknown_fields_and_broken_json)
{
	struct index_rules r;
	struct mc_err err = {0};
	const char *doc = "{\"rule_sets\":[],\"extra\":1}";
	CHECK_INT(index_rules_parse(doc, strlen(doc), &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "extra");
	doc = "{\"rule_sets\":[";
	CHECK_INT(index_rules_parse(doc, strlen(doc), &r, &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "index rules") != NULL);
	doc = "{\"rule_sets\":[]}";
	CHECK_INT(index_rules_parse(doc, strlen(doc), &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "rule_sets");
	CHECK_INT(r.n, 0);
}

TEST_MAIN(T(default_rules_load), T(a_good_pair_parses),
	  T(bad_documents_name_the_field), T(unknown_fields_and_broken_json))
