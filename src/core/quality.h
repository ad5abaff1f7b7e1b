/*
 * quality.h - the data-quality list as a result: the dossiers with an
 * anomaly (core/dossier.h) of a period and a unit subtree, one item per
 * dossier and kind with the portal fields involved and their values.
 * The application fills it (app/quality.h); io/quality_json.c and the
 * command line write it.
 */
#ifndef MC_CORE_QUALITY_H
#define MC_CORE_QUALITY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/civil.h"
#include "core/dossier.h"
#include "core/report.h"

struct quality_query {
	bool all_time;               /* else period */
	struct report_period period; /* by reception (else filing) day */
	const char *unit;            /* subtree root; NULL: the whole tree */
};

struct quality_field {
	char name[64];         /* portal field, e.g. "NgayHenTra" */
	char value[CIVIL_BUF]; /* local time, "" when absent */
};

struct quality_item {
	char *code, *unit_code, *unit_name;
	enum dossier_anomaly kind;
	struct quality_field fields[2];
	size_t n_fields;
};

struct quality_list {
	struct quality_query q;
	char *unit, *unit_name; /* the root, as resolved */
	struct quality_item *items;
	size_t n, cap;
	size_t by_kind[ANOMALY__COUNT];
	size_t dossiers; /* distinct dossiers listed */
};

void quality_list_release(struct quality_list *l);

/* The fields of kind a on d with their values (at most two). */
size_t quality_fields(const struct dossier *d, enum dossier_anomaly a,
		      struct quality_field out[2]);

#endif
