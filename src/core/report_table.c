/*
 * report_table.c - release, and the names of the ways a report groups
 * its lines (see report_table.h).
 */
#include "core/report_table.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->lines[i].key);
		free(r->lines[i].name);
	}
	free(r->lines);
	free(r->unit);
	free(r->unit_name);
	report_figures_release(&r->figures);
	memset(r, 0, sizeof(*r));
}

static const char *const by_names[] = {"unit", "level", "field", "procedure"};

const char *report_by_name(enum report_by by) { return by_names[by]; }

enum mc_code report_by_parse(const char *s, enum report_by *out,
			     struct mc_err *err)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, by_names[i]) == 0) {
			*out = (enum report_by)i;
			return MC_OK;
		}
	return mc_fail(err, MC_ERR_INPUT, "by",
		       "by: \"%s\" is not unit, level, field or procedure",
		       str_or_empty(s));
}
