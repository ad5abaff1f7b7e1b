/*
 * dossier_eq.h - field-by-field equality of two dossiers, for the
 * round-trip tests and the portal fuzz target. Header-only so that the
 * fuzz build needs nothing from the test harness.
 */
#ifndef MC_TESTS_DOSSIER_EQ_H
#define MC_TESTS_DOSSIER_EQ_H

#include <stdbool.h>
#include <string.h>

#include "core/dossier.h"

static inline bool eq_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static inline bool eq_components(const struct dossier *a,
				 const struct dossier *b)
{
	if (a->n_components != b->n_components)
		return false;
	for (size_t i = 0; i < a->n_components; i++) {
		const struct dossier_component *x = &a->components[i],
					       *y = &b->components[i];
		if (!eq_str(x->code, y->code) ||
		    !eq_str(x->file_name, y->file_name) ||
		    !eq_str(x->url, y->url) || x->digitized != y->digitized ||
		    x->reused != y->reused ||
		    x->from_national_store != y->from_national_store)
			return false;
	}
	return true;
}

static inline bool eq_lists(const struct dossier *a, const struct dossier *b)
{
	if (!eq_components(a, b) || a->n_fees != b->n_fees ||
	    a->n_results != b->n_results ||
	    a->n_supplements != b->n_supplements)
		return false;
	for (size_t i = 0; i < a->n_fees; i++)
		if (!eq_str(a->fees[i].code, b->fees[i].code) ||
		    !eq_str(a->fees[i].name, b->fees[i].name) ||
		    a->fees[i].amount != b->fees[i].amount ||
		    a->fees[i].method != b->fees[i].method)
			return false;
	for (size_t i = 0; i < a->n_results; i++)
		if (!eq_str(a->results[i].name, b->results[i].name) ||
		    !eq_str(a->results[i].code, b->results[i].code) ||
		    !eq_str(a->results[i].url, b->results[i].url))
			return false;
	for (size_t i = 0; i < a->n_supplements; i++)
		if (memcmp(&a->supplements[i], &b->supplements[i],
			   sizeof(a->supplements[i])) != 0)
			return false;
	return true;
}

/* Equal in every field but the store row id. */
static inline bool dossier_eq(const struct dossier *a, const struct dossier *b)
{
	return eq_str(a->code, b->code) &&
	       eq_str(a->procedure_code, b->procedure_code) &&
	       eq_str(a->procedure_name, b->procedure_name) &&
	       eq_str(a->field_code, b->field_code) &&
	       eq_str(a->field_name, b->field_name) &&
	       eq_str(a->unit_code, b->unit_code) && a->channel == b->channel &&
	       eq_str(a->applicant_name, b->applicant_name) &&
	       eq_str(a->applicant_id, b->applicant_id) &&
	       eq_str(a->applicant_id_type, b->applicant_id_type) &&
	       a->applicant_kind == b->applicant_kind &&
	       eq_str(a->phone, b->phone) && eq_str(a->email, b->email) &&
	       eq_str(a->summary, b->summary) && a->submitted == b->submitted &&
	       a->received == b->received && a->due == b->due &&
	       a->finished == b->finished && a->returned == b->returned &&
	       a->refused == b->refused && a->status == b->status &&
	       a->delivery == b->delivery && a->digitized == b->digitized &&
	       a->verified == b->verified && a->paid_online == b->paid_online &&
	       eq_lists(a, b) && eq_str(a->extra, b->extra);
}

#endif
