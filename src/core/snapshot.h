/*
 * snapshot.h - a published period of the service index: the figures as
 * they were released (content), the rules they were scored by and a
 * checksum of the content. Written once, never changed.
 */
#ifndef MC_CORE_SNAPSHOT_H
#define MC_CORE_SNAPSHOT_H

#include <stdint.h>

struct snapshot {
	char *period, *rules, *content, *checksum;
	int64_t created_at;
};
void snapshot_release(struct snapshot *s);

#endif
