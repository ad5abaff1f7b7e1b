/*
 * pdf_form.h - the printed forms of the one-stop process (Circular
 * 01/2018/TT-VPCP) as PDF: receipt and appointment (01), supplement
 * request (02), refusal (03), apology with a new date (04) and the
 * dossier control slip (06). Drawn with cairo and pango in DejaVu Serif,
 * fonts embedded, A4 or A5. The input is a dossier and its steps, plain
 * core data; loading them and checking who may print is the caller's
 * (app/form.c). See docs/internals/forms.md.
 */
#ifndef MC_IO_PDF_FORM_H
#define MC_IO_PDF_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/error.h"
#include "core/str.h"

enum form_kind {
	FORM_RECEIPT = 1,    /* Mẫu số 01 */
	FORM_SUPPLEMENT = 2, /* Mẫu số 02 */
	FORM_REFUSAL = 3,    /* Mẫu số 03 */
	FORM_APOLOGY = 4,    /* Mẫu số 04 */
	FORM_CONTROL = 6     /* Mẫu số 06 */
};

enum form_paper { PAPER_A4 = 0, PAPER_A5 = 1 };

/* One step of the dossier's event log as the control slip prints it. */
struct form_step {
	int64_t at;
	const char *action;    /* the operation's key, "accept", ... */
	const char *actor;     /* account or operator name */
	const char *unit_name; /* the unit handling it after the step */
	const char *note;      /* reason, transfer note; may be NULL */
	int old_status, new_status;
};

struct form_input {
	enum form_kind kind;
	enum form_paper paper;
	const struct dossier *d;
	const char *authority;  /* the unit's parent authority; may be NULL */
	const char *unit_name;  /* the handling unit */
	int64_t printed_at;     /* the date line of the form */
	const char *time_limit; /* 01: "15 ngày làm việc"; may be NULL */
	const char *signer;     /* who signs for the unit (the step's actor) */
	/* 01: the tracking secret when known (NULL: not printed), and the
	 * text of the QR code (the tracking page's address; NULL: none) */
	const char *secret, *tracking_url;
	bool secret_issued; /* 01: a secret exists, unknown here */
	/* 02: what to supplement; 03: the refusal reason; 04: the reason
	 * for the delay */
	const char *note;
	int64_t note_at;               /* when that step was recorded */
	int64_t new_due;               /* 04: the new appointment */
	const struct form_step *steps; /* 06: the event log, oldest first */
	size_t n_steps;
};

/* What the writer drew, for callers and tests. */
struct form_info {
	int pages;
	int qr_width;   /* modules per side of the QR code; 0 when none */
	int qr_modules; /* dark modules drawn */
};

/* Render the form as one PDF into out (appended). Texts are cleaned on
 * the way: invalid UTF-8 and control characters become U+FFFD, a field
 * longer than FORM_MAX_FIELD bytes is cut with "…". MC_ERR_INPUT naming
 * the field when the form cannot be made from this dossier (a refusal
 * form without a reason, ...). info may be NULL. */
enum mc_code form_pdf_write(const struct form_input *in, struct strbuf *out,
			    struct form_info *info, struct mc_err *err);

#define FORM_MAX_FIELD 4000
#define FORM_MAX_STEPS 2000 /* steps on a control slip */

/* "01", ... for a kind; NULL for none. */
const char *form_kind_number(enum form_kind k);
/* The kind numbered "01", "1", ...; 0 when none. */
enum form_kind form_kind_parse(const char *s);
/* Vietnamese title, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", ... */
const char *form_kind_title(enum form_kind k);

#endif
