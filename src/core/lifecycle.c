/*
 * lifecycle.c - the effect of each lifecycle operation on a dossier (see
 * lifecycle.h and docs/internals/lifecycle.md).
 */
#include "core/lifecycle.h"

#include <string.h>

#include "core/civil.h"
#include "core/str.h"

enum mc_code lifecycle_channel_allowed(const struct procedure *p,
				       enum channel ch, int64_t day,
				       struct mc_err *err)
{
	if (ch == CHANNEL_ONLINE && p->online_level == ONLINE_NONE)
		return mc_fail_as(err, MC_ERR_RULE, "KenhThucHien",
				  "no_online_service",
				  "KenhThucHien: procedure %s has no online "
				  "service; file it at the counter or by post",
				  p->code);
	if (ch != CHANNEL_ONLINE && procedure_online_only_on(p, day)) {
		char buf[CIVIL_BUF];
		return mc_fail_as(
			err, MC_ERR_RULE, "KenhThucHien", "online_only",
			"KenhThucHien: procedure %s is online-only on "
			"%s; direct and postal filings are refused",
			p->code, civil_format_date(day, buf));
	}
	return MC_OK;
}

static enum mc_code need_note(const struct op_params *p, struct mc_err *err)
{
	if (str_empty(p->note))
		return mc_fail_as(err, MC_ERR_INPUT, "note", "note_required",
				  "note: %s needs a written reason",
				  dossier_op_name(p->op));
	return MC_OK;
}

static enum mc_code set_due(struct dossier *d, const struct time_rules *tr,
			    struct mc_err *err)
{
	return calendar_due(tr->cal, tr->hours, d->received,
			    tr->procedure->limit_value,
			    tr->procedure->limit_unit, &d->due, NULL, err);
}

static enum mc_code accept(struct dossier *d, const struct op_params *p,
			   const struct time_rules *tr, struct mc_err *err)
{
	if (d->submitted == MC_NO_TIME)
		d->submitted = p->at;
	d->received = p->at;
	d->status = ST_ACCEPTED;
	return set_due(d, tr, err);
}

static enum mc_code open_round(struct dossier *d, const struct op_params *p,
			       struct mc_err *err)
{
	enum mc_code rc = need_note(p, err);
	if (rc)
		return rc;
	struct supplement_round *r = ARRAY_PUSH(
		d->supplements, d->n_supplements, d->cap_supplements);
	if (!r)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	r->requested = p->at;
	r->completed = MC_NO_TIME;
	r->due_before = d->due;
	r->due_after = MC_NO_TIME;
	if (d->submitted == MC_NO_TIME)
		d->submitted = p->at;
	d->status = ST_SUPPLEMENT;
	return MC_OK;
}

static enum mc_code close_round(struct dossier *d, const struct op_params *p,
				const struct time_rules *tr, struct mc_err *err)
{
	if (!dossier_supplement_open(d))
		return mc_fail(err, MC_ERR_STATE, "DanhSachHoSoBoSung",
			       "complete-supplement: no supplement request is "
			       "open");
	struct supplement_round *r = &d->supplements[d->n_supplements - 1];
	if (p->at < r->requested)
		return mc_fail(err, MC_ERR_INPUT, "at",
			       "at: the supplement cannot be completed before "
			       "it was requested");
	r->completed = p->at;
	if (d->received == MC_NO_TIME) {
		/* asked at reception: back to the counter's queue */
		d->status = ST_REGISTERED;
		return MC_OK;
	}
	int64_t paused = calendar_working_seconds(tr->cal, tr->hours,
						  r->requested, r->completed);
	if (r->due_before != MC_NO_TIME) /* else, as imported: no due date */
		r->due_after = calendar_add_working(tr->cal, tr->hours,
						    r->due_before, paused);
	d->due = r->due_after;
	d->status = ST_PROCESSING;
	return MC_OK;
}

static enum mc_code finish(struct dossier *d, const struct op_params *p,
			   struct mc_err *err)
{
	for (size_t i = 0; i < p->n_results; i++) {
		const struct dossier_result *src = &p->results[i];
		struct dossier_result *r =
			ARRAY_PUSH(d->results, d->n_results, d->cap_results);
		if (!r || !dossier_result_copy(r, src)) {
			if (r)
				d->n_results--;
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		}
	}
	d->finished = p->at;
	d->status = ST_FINISHED;
	return MC_OK;
}

/* A new appointment after the one the dossier has, with the reason for
 * the delay. The dossier itself does not change: its due date stays the
 * legal one, so it still counts late; the new date lives in the event
 * log (app/lifecycle.c writes it into the note). */
