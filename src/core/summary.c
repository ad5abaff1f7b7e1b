/*
 * summary.c - release of a summary (see summary.h).
 */
#include "core/summary.h"

#include <stdlib.h>
#include <string.h>

void summary_release(struct summary *s)
{
	free(s->period);
	report_release(&s->units);
	report_release(&s->levels);
	memset(s, 0, sizeof(*s));
}
