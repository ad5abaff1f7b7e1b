/*
 * pdf_fee.h - the printable electronic receipt of fees (biên lai thu
 * phí, lệ phí điện tử) of one paid payment: the collecting unit, series
 * and number, who paid, the dossier and procedure, each fee line, the
 * total in figures and in words, how it was paid and the provider's
 * reference; a cancelled receipt says so, with its reason. Drawn like the
 * one-stop forms (pdf_draw.h), A5 or A4. See docs/internals/payments.md.
 */
#ifndef MC_IO_PDF_FEE_H
#define MC_IO_PDF_FEE_H

#include "core/dossier.h"
#include "core/payment.h"
#include "io/pdf_form.h"

struct fee_receipt_input {
	const struct payment *p;
	const struct receipt *r;
	const struct dossier *d;
	const char *unit_name, *authority; /* authority may be NULL */
	enum form_paper paper;
};

enum mc_code pdf_fee_receipt(const struct fee_receipt_input *in,
			     struct strbuf *out, struct mc_err *err);

#endif