static enum mc_code reschedule(const struct dossier *d,
			       const struct op_params *p, struct mc_err *err)
{
	char buf[CIVIL_BUF];
	enum mc_code rc = need_note(p, err);
	if (rc)
		return rc;
	if (p->new_due == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "new_due",
			       "new_due: reschedule needs the new appointment");
	if (d->due != MC_NO_TIME && p->new_due <= d->due)
		return mc_fail(err, MC_ERR_INPUT, "new_due",
			       "new_due: must be after the appointment %s",
			       civil_format_local(d->due, buf));
	if (p->new_due <= p->at)
		return mc_fail(
			err, MC_ERR_INPUT, "new_due",
			"new_due: must be after the time it is recorded");
	return MC_OK;
}

/* An operation must not make a dossier odd: a time it sets before an
 * earlier step is refused with the field that would go backwards. An
 * anomaly the dossier brought from an import stays its own. */
static enum mc_code no_new_anomaly(const struct dossier *d, unsigned before,
				   struct mc_err *err)
{
	unsigned added = dossier_anomalies(d) & ~before;
	const struct dossier_anomaly_kind *k =
		dossier_anomaly_next(&added, NULL);
	if (!k)
		return MC_OK;
	const char *fields = k->fields;
	const char *comma = strchr(fields, ',');
	int first = comma ? (int)(comma - fields) : (int)strlen(fields);
	const char *second = comma ? comma + 1 : fields;
	return mc_fail(err, MC_ERR_INPUT, second, "%s: is before %.*s", second,
		       first, fields);
}

enum mc_code lifecycle_mutate(struct dossier *d, const struct op_params *p,
			      const struct time_rules *tr, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	unsigned before = (int)d->status == 0 ? 0 : dossier_anomalies(d);
	switch (p->op) {
	case OP_REGISTER:
		d->submitted = p->at;
		d->status = ST_REGISTERED;
		break;
	case OP_ACCEPT: rc = accept(d, p, tr, err); break;
	case OP_REFUSE:
		if ((rc = need_note(p, err)))
			break;
		if (d->submitted == MC_NO_TIME)
			d->submitted = p->at;
		d->refused = p->at;
		d->status = ST_NOT_ACCEPTED;
		break;
	case OP_ASK_SUPPLEMENT_AT_RECEPTION:
	case OP_REQUEST_SUPPLEMENT: rc = open_round(d, p, err); break;
	case OP_COMPLETE_SUPPLEMENT: rc = close_round(d, p, tr, err); break;
	case OP_START:
	case OP_FULFIL_FINANCIAL: d->status = ST_PROCESSING; break;
	case OP_TRANSFER:
		if (!str_set(&d->unit_code, p->to_unit))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		d->status = ST_PROCESSING;
		break;
	case OP_REQUEST_FINANCIAL: d->status = ST_FINANCIAL; break;
	case OP_FINISH: rc = finish(d, p, err); break;
	case OP_STOP:
		if ((rc = need_note(p, err)))
			break;
		d->finished = p->at;
		d->status = ST_STOPPED;
		break;
	case OP_RETURN:
		d->returned = p->at;
		d->delivery = p->delivery;
		d->status = ST_RETURNED;
		break;
	case OP_WITHDRAW:
		d->finished = p->at;
		d->status = ST_WITHDRAWN;
		break;
	case OP_RESCHEDULE: rc = reschedule(d, p, err); break;
	case OP__COUNT: MC_BUG("OP__COUNT is not an operation");
	}
	if (rc)
		return rc;
	if ((rc = dossier_check(d, err)))
		return rc;
	return no_new_anomaly(d, before, err);
}

enum mc_code lifecycle_recompute_due(struct dossier *d,
				     const struct time_rules *tr,
				     struct mc_err *err)
{
	/* a due date the old system never gave stays absent */
	if (d->received == MC_NO_TIME || d->due == MC_NO_TIME)
		return MC_OK;
	enum mc_code rc = set_due(d, tr, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < d->n_supplements; i++) {
		struct supplement_round *r = &d->supplements[i];
		if (r->requested < d->received)
			continue; /* asked at reception, before the clock */
		r->due_before = d->due;
		if (r->completed == MC_NO_TIME)
			break;
		int64_t paused = calendar_working_seconds(
			tr->cal, tr->hours, r->requested, r->completed);
		r->due_after = calendar_add_working(tr->cal, tr->hours, d->due,
						    paused);
		d->due = r->due_after;
	}
	return MC_OK;
}
