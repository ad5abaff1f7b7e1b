/*
 * snapshot.c - releasing a published snapshot (snapshot.h).
 */
#include "core/snapshot.h"

#include <stdlib.h>
#include <string.h>

void snapshot_release(struct snapshot *s)
{
	free(s->period);
	free(s->rules);
	free(s->content);
	free(s->checksum);
	memset(s, 0, sizeof(*s));
}
