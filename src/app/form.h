/*
 * form.h - a dossier's printed form (io/pdf_form.h) for whoever may see
 * the dossier: staff whose units hold it, the citizen with its code and
 * secret, the operator of the command line. Loads the dossier, its event
 * log and the unit names, picks each form's reason and signer from the
 * log, and renders. See docs/internals/forms.md.
 */
#ifndef MC_APP_FORM_H
#define MC_APP_FORM_H

#include "app/app.h"
#include "io/pdf_form.h"

struct form_request {
	enum form_kind kind;
	enum form_paper paper;
	const char *code;
	const struct actor *actor;
	/* The tracking secret, printed on form 01. Only its hash is stored,
	 * so it is known only when someone who holds it asks: the counter
	 * right after filing, the citizen on the tracking page. It is
	 * checked against the hash (app_dossier_read): a wrong one, or a
	 * citizen actor without one, answers as an unknown code. */
	const char *secret;
	/* the server's public address: the QR code of form 01 opens
	 * BASE/verify.html?code=... there; NULL: no QR code */
	const char *base_url;
	bool *secret_checked; /* out (may be NULL): a secret was compared */
};

/* The form as a PDF appended to out. A dossier outside a staff actor's
 * units is MC_ERR_NOT_FOUND worded as an unknown code; a form the
 * dossier has no content for (03 of a dossier not refused, ...) is
 * MC_ERR_STATE naming "form". info may be NULL. */
enum mc_code app_form(struct app *app, const struct form_request *req,
		      struct strbuf *out, struct form_info *info,
		      struct mc_err *err);

#endif
