/*
 * figures.c - units by on-time rate and by online filing (see figures.h).
 */
#include "core/figures.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int64_t in_time(const struct report_row *r)
{
	return r->resolved_early + r->resolved_on_time;
}

/* <0, 0, >0 as a's on-time rate is below, equal to, above b's, compared
 * as fractions (cross products) so that 99.996% is not 100%. */
static int compare_rates(const struct report_row *a, const struct report_row *b)
{
	int64_t x = in_time(a) * b->resolved_total;
	int64_t y = in_time(b) * a->resolved_total;
	return (x > y) - (x < y);
}

/* The positions of the ranked units whose rate compares as `sign` (0:
 * equal) with `best` at the end of the pass, in one pass: a better one
 * restarts the list, an equal one joins it. */
static size_t extreme(const struct report_row *const *rows, const bool *ranked,
		      size_t n, int sign, size_t *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!ranked[i])
			continue;
		int c = k ? compare_rates(rows[i], rows[out[0]]) : sign;
		if (c == sign)
			k = 0;
		if (c == sign || c == 0)
			out[k++] = i;
	}
	return k;
}

void report_figures_release(struct report_figures *f)
{
	free(f->at_full);
	free(f->highest);
	free(f->lowest);
	memset(f, 0, sizeof(*f));
}

enum mc_code report_figures_compute(const struct report_row *const *rows,
				    size_t n, int64_t min_resolved,
				    struct report_figures *out,
				    struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	if (min_resolved < 1 || min_resolved > FIGURES_MAX_MIN_RESOLVED)
		return mc_fail(err, MC_ERR_INPUT, "min_resolved",
			       "min_resolved: %lld is not a count 1-%d",
			       (long long)min_resolved,
			       FIGURES_MAX_MIN_RESOLVED);
	out->min_resolved = min_resolved;
	out->units = n;
	size_t cells = n ? n : 1;
	bool *ranked = calloc(cells, sizeof(bool));
	out->at_full = malloc(cells * sizeof(size_t));
	out->highest = malloc(cells * sizeof(size_t));
	out->lowest = malloc(cells * sizeof(size_t));
	if (!ranked || !out->at_full || !out->highest || !out->lowest) {
		free(ranked);
		report_figures_release(out);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct report_row *r = rows[i];
		out->with_online += r->received_online > 0;
		ranked[i] = r->resolved_total >= min_resolved;
		out->ranked += ranked[i];
		if (ranked[i] && in_time(r) == r->resolved_total)
			out->at_full[out->n_at_full++] = i;
	}
	out->n_highest = extreme(rows, ranked, n, 1, out->highest);
	out->n_lowest = extreme(rows, ranked, n, -1, out->lowest);
	free(ranked);
	return MC_OK;
}

enum mc_code report_min_resolved_parse(const char *s, int64_t *out,
				       const char *field, struct mc_err *err)
{
	char *end;
	errno = 0;
	long long m = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || m < 1 || m > FIGURES_MAX_MIN_RESOLVED)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: \"%.40s\" is not a count 1-%d", field,
			       s ? s : "", FIGURES_MAX_MIN_RESOLVED);
	*out = m;
	return MC_OK;
}
