/*
 * procedure.c - the procedure catalogue: names of levels and limit units,
 * checks, and the online-only rule.
 */
#include "core/procedure.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"

void procedure_init(struct procedure *p)
{
	memset(p, 0, sizeof(*p));
	p->limit_unit = LIMIT_WORKING_DAYS;
}

void procedure_release(struct procedure *p)
{
	free(p->code);
	free(p->name);
	free(p->field_code);
	free(p->field_name);
	for (size_t i = 0; i < p->n_fees; i++) {
		free(p->fees[i].code);
		free(p->fees[i].name);
	}
	free(p->fees);
	free(p->online_only);
	procedure_init(p);
}

static const char *const online_names[] = {"none", "partial", "full"};
static const char *const limit_names[] = {"working_days", "calendar_days",
					  "working_hours"};

const char *online_level_name(enum online_level l)
{
	return (l >= ONLINE_NONE && l <= ONLINE_FULL) ? online_names[l] : "?";
}

enum mc_code online_level_parse(const char *s, enum online_level *out,
				const char *field, struct mc_err *err)
{
	for (int i = 0; i < 3; i++) {
		if (s && strcmp(s, online_names[i]) == 0) {
			*out = (enum online_level)i;
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not an online level (none, partial "
		       "or full)",
		       field, str_or_empty(s));
}

const char *limit_unit_name(enum limit_unit u)
{
	return (u >= LIMIT_WORKING_DAYS && u <= LIMIT_WORKING_HOURS)
		       ? limit_names[u]
		       : "?";
}

enum mc_code limit_unit_parse(const char *s, enum limit_unit *out,
			      const char *field, struct mc_err *err)
{
	for (int i = 0; i < 3; i++) {
		if (s && strcmp(s, limit_names[i]) == 0) {
			*out = (enum limit_unit)i;
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not a limit unit (working_days, "
		       "calendar_days or working_hours)",
		       field, str_or_empty(s));
}

enum mc_code procedure_check(const struct procedure *p, struct mc_err *err)
{
	if (str_empty(p->code) || strlen(p->code) > 40)
		return mc_fail(err, MC_ERR_INPUT, "code",
			       "code: a procedure code must have 1 to 40 "
			       "characters");
	if (str_empty(p->name))
		return mc_fail(err, MC_ERR_INPUT, "name",
			       "name: a procedure needs a name");
	if (str_empty(p->field_code))
		return mc_fail(err, MC_ERR_INPUT, "field_code",
			       "field_code: a procedure needs a field");
	if (p->limit_value < 0 || p->limit_value > 3650)
		return mc_fail(err, MC_ERR_INPUT, "time_limit.value",
			       "time_limit.value: %d is outside 0-3650",
			       p->limit_value);
	for (size_t i = 0; i < p->n_fees; i++) {
		if (p->fees[i].amount < 0)
			return mc_fail(err, MC_ERR_INPUT, "fees.amount",
				       "fees[%zu].amount: a fee cannot be "
				       "negative",
				       i);
		if (p->fees[i].online_amount < 0 ||
		    p->fees[i].online_amount > p->fees[i].amount)
			return mc_fail(err, MC_ERR_INPUT, "fees.online_amount",
				       "fees[%zu].online_amount: %lld is not "
				       "between 0 and the amount %lld",
				       i, (long long)p->fees[i].online_amount,
				       (long long)p->fees[i].amount);
	}
	for (size_t i = 0; i < p->n_online_only; i++) {
		if (p->online_only[i].to < p->online_only[i].from)
			return mc_fail(err, MC_ERR_INPUT, "online_only.to",
				       "online_only[%zu].to: is before its "
				       "from date",
				       i);
	}
	if (p->fee_due < FEE_DUE_NONE || p->fee_due > FEE_DUE_RESULT)
		return mc_fail(err, MC_ERR_INPUT, "pay_before",
			       "pay_before: %d is not a step", (int)p->fee_due);
	if (p->n_online_only && p->online_level == ONLINE_NONE)
		return mc_fail(err, MC_ERR_INPUT, "online_only",
			       "online_only: a procedure offered only online "
			       "needs an online level");
	return MC_OK;
}

bool procedure_online_only_on(const struct procedure *p, int64_t day)
{
	for (size_t i = 0; i < p->n_online_only; i++) {
		if (day >= p->online_only[i].from &&
		    day <= p->online_only[i].to)
			return true;
	}
	return false;
}

int64_t procedure_fee_total(const struct procedure *p)
{
	int64_t sum = 0;
	for (size_t i = 0; i < p->n_fees; i++)
		sum += p->fees[i].amount;
	return sum;
}

int64_t procedure_fee_charged(const struct procedure_fee *f, bool online)
{
	return online ? f->online_amount : f->amount;
}

static const char *const due_names[] = {"none", "processing", "result"};

const char *fee_due_name(enum fee_due d)
{
	return (d >= FEE_DUE_NONE && d <= FEE_DUE_RESULT) ? due_names[d] : "?";
}

enum mc_code fee_due_parse(const char *s, enum fee_due *out, const char *field,
			   struct mc_err *err)
{
	for (int i = 0; i < 3; i++) {
		if (s && strcmp(s, due_names[i]) == 0) {
			*out = (enum fee_due)i;
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not a step to pay before (none, "
		       "processing or result)",
		       field, str_or_empty(s));
}
