/*
 * tests/fuzz/index_rules_fuzz.c - the service index rules document: an
 * input is refused with a message (and nothing kept), or gives rules
 * whose every set scores any rates without crashing, with group scores
 * that add up to the total and never exceed 100 points. `make fuzz` runs
 * it under libFuzzer; as a test it runs the seeds below, the built-in
 * document among them, each with its verdict (tests/fuzz/fuzz.h).
 */
#include "core/index.h"
#include "fuzz/fuzz.h"
#include "io/index_rules.h"

static void score_all(const struct index_rules *rules, const uint8_t *data,
		      size_t size)
{
	struct index_ratio r[IND__COUNT];
	for (int64_t rate = -1; rate <= 10000; rate += 1667) {
		for (int i = 0; i < IND__COUNT; i++)
			r[i] = (struct index_ratio){0, 0, rate};
		for (size_t s = 0; s < rules->n; s++) {
			struct index_score sc;
			index_score(&rules->sets[s], r, &sc);
			int64_t sum = 0;
			for (int g = 0; g < GRP__COUNT; g++)
				sum += sc.group[g];
			if (sum != sc.total || sc.total > 10000 || sc.total < 0)
				fuzz_fail("scores out of bounds", data, size);
		}
	}
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	struct index_rules rules;
	struct mc_err err = {0};
	enum mc_code rc =
		index_rules_parse((const char *)data, size, &rules, &err);
	if (rc) {
		if (rules.n != 0)
			fuzz_fail("a refused document kept rule sets", data,
				  size);
		fuzz_refused(v, &err, rc, data, size);
		return;
	}
	score_all(&rules, data, size);
	index_rules_release(&rules);
}

extern const char mc_index_rules_json[];

static const struct fuzz_seed seeds[] = {
	{mc_index_rules_json, MC_OK, ""},
	{"{\"version\":1,\"rule_sets\":[]}", MC_ERR_INPUT, "rule_sets"},
	{"[]", MC_ERR_INPUT, ""}, /* not a document at all */
	{"{\"version\":1}", MC_ERR_INPUT, "rule_sets"},
};

FUZZ_MAIN(judge, seeds)
