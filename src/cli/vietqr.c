/*
 * vietqr.c - `motcua vietqr`: the VietQR payload of a transfer to a bank
 * account for an exact amount, printed so that it can be checked against
 * a bank app and other implementations, and as a PNG image with --png.
 */
#include <stdio.h>

#include "cli/opt.h"
#include "core/vietqr.h"
#include "io/qr_png.h"

int cmd_vietqr(int argc, char **argv);

int cmd_vietqr(int argc, char **argv)
{
	const char *bin = NULL, *account = NULL, *amount = NULL, *note = NULL;
	const char *png = NULL;
	const struct cli_opt opts[] = {
		{"bin", &bin, NULL},       {"account", &account, NULL},
		{"amount", &amount, NULL}, {"note", &note, NULL},
		{"png", &png, NULL},       {NULL, NULL, NULL},
	};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (status)
		return status;
	struct mc_err err = {0};
	struct vietqr q = {bin, account, 0, note};
	char payload[VIETQR_PAYLOAD_MAX];
	if (vietqr_amount_parse(amount, &q.amount, "amount", &err) ||
	    vietqr_payload(&q, payload, sizeof(payload), &err))
		return cli_fail(&err);
	if (png && qr_png_write(payload, png, "png", &err))
		return cli_fail(&err);
	printf("%s\n", payload);
	return 0;
}
