/*
 * pdf_form_int.h - what the form files share (pdf_form.c): the dates as
 * the forms write them and the parts every form has (header, title,
 * "label: value" fields, the applicant, signatures). Each form family
 * has its file: pdf_receipt.c (01), pdf_letters.c (02, 03, 04),
 * pdf_control.c (06).
 */
#ifndef MC_IO_PDF_FORM_INT_H
#define MC_IO_PDF_FORM_INT_H

#include "io/pdf_draw.h"
#include "io/pdf_form.h"

#define FORM_MAX_CELL 300 /* a table cell, a list item: cut there */
#define FORM_DATE_BUF 64

/* dd/mm/yyyy; dots to fill in by hand when t is MC_NO_TIME */
const char *form_date(int64_t t, char buf[FORM_DATE_BUF]);
/* "08 giờ 30 phút, ngày 04/12/2026" */
const char *form_time(int64_t t, char buf[FORM_DATE_BUF]);
/* "04/12/2026 08:30" */
const char *form_stamp(int64_t t, char buf[FORM_DATE_BUF]);

/* s cleaned, cut at max bytes and escaped for markup, appended. */
void form_add(struct strbuf *sb, const char *s, size_t max);

/* "label: value", the value in bold (dots when empty). */
void form_field(struct pen *p, const char *label, const char *value);
/* A paragraph of markup made of `before`, the cleaned value in bold,
 * and `after` (both plain markup of ours). */
void form_sentence(struct pen *p, const char *before, const char *value,
		   const char *after);
/* The applicant (under `label`), ID, phone, e-mail, the procedure. */
void form_applicant(struct pen *p, const struct dossier *d, const char *label);
/* Signature blocks: the left one may be NULL (one on the right). */
void form_signatures(struct pen *p, const char *left_role,
		     const char *left_name, const char *right_role,
		     const char *right_name);

void form_receipt(struct pen *p, const struct form_input *in,
		  struct form_info *info);
void form_supplement(struct pen *p, const struct form_input *in);
void form_refusal(struct pen *p, const struct form_input *in);
void form_apology(struct pen *p, const struct form_input *in);
void form_control(struct pen *p, const struct form_input *in);

#endif
