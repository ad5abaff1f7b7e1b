/*
 * demo_reorg.c - the demo province through the 2025 reorganisation
 * (DOMAIN.md sections 8 and 14): on 1 March 2025 ten departments merged
 * into five new ones, and from 1 July 2025 the districts were abolished
 * and their communes merged, about three into one, under the province.
 * Every old unit is closed on the eve with its successor; the new units
 * have codes of their own. The dossiers open at a closing are moved by
 * the real transfer operation as they are lived (demo_dossier.c).
 */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "demo/demo_int.h"

#define PROVINCE_CODE "000.00.00.H56"
/* The old departments are 000.00.01-16.H56; the merged ones follow. */
#define FIRST_NEW_DEPT 17

/* Two old departments (their 1-based numbers) and the one they became. */
static const struct {
	int a, b;
	const char *name;
} dept_mergers[] = {
	{3, 4, "Sở Tài chính"},                 /* Planning and Investment */
	{7, 8, "Sở Xây dựng"},                  /* Transport */
	{9, 6, "Sở Nông nghiệp và Môi trường"}, /* Natural Resources */
	{10, 13, "Sở Khoa học và Công nghệ"},   /* Information and Comm. */
	{11, 1, "Sở Nội vụ"},                   /* Labour, Invalids, Social */
};
#define N_MERGERS (sizeof(dept_mergers) / sizeof(*dept_mergers))

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

/* Unit i closes on the eve of `first` with successor `next`. */
static enum mc_code close_unit(struct demo_world *w, size_t i, size_t next,
			       int64_t first, struct mc_err *err)
{
	struct demo_unit *du = &w->units[i];
	du->u.valid_to = first - 1;
	du->next = (ptrdiff_t)next;
	return str_set(&du->u.successor, w->units[next].u.code) ? MC_OK
								: nomem(err);
}

/* A new unit serving from civil day `first`; its index in *out. */
static enum mc_code open_unit(struct demo_world *w, const char *code,
			      const char *name, enum unit_level level,
			      const char *hours, uint64_t weight, int64_t first,
			      size_t *out, struct mc_err *err)
{
	enum mc_code rc = demo_unit_add(w, code, name, PROVINCE_CODE, level,
					hours, weight, err);
	if (rc)
		return rc;
	*out = w->n_units - 1;
	w->units[*out].u.valid_from = first;
	return MC_OK;
}

static enum mc_code merge_departments(struct demo_world *w, int64_t first,
				      struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t g = 0; !rc && g < N_MERGERS; g++) {
		char code[32];
		size_t to;
		snprintf(code, sizeof(code), "000.00.%02zu.H56",
			 FIRST_NEW_DEPT + g);
		rc = open_unit(w, code, dept_mergers[g].name, LEVEL_PROVINCE,
			       NULL, 0, first, &to, err);
		if (!rc)
			rc = close_unit(w, (size_t)dept_mergers[g].a, to, first,
					err);
		if (!rc)
			rc = close_unit(w, (size_t)dept_mergers[g].b, to, first,
					err);
	}
	return rc;
}

/* How many merged communes n old ones make: groups of three, a lone
 * last one joining the group before. */
static size_t groups_of(size_t n)
{
	size_t g = n % 3 == 1 ? n / 3 : (n + 2) / 3;
	return g ? g : 1;
}

/* The communes of the district at index d (they follow it) merged into
 * new ones, numbered from *k on; the district's work goes to the first,
 * which holds its seat. */
static enum mc_code merge_district(struct demo_world *w, size_t d, size_t n,
				   size_t *k, int64_t first, struct mc_err *err)
{
	size_t groups = groups_of(n), seat = 0;
	enum mc_code rc = MC_OK;
	for (size_t g = 0; !rc && g < groups; g++) {
		size_t lo = d + 1 + 3 * g;
		size_t hi = g + 1 == groups ? d + 1 + n : lo + 3;
		uint64_t weight = 0;
		for (size_t i = lo; i < hi; i++)
			weight += w->units[i].weight;
		char code[32], name[96], hours[64];
		snprintf(code, sizeof(code), "000.%02zu.%02zu.H56",
			 1 + *k / 100, *k % 100);
		(*k)++;
		/* named after its first commune, as many were */
		snprintf(name, sizeof(name), "%s", w->units[lo].u.name);
		snprintf(hours, sizeof(hours), "%s",
			 str_or_empty(w->units[lo].u.office_hours));
		size_t to;
		rc = open_unit(w, code, name, LEVEL_COMMUNE,
			       hours[0] ? hours : NULL, weight, first, &to,
			       err);
		for (size_t i = lo; !rc && i < hi; i++)
			rc = close_unit(w, i, to, first, err);
		if (g == 0)
			seat = to;
	}
	return rc ? rc : close_unit(w, d, seat, first, err);
}

static enum mc_code merge_communes(struct demo_world *w, int64_t first,
				   struct mc_err *err)
{
	size_t n_old = w->n_units, k = 0;
	enum mc_code rc = MC_OK;
	for (size_t d = 0; !rc && d < n_old; d++) {
		if (w->units[d].u.level != LEVEL_DISTRICT)
			continue;
		size_t n = 0;
		while (d + 1 + n < n_old &&
		       w->units[d + 1 + n].u.level == LEVEL_COMMUNE &&
		       w->units[d + 1 + n].u.valid_from == MC_NO_TIME)
			n++;
		if (n)
			rc = merge_district(w, d, n, &k, first, err);
	}
	if (!rc)
		w->communes_merged = first;
	return rc;
}

enum mc_code demo_reorganise(struct demo_world *w,
			     const struct demo_options *opt, struct mc_err *err)
{
	if (opt->no_reorganisation)
		return MC_OK;
	int64_t depts = civil_days(2025, 3, 1),
		communes = civil_days(2025, 7, 1);
	enum mc_code rc = MC_OK;
	if (opt->until >= depts)
		rc = merge_departments(w, depts, err);
	if (!rc && opt->until >= communes)
		rc = merge_communes(w, communes, err);
	return rc;
}

size_t demo_unit_on(const struct demo_world *w, size_t i, int64_t day)
{
	while (w->units[i].next >= 0 && !unit_valid_on(&w->units[i].u, day))
		i = (size_t)w->units[i].next;
	return i;
}
