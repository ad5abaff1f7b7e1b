/*
 * index.c - service index arithmetic (see index.h and
 * docs/internals/index.md).
 */
#include "core/index.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/index_columns.h"

/* Names and titles are the index's column table (core/index_columns.c). */
const char *index_indicator_name(enum index_indicator i)
{
	return i < IND__COUNT ? index_indicator_column(i)->key : "?";
}

int index_indicator_parse(const char *s)
{
	for (int i = 0; s && i < IND__COUNT; i++)
		if (strcmp(s, index_indicator_name((enum index_indicator)i)) ==
		    0)
			return i;
	return -1;
}

const char *index_group_name(enum index_group g)
{
	return g < GRP__COUNT ? index_group_column(g)->key : "?";
}

int index_group_parse(const char *s)
{
	for (int i = 0; s && i < GRP__COUNT; i++)
		if (strcmp(s, index_group_name((enum index_group)i)) == 0)
			return i;
	return -1;
}

/* ---- indicators ------------------------------------------------------ */

static struct index_ratio ratio(int64_t num, int64_t den)
{
	struct index_ratio r = {num, den, report_rate(num, den)};
	return r;
}

static int64_t in_period(const struct index_inputs *in, enum agg_counter c)
{
	return in->at_to[c] - in->before[c];
}

/* Dossiers resolved in the period or open at its end, and those of them
 * that count as in time: finished early or on time, or open and not yet
 * due, and in both cases after at most one supplement request. Stopped
 * and withdrawn dossiers are neither, so they are left out. */
static void progress(const struct index_inputs *in, int64_t *good, int64_t *all)
{
	struct report_row row;
	report_row_from_counters(&row, in->before, in->at_to);
	int64_t multi_open = in->at_to[AGG_MULTI_INTIME_BEGIN] -
			     in->at_to[AGG_MULTI_INTIME_END];
	*all = row.resolved_total + row.in_progress_total;
	*good = row.resolved_early + row.resolved_on_time -
		in_period(in, AGG_END_INTIME_MULTI) + row.in_progress_in_time -
		multi_open;
}

void index_compute(const struct index_inputs *in,
		   struct index_ratio out[IND__COUNT])
{
	int64_t online = in_period(in, AGG_NEW_ONLINE_PARTIAL) +
			 in_period(in, AGG_NEW_ONLINE_FULL);
	int64_t received = online + in_period(in, AGG_NEW_DIRECT) +
			   in_period(in, AGG_NEW_POSTAL);
	int64_t resolved = in_period(in, AGG_END_EARLY) +
			   in_period(in, AGG_END_ON_TIME) +
			   in_period(in, AGG_END_LATE);
	out[IND_ONLINE_DOSSIERS] = ratio(online, received);
	out[IND_ONLINE_PAYMENT] = ratio(in_period(in, AGG_REC_FEE_ONLINE),
					in_period(in, AGG_REC_FEE));
	out[IND_DIGITIZED] = ratio(in_period(in, AGG_REC_DIGITIZED), received);
	out[IND_E_RESULTS] = ratio(in_period(in, AGG_END_E_RESULT), resolved);
	out[IND_DATA_REUSE] = ratio(in_period(in, AGG_REC_REUSED), received);
	out[IND_POPULATION_DATA] =
		ratio(in_period(in, AGG_REC_CITIZEN_VERIFIED),
		      in_period(in, AGG_REC_CITIZEN));
	out[IND_ONLINE_SERVICES] = ratio(in->online_used, in->online_offered);
	out[IND_PAYING_PROCEDURES] = ratio(in->paying_used, in->paying_offered);
	int64_t good, all;
	progress(in, &good, &all);
	out[IND_ON_TIME] = ratio(good, all);
	/* 100% - (late rate + complaint rate), as one exact fraction; a
	 * late dossier that was also complained about counts twice, as the
	 * national formula adds the two rates */
	int64_t satisfied = good - in->complained;
	out[IND_SATISFACTION] = ratio(satisfied > 0 ? satisfied : 0, all);
	out[IND_FEEDBACK_ON_TIME] = ratio(in->feedback_on_time, in->feedback);
	out[IND_PUBLICATION] = ratio(in->publicized_on_time, in->decided);
}

int64_t index_volume(const struct index_ratio r[IND__COUNT])
{
	return r[IND_ON_TIME].den;
}

/* ---- rules ----------------------------------------------------------- */

void index_rules_release(struct index_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->sets[i].name);
		free(r->sets[i].reference);
		free(r->sets[i].rules);
		free(r->sets[i].targets);
	}
	free(r->sets);
	memset(r, 0, sizeof(*r));
}

const struct index_rule_set *index_rules_at(const struct index_rules *r,
					    int64_t day)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct index_rule_set *s = &r->sets[i];
		if (s->valid_from <= day &&
		    (s->valid_to == MC_NO_TIME || day <= s->valid_to))
			return s;
	}
	return NULL;
}

int64_t index_gov_target(const struct index_rule_set *s,
			 enum index_indicator ind, int level, int year)
{
	const struct index_target *best = NULL;
	for (size_t i = 0; i < s->n_targets; i++) {
		const struct index_target *t = &s->targets[i];
		if (t->ind != ind || t->year > year ||
		    (t->level && t->level != level))
			continue;
		if (!best || t->year > best->year ||
		    (t->year == best->year && t->level && !best->level))
			best = t;
	}
	return best ? best->value : -1;
}

/* ---- scores ---------------------------------------------------------- */

int64_t index_rule_points(const struct index_rule_set *s,
			  const struct index_rule *rule, int64_t rate)
{
	if (rate < 0)
		return s->undefined_full ? rule->points : 0;
	if (rule->threshold <= 0 || rate >= rule->threshold)
		return rule->points;
	/* round half up on hundredths of a point */
	return (2 * rule->points * rate + rule->threshold) /
	       (2 * rule->threshold);
}

void index_score(const struct index_rule_set *s,
		 const struct index_ratio r[IND__COUNT],
		 struct index_score *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->n_rules; i++) {
		const struct index_rule *rule = &s->rules[i];
		int64_t p = index_rule_points(s, rule, r[rule->ind].rate);
		out->group[rule->group] += p;
		out->total += p;
	}
}

void index_rank(const int64_t *score, const int64_t *volume, size_t n,
		int64_t min_volume, int *rank)
{
	for (size_t i = 0; i < n; i++) {
		if (volume[i] < min_volume) {
			rank[i] = 0;
			continue;
		}
		int better = 0;
		for (size_t j = 0; j < n; j++)
			better +=
				volume[j] >= min_volume && score[j] > score[i];
		rank[i] = better + 1;
	}
}
