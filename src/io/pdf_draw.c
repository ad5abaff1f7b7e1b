/*
 * pdf_draw.c - the page writer of the printed forms: cairo's PDF surface
 * written into a strbuf, pango layouts at 72 dpi so sizes are points,
 * paragraphs drawn line by line so that any text flows onto the next
 * page, framed table rows, and a QR code (libqrencode) drawn as filled
 * squares. See docs/internals/forms.md.
 */
#include "io/pdf_draw.h"

#include <cairo-pdf.h>
#include <qrencode.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define CELL_PAD 3.0

static cairo_status_t write_out(void *closure, const unsigned char *data,
				unsigned int length)
{
	struct strbuf *sb = closure;
	strbuf_add(sb, (const char *)data, length);
	return sb->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* ---- cleaning texts --------------------------------------------------- */

/* A character a form must not print as is: C0 and C1 controls (a line
 * break aside) and the bidirectional controls that reorder a line. */
static bool unprintable(gunichar c)
{
	return (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f;
}

static void add_char(struct strbuf *sb, gunichar c, bool markup)
{
	char buf[8];
	if (markup && (c == '&' || c == '<' || c == '>')) {
		strbuf_puts(sb, c == '&'   ? "&amp;"
				: c == '<' ? "&lt;"
					   : "&gt;");
		return;
	}
	int n = g_unichar_to_utf8(c, buf);
	strbuf_add(sb, buf, (size_t)n);
}

void pen_clean(struct strbuf *sb, const char *text, size_t max, bool markup)
{
	const char *s = text ? text : "";
	size_t left = strlen(s), taken = 0;
	while (left > 0) {
		if (taken >= max) {
			strbuf_puts(sb, "…");
			return;
		}
		gunichar c = g_utf8_get_char_validated(s, (gssize)left);
		size_t n = 1;
		if (c == (gunichar)-1 || c == (gunichar)-2)
			c = 0xfffd; /* not UTF-8: one byte replaced */
		else
			n = (size_t)(g_utf8_next_char(s) - s);
		if (c == '\t' || c == '\r')
			c = ' ';
		else if (unprintable(c))
			c = 0xfffd;
		add_char(sb, c, markup);
		s += n, left -= n, taken += n;
	}
}

/* ---- the pen ------------------------------------------------------------ */

bool pen_open(struct pen *p, enum form_paper paper, struct strbuf *out)
{
	memset(p, 0, sizeof(*p));
	bool a5 = paper == PAPER_A5;
	p->width = a5 ? 148 * MM : 210 * MM;
	p->height = a5 ? 210 * MM : 297 * MM;
	/* the margins of an administrative document, narrower on A5 */
	p->left = a5 ? 18 * MM : 30 * MM;
	p->right = a5 ? 12 * MM : 15 * MM;
	p->top = p->bottom = a5 ? 12 * MM : 20 * MM;
	p->size = a5 ? 10 : 12.5;
	p->y = p->top;
	p->pages = 1;
	p->out = out;
	strbuf_init(&p->scratch);
	p->surface = cairo_pdf_surface_create_for_stream(write_out, out,
							 p->width, p->height);
	p->cr = cairo_create(p->surface);
	p->layout = pango_cairo_create_layout(p->cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(p->layout),
					   72);
	pango_layout_context_changed(p->layout);
	return cairo_status(p->cr) == CAIRO_STATUS_SUCCESS;
}

bool pen_close(struct pen *p)
{
	g_object_unref(p->layout);
	cairo_status_t st = cairo_status(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	strbuf_release(&p->scratch);
	return st == CAIRO_STATUS_SUCCESS && !p->out->oom;
}

static double text_width(const struct pen *p)
{
	return p->width - p->left - p->right;
}

static void new_page(struct pen *p)
{
	cairo_show_page(p->cr);
	p->pages++;
	p->y = p->top;
}

void pen_need(struct pen *p, double points)
{
	if (p->y + points > p->height - p->bottom && p->y > p->top)
		new_page(p);
}

void pen_skip(struct pen *p, double points) { p->y += points; }

static void set_font(struct pen *p, unsigned style)
{
	PangoFontDescription *fd = pango_font_description_new();
	double size = p->size;
	if (style & PEN_SMALL)
		size -= 1.5;
	if (style & PEN_LARGE)
		size += 1.5;
	pango_font_description_set_family(fd, PEN_FONT);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	pango_font_description_set_weight(
		fd, style & PEN_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, style & PEN_ITALIC
						     ? PANGO_STYLE_ITALIC
						     : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
}

/* Put text into the layout, `width` points wide. */
static void set_text(struct pen *p, const char *text, unsigned style,
		     double width)
{
	set_font(p, style);
	pango_layout_set_width(p->layout, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->layout,
				   style & PEN_CENTER  ? PANGO_ALIGN_CENTER
				   : style & PEN_RIGHT ? PANGO_ALIGN_RIGHT
						       : PANGO_ALIGN_LEFT);
	if (style & PEN_MARKUP) {
		pango_layout_set_markup(p->layout, text, -1);
		return;
	}
	pango_layout_set_attributes(p->layout, NULL); /* markup's, before */
	strbuf_reset(&p->scratch);
	pen_clean(&p->scratch, text, FORM_MAX_FIELD, false);
	pango_layout_set_text(p->layout, p->scratch.buf ? p->scratch.buf : "",
			      (int)p->scratch.len);
}

static double layout_height(struct pen *p)
{
	int w, h;
	pango_layout_get_size(p->layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Draw the layout's lines from p->y, turning the page before a line
 * that would cross the bottom margin. */
static void draw_lines(struct pen *p, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	double shift = p->y, end = p->y;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double top = (double)r.y / PANGO_SCALE;
		double h = (double)r.height / PANGO_SCALE;
		if (shift + top + h > p->height - p->bottom &&
		    shift + top > p->top) {
			new_page(p);
			shift = p->top - top;
		}
		double base = (double)pango_layout_iter_get_baseline(it) /
			      PANGO_SCALE;
		cairo_move_to(p->cr, x, shift + base);
		pango_cairo_show_layout_line(
			p->cr, pango_layout_iter_get_line_readonly(it));
		end = shift + top + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = end;
}

void pen_para(struct pen *p, const char *text, unsigned style, double indent)
{
	set_text(p, text, style, text_width(p) - indent);
	if (style & (PEN_CENTER | PEN_RIGHT)) {
		/* short aligned lines (titles, dates) go as one block: a
		 * line drawn alone loses its alignment offset */
		pen_need(p, layout_height(p));
		cairo_move_to(p->cr, p->left + indent, p->y);
		pango_cairo_show_layout(p->cr, p->layout);
		p->y += layout_height(p);
		return;
	}
	draw_lines(p, p->left + indent);
}

void pen_columns(struct pen *p, int n, const char *const *texts,
		 const unsigned *styles, const double *x, const double *w)
{
	double tw = text_width(p), tallest = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			set_text(p, texts[i], styles[i], w[i] * tw);
			double h = layout_height(p);
			if (pass == 0) {
				tallest = h > tallest ? h : tallest;
				continue;
			}
			cairo_move_to(p->cr, p->left + x[i] * tw, p->y);
			pango_cairo_show_layout(p->cr, p->layout);
		}
		if (pass == 0)
			pen_need(p, tallest);
	}
	p->y += tallest;
}

static double row_height(struct pen *p, int n, const char *const *cells,
			 const double *w, unsigned style)
{
	double tallest = 0, tw = text_width(p);
	for (int i = 0; i < n; i++) {
		set_text(p, cells[i], style | PEN_SMALL,
			 w[i] * tw - 2 * CELL_PAD);
		double h = layout_height(p);
		tallest = h > tallest ? h : tallest;
	}
	return tallest + 2 * CELL_PAD;
}

static void draw_row(struct pen *p, int n, const char *const *cells,
		     const double *w, unsigned style, double h)
{
	double x = p->left, tw = text_width(p);
	cairo_set_line_width(p->cr, 0.6);
	for (int i = 0; i < n; i++) {
		double cw = w[i] * tw;
		cairo_rectangle(p->cr, x, p->y, cw, h);
		cairo_stroke(p->cr);
		set_text(p, cells[i], style | PEN_SMALL, cw - 2 * CELL_PAD);
		cairo_move_to(p->cr, x + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, p->layout);
		x += cw;
	}
	p->y += h;
}

void pen_row(struct pen *p, int n, const char *const *cells, const double *w,
	     unsigned style, const char *const *header)
{
	double h = row_height(p, n, cells, w, style);
	if (p->y + h > p->height - p->bottom && p->y > p->top) {
		new_page(p);
		if (header) {
			double hh = row_height(p, n, header, w, PEN_BOLD);
			draw_row(p, n, header, w, PEN_BOLD | PEN_CENTER, hh);
		}
	}
	draw_row(p, n, cells, w, style, h);
}

bool pen_qr(struct pen *p, const char *text, double side, int *width,
	    int *modules)
{
	QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!qr)
		return false;
	int w = qr->width, dark = 0;
	double m = side / (w + 8); /* four modules of quiet zone each side */
	double x0 = p->width - p->right - side + 4 * m, y0 = p->y + 4 * m;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1) {
				cairo_rectangle(p->cr, x0 + x * m, y0 + y * m,
						m, m);
				dark++;
			}
	cairo_fill(p->cr);
	QRcode_free(qr);
	*width = w;
	*modules = dark;
	return true;
}
