/*
 * index.h - the national service index (Decision 766/QĐ-TTg, DOMAIN.md
 * section 7) as pure arithmetic: the indicators of a unit for a period
 * from the report counters and a few counts the store supplies, the
 * group scores under a rule set, the government targets of a rule set,
 * and ranking among siblings.
 *
 * Rates are hundredths of a percent (9500 = 95.00%), -1 for 0/0, rounded
 * half up like report_rate. Points are hundredths of a point (8862 =
 * 88.62 points). No floating point anywhere in a stored or compared
 * result. The rules themselves are data (data/index-rules.json, read by
 * io/index_rules.c); nothing here knows a weight or a threshold.
 */
#ifndef MC_CORE_INDEX_H
#define MC_CORE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/report.h"

/* Each indicator and group has its column, with its name and titles, in
 * core/index_columns.c (tests/core/index_columns.c checks the table). */
enum index_indicator {
	IND_ONLINE_DOSSIERS,   /* received online / received */
	IND_ONLINE_PAYMENT,    /* paid online / received with a fee > 0 */
	IND_DIGITIZED,         /* all components digitized / received */
	IND_E_RESULTS,         /* electronic result / resolved */
	IND_DATA_REUSE,        /* a component reused / received */
	IND_POPULATION_DATA,   /* verified citizens / citizen applicants */
	IND_ONLINE_SERVICES,   /* online procedures used online / offered */
	IND_PAYING_PROCEDURES, /* paying procedures paid online / offered */
	IND_ON_TIME,           /* in time (2+ supplements: late) / handled */
	IND_SATISFACTION,      /* handled - late - complained / handled */
	IND_FEEDBACK_ON_TIME,  /* feedback answered in time / received */
	IND_PUBLICATION,       /* procedures publicized by effect / decided */
	IND__COUNT
};

enum index_group {
	GRP_TRANSPARENCY,
	GRP_PROGRESS,
	GRP_ONLINE_SERVICE,
	GRP_ONLINE_PAYMENT,
	GRP_DIGITIZATION,
	GRP_SATISFACTION,
	GRP__COUNT
};

/* Names (and titles) are the column table's, core/index_columns.h. */
const char *index_indicator_name(enum index_indicator i);
/* -1 when s names no indicator. */
int index_indicator_parse(const char *s);
const char *index_group_name(enum index_group g);
int index_group_parse(const char *s);

struct index_ratio {
	int64_t num, den, rate; /* rate -1 when den is 0 */
};

/* What a unit's indicators are made of for a period [from, to]: the
 * cumulative counters through from - 1 and through to, and the counts
 * the counters cannot give (catalogue, ratings, feedback). */
struct index_inputs {
	int64_t before[AGG__COUNT], at_to[AGG__COUNT];
	int64_t online_offered, online_used; /* procedures */
	int64_t paying_offered, paying_used; /* procedures */
	int64_t complained; /* handled dossiers with a complaint or a
			     * dissatisfied rating in the period */
	int64_t feedback, feedback_on_time;
	int64_t decided, publicized_on_time; /* procedures */
};

void index_compute(const struct index_inputs *in,
		   struct index_ratio out[IND__COUNT]);
/* Dossiers received or processed in the period: the volume that the
 * minimum for ranking applies to. */
int64_t index_volume(const struct index_ratio r[IND__COUNT]);

/* ---- rules ----------------------------------------------------------- */

struct index_rule {
	enum index_indicator ind;
	enum index_group group;
	int64_t points;    /* hundredths of a point */
	int64_t threshold; /* hundredths of a percent: full points from here */
};

struct index_target {
	enum index_indicator ind;
	int level; /* 1-3, 0: every level */
	int year;  /* applies from this year until a later entry; 0: always */
	int64_t value; /* hundredths of a percent */
};

struct index_rule_set {
	char *name, *reference;
	int64_t valid_from, valid_to; /* civil days; valid_to MC_NO_TIME */
	int64_t weight[GRP__COUNT];   /* hundredths of a point */
	bool undefined_full; /* a 0/0 indicator earns its points (else 0) */
	int feedback_days;   /* an answer within this many days is in time */
	struct index_rule *rules;
	size_t n_rules, cap_rules;
	struct index_target *targets;
	size_t n_targets, cap_targets;
};

struct index_rules {
	struct index_rule_set *sets;
	size_t n, cap;
};

void index_rules_release(struct index_rules *r);
/* The set in force on civil day `day`, NULL when none is. A period is
 * scored with the set in force on its last day. */
const struct index_rule_set *index_rules_at(const struct index_rules *r,
					    int64_t day);
/* The government target of an indicator for a unit level in a year, -1
 * when the set has none: the entry with the latest year not after
 * `year`, one for the level preferred to one for every level. */
int64_t index_gov_target(const struct index_rule_set *s,
			 enum index_indicator ind, int level, int year);

/* ---- scores ---------------------------------------------------------- */

struct index_score {
	int64_t group[GRP__COUNT]; /* hundredths of a point */
	int64_t total;
};

/* Points of one rule for a rate: linear from 0 to the threshold, full
 * from there; a 0/0 rate per the set's undefined_full. */
int64_t index_rule_points(const struct index_rule_set *s,
			  const struct index_rule *rule, int64_t rate);
void index_score(const struct index_rule_set *s,
		 const struct index_ratio r[IND__COUNT],
		 struct index_score *out);

/* Standard competition ranking on score, highest first: ties share a
 * rank and the next rank skips (1, 1, 3). Entries with volume below
 * min_volume get rank 0 and are left out of everyone else's rank. */
void index_rank(const int64_t *score, const int64_t *volume, size_t n,
		int64_t min_volume, int *rank);

#endif
