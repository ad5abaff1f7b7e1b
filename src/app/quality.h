/*
 * quality.h - the data-quality list: every stored dossier with an
 * anomaly (core/dossier.h: odd but usable times an import kept as
 * given), for a period and a unit subtree, one item per dossier and
 * kind with the fields involved and their values. `motcua quality`,
 * GET /api/v1/quality and the leader's dashboard show the same list.
 */
#ifndef MC_APP_QUALITY_H
#define MC_APP_QUALITY_H

#include <stdbool.h>

#include "app/app.h"
#include "core/civil.h"
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
/* Ordered by unit, reception time and code. MC_ERR_NOT_FOUND naming
 * "unit" for an unknown unit. */
enum mc_code app_quality(struct app *app, const struct quality_query *q,
			 struct quality_list *out, struct mc_err *err);

/* The fields of kind a on d with their values (at most two). */
size_t quality_fields(const struct dossier *d, enum dossier_anomaly a,
		      struct quality_field out[2]);

#endif
