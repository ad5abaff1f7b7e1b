/*
 * qr_png.h - a QR code as a PNG image (libqrencode draws the modules,
 * cairo writes the file): the VietQR a cashier prints or shows.
 */
#ifndef MC_IO_QR_PNG_H
#define MC_IO_QR_PNG_H

#include "core/error.h"

/* Write text as a QR code (8-bit mode, error correction M, 8 pixels a
 * module, a quiet zone of 4 modules) to the PNG file `path`. MC_ERR_IO
 * naming `field` when the file cannot be written; MC_ERR_TOO_LARGE when
 * the text does not fit a QR code. */
enum mc_code qr_png_write(const char *text, const char *path, const char *field,
			  struct mc_err *err);

#endif
