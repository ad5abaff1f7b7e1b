/*
 * qr_png.c - a QR code as a PNG image (see qr_png.h).
 */
#include "io/qr_png.h"

#include <cairo.h>
#include <errno.h>
#include <qrencode.h>
#include <string.h>

#define PIXELS_PER_MODULE 8
#define QUIET_MODULES 4

static cairo_surface_t *draw(const QRcode *qr)
{
	int side = (qr->width + 2 * QUIET_MODULES) * PIXELS_PER_MODULE;
	cairo_surface_t *s =
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				cairo_rectangle(
					cr,
					(x + QUIET_MODULES) * PIXELS_PER_MODULE,
					(y + QUIET_MODULES) * PIXELS_PER_MODULE,
					PIXELS_PER_MODULE, PIXELS_PER_MODULE);
	cairo_fill(cr);
	cairo_destroy(cr);
	return s;
}

enum mc_code qr_png_write(const char *text, const char *path, const char *field,
			  struct mc_err *err)
{
	errno = 0;
	QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!qr)
		return errno == ENOMEM
			       ? mc_fail(err, MC_ERR_NOMEM, field,
					 "%s: out of memory", field)
			       : mc_fail(err, MC_ERR_TOO_LARGE, field,
					 "%s: the text does not fit a QR code",
					 field);
	cairo_surface_t *s = draw(qr);
	QRcode_free(qr);
	cairo_status_t st = cairo_surface_status(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return mc_fail(err, MC_ERR_IO, field, "%s: cannot write %s: %s",
			       field, path, cairo_status_to_string(st));
	return MC_OK;
}
