/*
 * index_table.h - the service index as a result: per unit (or level)
 * the indicators, targets, group scores, total, volume and rank, and the
 * chosen unit's whole subtree. The application fills it (app/index.h);
 * the writers in io and the server read it.
 */
#ifndef MC_CORE_INDEX_TABLE_H
#define MC_CORE_INDEX_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/index.h"
#include "core/report.h"

enum index_by { INDEX_BY_UNIT, INDEX_BY_LEVEL };

struct index_line {
	char *key, *name;
	int level; /* unit level, or the level row's */
	struct index_ratio ind[IND__COUNT];
	int64_t target[IND__COUNT]; /* -1: none */
	struct index_score score;
	int64_t volume; /* dossiers handled in the period */
	int rank;       /* 0: not ranked */
};

struct index_table {
	struct report_period period;
	int64_t as_of; /* while the period runs, the moment of its figures
			* (report_counted); MC_NO_TIME once it has ended */
	enum index_by by;
	char *unit, *rules_name, *rules_reference;
	int64_t weight[GRP__COUNT];
	int64_t min_dossiers;
	struct index_line *lines;
	size_t n, cap;
	struct index_line total; /* the chosen unit's whole subtree */
};

void index_table_release(struct index_table *t);
enum mc_code index_by_parse(const char *s, enum index_by *out,
			    struct mc_err *err);
/* Whether a rate meets a target: -1 when either is undefined. */
int index_met(int64_t rate, int64_t target);

#endif
