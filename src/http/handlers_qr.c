/*
 * handlers_qr.c - GET /api/v1/qr.svg?text=...: a QR code (libqrencode,
 * error correction M) drawn as SVG, for the receipt's link to the
 * tracking page. One path per code, black modules on white with the
 * four-module quiet zone the standard asks for; anyone may ask, the text
 * is limited to 512 bytes.
 */
#include <qrencode.h>
#include <string.h>

#include "http/http_int.h"

#define QR_MAX_TEXT 512
#define QR_QUIET 4

/* The dark modules as one SVG path of unit squares, rows merged into
 * runs so a code stays a few kilobytes. */
static void draw_modules(const QRcode *qr, struct strbuf *sb)
{
	int w = qr->width;
	strbuf_puts(sb, "<path fill=\"#000\" d=\"");
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			if (!(qr->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			strbuf_addf(sb, "M%d %dh%dv1h-%dz", x + QR_QUIET,
				    y + QR_QUIET, run, run);
			x += run;
		}
	}
	strbuf_puts(sb, "\"/>");
}

static void svg_of(const QRcode *qr, struct strbuf *sb)
{
	int size = qr->width + 2 * QR_QUIET;
	strbuf_addf(sb,
		    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
		    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>",
		    size, size, size, size);
	draw_modules(qr, sb);
	strbuf_puts(sb, "</svg>\n");
}

void h_qr_svg(struct http_req *r)
{
	const char *text = http_query(r, "text");
	if (!text || !*text || strlen(text) > QR_MAX_TEXT) {
		http_reply_error(r, 400, "invalid_input", "text",
				 "text: give 1-%d bytes to encode",
				 QR_MAX_TEXT);
		return;
	}
	QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!qr) {
		http_reply_error(r, 500, "internal", "",
				 "the QR code could not be made");
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	svg_of(qr, &sb);
	QRcode_free(qr);
	if (sb.oom)
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
	else
		http_reply_text(r, 200, "image/svg+xml", sb.buf, sb.len);
	strbuf_release(&sb);
	MHD_del_response_header(r->resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				"no-store");
	http_add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
			"private, max-age=86400");
}
