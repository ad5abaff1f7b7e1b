/*
 * tests/fuzz/index_rules_fuzz.c - libFuzzer target for the service index
 * rules document: any input either fails with a message or gives rules
 * whose every set scores any rates without crashing, with group scores
 * that add up to the total and never exceed 100 points. Built by
 * `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/index.h"
#include "io/index_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct index_rules rules;
	struct mc_err err;
	if (index_rules_parse((const char *)data, size, &rules, &err)) {
		if (err.message[0] == '\0' || rules.n != 0)
			abort(); /* every refusal says why and keeps nothing */
		return 0;
	}
	struct index_ratio r[IND__COUNT];
	for (int64_t rate = -1; rate <= 10000; rate += 1667) {
		for (int i = 0; i < IND__COUNT; i++)
			r[i] = (struct index_ratio){0, 0, rate};
		for (size_t s = 0; s < rules.n; s++) {
			struct index_score sc;
			index_score(&rules.sets[s], r, &sc);
			int64_t sum = 0;
			for (int g = 0; g < GRP__COUNT; g++)
				sum += sc.group[g];
			if (sum != sc.total || sc.total > 10000 || sc.total < 0)
				abort();
		}
	}
	index_rules_release(&rules);
	return 0;
}
