/*
 * vietqr.h - the VietQR payload: NAPAS's profile of the EMVCo
 * merchant-presented QR code for a transfer to a bank account
 * (service QRIBFTTA), the payload a citizen's bank app reads at the
 * cashier to pay one dossier's fees for the exact amount. Pure
 * functions, no I/O. DOMAIN.md section 13; docs/internals/vietqr.md.
 *
 * A payload is a run of fields ID (2 digits) LENGTH (2 digits) VALUE:
 *
 *   00 "01"            payload format indicator
 *   01 "12"            point of initiation: dynamic (one amount, one use)
 *   38 template        merchant account information:
 *        00 "A000000727"  NAPAS's GUID
 *        01 template      the beneficiary: 00 bank BIN (6 digits),
 *                         01 account number (up to 19)
 *        02 "QRIBFTTA"    transfer to an account
 *   53 "704"           currency: dong
 *   54 amount          whole dong, digits only (up to 13)
 *   58 "VN"            country
 *   62 template        additional data: 08 purpose (up to 25)
 *   63 CRC             CRC-16/CCITT-FALSE of everything before its
 *                      four hex digits, "6304" included
 */
#ifndef MC_CORE_VIETQR_H
#define MC_CORE_VIETQR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define VIETQR_BIN_LEN 6
#define VIETQR_ACCOUNT_MAX 19
/* EMVCo's limit for every field of the additional data template */
#define VIETQR_NOTE_MAX 25
/* tag 54 holds at most 13 characters */
#define VIETQR_AMOUNT_MAX INT64_C(9999999999999)
/* The longest payload these limits allow, with its NUL. */
#define VIETQR_PAYLOAD_MAX 160

struct vietqr {
	const char *bin;     /* the beneficiary bank's NAPAS BIN */
	const char *account; /* the beneficiary account */
	int64_t amount;      /* whole dong, above 0 */
	const char *note;    /* purpose (62/08); NULL or "" for none */
};

/* The payload of q into out (at least VIETQR_PAYLOAD_MAX bytes). Refuses,
 * naming the field ("bin", "account", "amount", "note") and the reason: a
 * BIN that is not 6 digits, an account that is empty, longer than 19 or
 * not letters and digits, an amount not above 0 or past 13 digits, a note
 * longer than 25 or with a character outside VIETQR_NOTE_CHARS. */
enum mc_code vietqr_payload(const struct vietqr *q, char *out, size_t cap,
			    struct mc_err *err);

/* The characters a note may hold: what every bank app keeps in a
 * transfer's content (unaccented letters, digits, space, '.', '-'). */
#define VIETQR_NOTE_CHARS "A-Z a-z 0-9 space . -"

/* An amount typed by a person: digits only, whole dong, above 0, at most
 * 13 digits ("150000"; "150.000", "1e5", "-5", "0" are refused naming
 * `field`). */
enum mc_code vietqr_amount_parse(const char *s, int64_t *out, const char *field,
				 struct mc_err *err);

/* CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection,
 * no final xor; the check value of "123456789" is 0x29B1). */
uint16_t vietqr_crc(const char *s, size_t n);

/* Whether payload is well formed: fields whose lengths fit, the last one
 * the CRC (63, length 04) matching what precedes it. MC_ERR_INPUT naming
 * "payload" and where it breaks. */
enum mc_code vietqr_check(const char *payload, size_t n, struct mc_err *err);

/* The value of top-level field `id` of a checked payload (sub is NULL),
 * or of field `sub` inside template `id`; false when absent. The value
 * is copied into out (NUL-terminated, cut to cap - 1). */
bool vietqr_field(const char *payload, const char *id, const char *sub,
		  char *out, size_t cap);

/* The note that names dossier `code` in its QR: the code itself when it
 * fits VIETQR_NOTE_MAX, else its letters and digits alone (a dossier
 * numbered past 9,999 in a day is 26 characters). */
void vietqr_dossier_note(const char *code, char *out, size_t cap);

/* Whether a bank statement's description names dossier `code`: the code
 * as written (any case), or its letters and digits alone, as banks that
 * drop punctuation show it; either with no letter or digit right before
 * or after, so a code is never found inside a longer one. */
bool vietqr_names_dossier(const char *description, const char *code);

/* The account a unit collects fees into: the QR of its dossiers pays
 * there. */
struct bank_account {
	char *unit_code;
	char *bin, *account; /* as vietqr_payload takes them */
	char *holder;        /* the account's name, as the bank shows it */
	int64_t updated;
	char *actor;
};
void bank_account_init(struct bank_account *a);
/* A callback over accounts; non-zero stops. */
typedef int (*store_bank_account_fn)(const struct bank_account *a, void *ctx);
void bank_account_release(struct bank_account *a);

/* The longest dossier code looked for. */
#define VIETQR_CODE_MAX 64
/* The unit whose code's letters and digits, upper case, are `compact`;
 * NULL when none. */
typedef const char *(*vietqr_unit_fn)(const char *compact, void *ctx);
/* Called with each dossier code found; 0 goes on, above 0 stops the
 * search and is returned. */
typedef int (*vietqr_code_fn)(const char *code, void *ctx);
/* The dossier codes a bank statement's description names, in the two
 * ways vietqr_names_dossier finds them: written out (UNIT-yyMMdd-NNNN,
 * the unit the one unit_of knows) or as letters and digits alone (a
 * unit's compact form followed by 10 or 11 digits). */
int vietqr_codes_in(const char *description, vietqr_unit_fn unit_of, void *ctx,
		    vietqr_code_fn fn, void *fn_ctx);

#endif
