/*
 * index_int.h - what the service index files of app/ share: the unit
 * tree, the catalogue facts (who offers what, which procedures are online
 * or paying, publication), the targets, and the rule set of one period.
 * Not for outside use.
 */
#ifndef MC_APP_INDEX_INT_H
#define MC_APP_INDEX_INT_H

#include "aggregates/agg.h"
#include "app/index.h"
#include "app/tree.h"
#include "core/strmap.h"

/* The unit tree plus, per unit, the levels present in its subtree (bit L
 * for level L), which decide where a level-wide offer applies. */
struct index_tree {
	const struct unit_tree *t; /* the app's, see app_units */
	unsigned *level_mask;
};

struct index_proc {
	char *code;
	bool online, paying;
	bool declared;   /* has offer rows */
	int64_t decided; /* MC_NO_TIME: no publication row */
	bool on_time;    /* publicized by the day it took effect */
};

struct index_offer {
	size_t proc;
	int64_t unit; /* -1: by level */
	int level;
};

struct index_target_row {
	int64_t unit;
	enum index_indicator ind;
	int64_t value;
	struct report_period period;
};

struct index_ctx {
	struct app *app;
	struct report_period period;
	/* the days the counters are read over and the moment of the open
	 * dossiers (report_counted): up to now while the period runs */
	struct report_period counted;
	int64_t as_of;
	struct index_rules own_rules; /* the built-in ones, when used */
	const struct index_rule_set *set;
	struct index_tree tree;
	struct index_proc *procs;
	size_t n_procs, cap_procs;
	struct strmap proc_index;
	struct index_offer *offers;
	size_t n_offers, cap_offers;
	struct index_target_row *targets;
	size_t n_targets, cap_targets;
	struct feedback_counts *feedback; /* per unit of the tree, for the
					   * period */
	bool snapshot; /* a read snapshot opened by index_ctx_open */
};

/* rules NULL: the built-in rules. Fails when no rule set is in force on
 * the period's last day. */
enum mc_code index_ctx_open(struct index_ctx *c, struct app *app,
			    const struct index_rules *rules,
			    struct report_period period, struct mc_err *err);
void index_ctx_close(struct index_ctx *c);

/* Counters through from - 1 and through to (of the days counted). */
enum mc_code index_ctx_counters(struct index_ctx *c, const char *unit,
				enum agg_dim dim, const char *value,
				int64_t before[AGG__COUNT],
				int64_t at_to[AGG__COUNT], struct mc_err *err);
/* The procedures unit u's subtree has dossiers of (any time). */
enum mc_code index_ctx_data_procedures(struct index_ctx *c, int64_t u,
				       struct strmap *out, struct mc_err *err);
bool index_ctx_offered(const struct index_ctx *c, int64_t u, size_t p,
		       const struct strmap *has);
/* Complaints and feedback of the subtree of u, only units of `level`
 * when level is 1-3. */
void index_ctx_feedback(const struct index_ctx *c, int64_t u, int level,
			struct feedback_counts *out);
/* The target of unit u (-1 for a level row) with `level`: its own row
 * for a period containing this one, else the nearest ancestor's, else
 * the government's; *source is the unit whose row it is, -1 for the
 * government's. -1 when there is none. */
int64_t index_ctx_target_from(const struct index_ctx *c, int64_t u, int level,
			      enum index_indicator ind, int64_t *source);
int64_t index_ctx_target(const struct index_ctx *c, int64_t u, int level,
			 enum index_indicator ind);

/* The row of unit u's whole subtree (key and name set; caller frees). */
enum mc_code index_unit_line(struct index_ctx *c, int64_t u,
			     struct index_line *l, struct mc_err *err);

/* A target's period and indicator names, checked (index_import.c). */
enum mc_code index_target_check_input(const char *period, const char *indicator,
				      struct mc_err *err);

#endif
