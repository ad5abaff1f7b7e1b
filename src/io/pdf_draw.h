/*
 * pdf_draw.h - the page writer the forms share (pdf_draw.c): a pen that
 * flows paragraphs down cairo PDF pages with pango, line by line, so a
 * long text breaks across pages; two-column blocks; a table with its
 * header repeated on each page; a QR code of dark squares. Texts given
 * to it are cleaned (valid UTF-8, no control characters) and cut.
 */
#ifndef MC_IO_PDF_DRAW_H
#define MC_IO_PDF_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "core/str.h"
#include "io/pdf_form.h"

#define PEN_FONT "DejaVu Serif"

enum pen_style {
	PEN_BOLD = 1,
	PEN_ITALIC = 2,
	PEN_CENTER = 4,
	PEN_RIGHT = 8,
	PEN_SMALL = 16, /* one point and a half smaller */
	PEN_LARGE = 32, /* the title */
	PEN_MARKUP = 64 /* the text is pango markup (already escaped) */
};

struct pen {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	double width, height;            /* the page, in points */
	double left, right, top, bottom; /* margins */
	double y;                        /* where the next line goes */
	double size;                     /* body text, points */
	int pages;
	struct strbuf scratch; /* cleaned text */
	struct strbuf *out;
};

bool pen_open(struct pen *p, enum form_paper paper, struct strbuf *out);
/* Finish the document; false when cairo reported an error. */
bool pen_close(struct pen *p);

/* A paragraph across the text width (indented by `indent` points). */
void pen_para(struct pen *p, const char *text, unsigned style, double indent);
/* Vertical space. */
void pen_skip(struct pen *p, double points);
/* Start a new page when fewer than `points` remain. */
void pen_need(struct pen *p, double points);
/* Texts side by side: column i from x[i] (fraction of the text width)
 * with width w[i]; the pen moves below the tallest. */
void pen_columns(struct pen *p, int n, const char *const *texts,
		 const unsigned *styles, const double *x, const double *w);
/* A table row of n cells (widths in fractions of the text width),
 * framed; a row that does not fit starts a new page, which repeats
 * `header` first when given. */
void pen_row(struct pen *p, int n, const char *const *cells, const double *w,
	     unsigned style, const char *const *header);
/* A QR code of `text`, `side` points wide, at the right margin from the
 * current line; *width and *modules say what was drawn. */
bool pen_qr(struct pen *p, const char *text, double side, int *width,
	    int *modules);

/* `text` cleaned and cut at `max` bytes, escaped for pango markup when
 * `markup`; appended to sb. */
void pen_clean(struct strbuf *sb, const char *text, size_t max, bool markup);

#endif
