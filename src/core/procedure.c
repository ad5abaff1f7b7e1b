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
	for (size_t i = 0; i < p->n_components; i++) {
		free(p->components[i].code);
		free(p->components[i].name);
		free(p->components[i].form_sha256);
	}
	free(p->components);
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

const struct procedure_component *
procedure_component_find(const struct procedure *p, const char *code)
{
	for (size_t i = 0; code && i < p->n_components; i++)
		if (strcmp(p->components[i].code, code) == 0)
			return &p->components[i];
	return NULL;
}

static bool is_sha256(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return n == 64 && !s[n];
}

static enum mc_code components_check(const struct procedure *p,
				     struct mc_err *err)
{
	if (p->n_components > PROCEDURE_MAX_COMPONENTS)
		return mc_fail(err, MC_ERR_INPUT, "components",
			       "components: more than %d",
			       PROCEDURE_MAX_COMPONENTS);
	for (size_t i = 0; i < p->n_components; i++) {
		const struct procedure_component *c = &p->components[i];
		if (str_empty(c->code) || strlen(c->code) > 64)
			return mc_fail(err, MC_ERR_INPUT, "components.code",
				       "components[%zu].code: 1 to 64 "
				       "characters",
				       i);
		if (str_empty(c->name))
			return mc_fail(err, MC_ERR_INPUT, "components.name",
				       "components[%zu].name: is required", i);
		if (c->copies < 0 || c->copies > 99)
			return mc_fail(err, MC_ERR_INPUT, "components.copies",
				       "components[%zu].copies: %d is outside "
				       "0-99",
				       i, c->copies);
		if (c->form_sha256 && !is_sha256(c->form_sha256))
			return mc_fail(err, MC_ERR_INPUT, "components.form",
				       "components[%zu].form: must be the "
				       "SHA-256 of a stored file (64 "
				       "lowercase hexadecimal digits)",
				       i);
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->components[k].code, c->code) == 0)
				return mc_fail(err, MC_ERR_INPUT,
					       "components.code",
					       "components[%zu].code: %s is "
					       "listed twice",
					       i, c->code);
	}
	return MC_OK;
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
	enum mc_code rc = components_check(p, err);
	if (rc)
		return rc;
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
