/*
 * filing.c - what the system adds to a new filing and checks before it is
 * numbered: the fees come from the procedure's catalogue entry (never
 * from the filing), and the unit must be one that offers the procedure.
 *
 * Offers are the catalogue's "units" and "levels" (store_offers_set): a
 * unit offers a procedure when it is named, or when the procedure is
 * offered at its level. A procedure with no offers declared is taken as
 * offered everywhere, as the service index does, so a catalogue that
 * never declared offers keeps working (docs/internals/lifecycle.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/filing.h"
#include "core/str.h"
#include "store/store.h"

enum mc_code app_filing_fees(struct dossier *d, const struct procedure *p,
			     struct mc_err *err)
{
	for (size_t i = 0; i < d->n_fees; i++) {
		free(d->fees[i].code);
		free(d->fees[i].name);
		free(d->fees[i].exempt);
	}
	d->n_fees = 0;
	/* a procedure may charge less when filed online */
	bool online = d->channel == CHANNEL_ONLINE;
	for (size_t i = 0; i < p->n_fees; i++) {
		struct dossier_fee *f =
			ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
		if (!f || !str_set(&f->code, p->fees[i].code) ||
		    !str_set(&f->name, p->fees[i].name))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		f->amount = procedure_fee_charged(&p->fees[i], online);
		f->method = 0; /* not paid yet */
	}
	return MC_OK;
}

#define NAMED 6 /* offering units named in the refusal */

struct offers {
	const char *procedure, *unit;
	int level;
	size_t n;        /* offers of the procedure */
	bool offered;    /* one of them covers the unit */
	unsigned levels; /* bit per level offered */
	char units[NAMED][48];
	size_t n_units;
};

static int see_offer(const char *proc, const struct procedure_offer *o,
		     void *ctx)
{
	struct offers *x = ctx;
	if (strcmp(proc, x->procedure) != 0)
		return 0;
	x->n++;
	if (o->unit_code) {
		x->offered |= strcmp(o->unit_code, x->unit) == 0;
		if (x->n_units < NAMED)
			snprintf(x->units[x->n_units], sizeof(x->units[0]),
				 "%s", o->unit_code);
		x->n_units++;
	} else {
		x->offered |= o->level == x->level;
		x->levels |= 1u << o->level;
	}
	return 0;
}

static void name_offers(const struct offers *x, char *out, size_t size)
{
	static const char *const level[] = {"", "every province-level unit",
					    "every district", "every commune"};
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < x->n_units && i < NAMED; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					len ? ", " : "", x->units[i]);
	if (x->n_units > NAMED && len < size)
		len += (size_t)snprintf(out + len, size - len,
					" and %zu more units",
					x->n_units - NAMED);
	for (int l = 1; l <= 3 && len < size; l++)
		if (x->levels & 1u << l)
			len += (size_t)snprintf(out + len, size - len, "%s%s",
						len ? ", " : "", level[l]);
}

enum mc_code app_filing_offered(struct app *app, const struct procedure *p,
				const char *unit_code, struct mc_err *err)
{
	struct unit u;
	enum mc_code rc = store_unit_get(app->st, unit_code, &u, err);
	if (rc)
		return rc;
	struct offers x = {
		.procedure = p->code, .unit = u.code, .level = (int)u.level};
	rc = store_offer_each(app->st, see_offer, &x, err);
	if (!rc && x.n && !x.offered) {
		char who[200];
		name_offers(&x, who, sizeof(who));
		rc = mc_fail_as(err, MC_ERR_RULE, "DonViXuLy", "not_offered",
				"DonViXuLy: procedure %s is not offered at %s; "
				"file it at %s",
				p->code, u.code, who);
	}
	unit_release(&u);
	return rc;
}
