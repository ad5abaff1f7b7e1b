/*
 * index_table.c - release, the names of the groupings, and whether a
 * rate meets its target (see index_table.h).
 */
#include "core/index_table.h"

#include <stdlib.h>
#include <string.h>

void index_table_release(struct index_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lines[i].key);
		free(t->lines[i].name);
	}
	free(t->lines);
	free(t->total.key);
	free(t->total.name);
	free(t->unit);
	free(t->rules_name);
	free(t->rules_reference);
	memset(t, 0, sizeof(*t));
}

enum mc_code index_by_parse(const char *s, enum index_by *out,
			    struct mc_err *err)
{
	if (s && strcmp(s, "unit") == 0)
		*out = INDEX_BY_UNIT;
	else if (s && strcmp(s, "level") == 0)
		*out = INDEX_BY_LEVEL;
	else
		return mc_fail(err, MC_ERR_INPUT, "by",
			       "by: \"%.20s\" is not unit or level",
			       s ? s : "");
	return MC_OK;
}

int index_met(int64_t rate, int64_t target)
{
	if (rate < 0 || target < 0)
		return -1;
	return rate >= target;
}
