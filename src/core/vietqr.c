/*
 * vietqr.c - the VietQR payload, its CRC and its check, and how a bank
 * statement's description names a dossier (see vietqr.h).
 */
#include "core/vietqr.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#define NAPAS_GUID "A000000727"
#define SERVICE_TO_ACCOUNT "QRIBFTTA"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
static bool is_alnum(char c) { return is_digit(c) || is_letter(c); }
static char upper(char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

uint16_t vietqr_crc(const char *s, size_t n)
{
	uint16_t crc = 0xFFFF;
	for (size_t i = 0; i < n; i++) {
		crc ^= (uint16_t)((uint8_t)s[i] << 8);
		for (int b = 0; b < 8; b++)
			crc = crc & 0x8000 ? (uint16_t)(crc << 1 ^ 0x1021)
					   : (uint16_t)(crc << 1);
	}
	return crc;
}

enum mc_code vietqr_amount_parse(const char *s, int64_t *out, const char *field,
				 struct mc_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: missing (whole dong, e.g. 150000)", field);
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: \"%.40s\" is not a whole number of "
				       "dong (digits only, no separators or "
				       "decimals)",
				       field, s);
		if (i >= 13)
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: more than 13 digits", field);
		v = v * 10 + (s[i] - '0');
	}
	if (v <= 0)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: must be above 0 dong", field);
	*out = v;
	return MC_OK;
}

static enum mc_code check_fields(const struct vietqr *q, struct mc_err *err)
{
	const char *bin = q->bin ? q->bin : "";
	if (strlen(bin) != VIETQR_BIN_LEN)
		return mc_fail(err, MC_ERR_INPUT, "bin",
			       "bin: must be the bank's 6-digit NAPAS BIN, "
			       "not %zu characters",
			       strlen(bin));
	for (const char *p = bin; *p; p++)
		if (!is_digit(*p))
			return mc_fail(err, MC_ERR_INPUT, "bin",
				       "bin: digits only (the bank's NAPAS "
				       "BIN, e.g. 970415)");
	const char *acc = q->account ? q->account : "";
	size_t n = strlen(acc);
	if (n == 0 || n > VIETQR_ACCOUNT_MAX)
		return mc_fail(err, MC_ERR_INPUT, "account",
			       "account: must be 1 to %d characters, not %zu",
			       VIETQR_ACCOUNT_MAX, n);
	for (const char *p = acc; *p; p++)
		if (!is_alnum(*p))
			return mc_fail(err, MC_ERR_INPUT, "account",
				       "account: letters and digits only");
	if (q->amount <= 0 || q->amount > VIETQR_AMOUNT_MAX)
		return mc_fail(err, MC_ERR_INPUT, "amount",
			       "amount: must be 1 to %lld dong",
			       (long long)VIETQR_AMOUNT_MAX);
	const char *note = q->note ? q->note : "";
	if (strlen(note) > VIETQR_NOTE_MAX)
		return mc_fail(err, MC_ERR_INPUT, "note",
			       "note: at most %d characters, not %zu",
			       VIETQR_NOTE_MAX, strlen(note));
	for (const char *p = note; *p; p++)
		if (!is_alnum(*p) && *p != ' ' && *p != '.' && *p != '-')
			return mc_fail(err, MC_ERR_INPUT, "note",
				       "note: character %zu is outside the "
				       "allowed set (" VIETQR_NOTE_CHARS
				       "; no accents)",
				       (size_t)(p - note) + 1);
	return MC_OK;
}

/* Append field id with value to out at *len. */
static void put(char *out, size_t *len, const char *id, const char *value)
{
	*len += (size_t)sprintf(out + *len, "%s%02zu%s", id, strlen(value),
				value);
}

enum mc_code vietqr_payload(const struct vietqr *q, char *out, size_t cap,
			    struct mc_err *err)
{
	enum mc_code rc = check_fields(q, err);
	if (rc != MC_OK)
		return rc;
	if (cap < VIETQR_PAYLOAD_MAX)
		MC_BUG("vietqr_payload: %zu bytes, need %d", cap,
		       VIETQR_PAYLOAD_MAX);
	char bank[64], mai[128], amount[24], extra[40];
	size_t n = 0;
	put(bank, &n, "00", q->bin);
	put(bank, &n, "01", q->account);
	n = 0;
	put(mai, &n, "00", NAPAS_GUID);
	put(mai, &n, "01", bank);
	put(mai, &n, "02", SERVICE_TO_ACCOUNT);
	snprintf(amount, sizeof(amount), "%lld", (long long)q->amount);
	size_t len = 0;
	put(out, &len, "00", "01");
	put(out, &len, "01", "12");
	put(out, &len, "38", mai);
	put(out, &len, "53", "704");
	put(out, &len, "54", amount);
	put(out, &len, "58", "VN");
	if (q->note && *q->note) {
		n = 0;
		put(extra, &n, "08", q->note);
		put(out, &len, "62", extra);
	}
	len += (size_t)sprintf(out + len, "6304");
	sprintf(out + len, "%04X", vietqr_crc(out, len));
	return MC_OK;
}

/* The field at *pos of s[0..n): id and value span; false when it does not
 * fit. */
static bool next_field(const char *s, size_t n, size_t *pos, const char **id,
		       const char **value, size_t *vlen)
{
	size_t p = *pos;
	if (n - p < 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (!is_digit(s[p + i]))
			return false;
	size_t l = (size_t)(s[p + 2] - '0') * 10 + (size_t)(s[p + 3] - '0');
	if (n - p - 4 < l)
		return false;
	*id = s + p;
	*value = s + p + 4;
	*vlen = l;
	*pos = p + 4 + l;
	return true;
}

enum mc_code vietqr_check(const char *s, size_t n, struct mc_err *err)
{
	size_t pos = 0;
	const char *id, *value;
	size_t vlen;
	while (pos < n) {
		size_t at = pos;
		if (!next_field(s, n, &pos, &id, &value, &vlen))
			return mc_fail(err, MC_ERR_INPUT, "payload",
				       "payload: the field at character %zu "
				       "does not fit",
				       at + 1);
		if (memcmp(id, "63", 2) != 0)
			continue;
		if (vlen != 4 || pos != n)
			return mc_fail(err, MC_ERR_INPUT, "payload",
				       "payload: the CRC (63) must be the "
				       "last field, 4 characters");
		char want[5];
		snprintf(want, sizeof(want), "%04X",
			 vietqr_crc(s, (size_t)(value - s)));
		if (memcmp(want, value, 4) != 0)
			return mc_fail(err, MC_ERR_INPUT, "payload",
				       "payload: CRC %.4s, computed %s", value,
				       want);
		return MC_OK;
	}
	return mc_fail(err, MC_ERR_INPUT, "payload",
		       "payload: no CRC (63) field");
}

/* The value of field `id` among s[0..n), or NULL. */
static const char *find(const char *s, size_t n, const char *id, size_t *vlen)
{
	size_t pos = 0;
	const char *fid, *value;
	while (pos < n && next_field(s, n, &pos, &fid, &value, vlen))
		if (memcmp(fid, id, 2) == 0)
			return value;
	return NULL;
}

bool vietqr_field(const char *payload, const char *id, const char *sub,
		  char *out, size_t cap)
{
	size_t vlen;
	const char *v = find(payload, strlen(payload), id, &vlen);
	if (v && sub)
		v = find(v, vlen, sub, &vlen);
	if (!v || cap == 0)
		return false;
	snprintf(out, cap, "%.*s", (int)vlen, v);
	return true;
}

/* The letters and digits of code[0..n), upper case. */
static void compact_n(const char *code, size_t n, char *out, size_t cap)
{
	size_t j = 0;
	for (size_t i = 0; i < n && code[i] && j + 1 < cap; i++)
		if (is_alnum(code[i]))
			out[j++] = upper(code[i]);
	out[j] = '\0';
}

static void compact(const char *code, char *out, size_t cap)
{
	compact_n(code, strlen(code), out, cap);
}

void vietqr_dossier_note(const char *code, char *out, size_t cap)
{
	if (strlen(code) <= VIETQR_NOTE_MAX)
		snprintf(out, cap, "%s", code);
	else
		compact(code, out, cap);
}

/* Whether `word` occurs in text, compared without case, with no letter
 * or digit on either side. */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(text), w = strlen(word);
	if (w == 0)
		return false;
	for (size_t i = 0; i + w <= n; i++) {
		size_t k = 0;
		while (k < w && upper(text[i + k]) == upper(word[k]))
			k++;
		if (k < w)
			continue;
		if (i > 0 && is_alnum(text[i - 1]))
			continue;
		if (i + w < n && is_alnum(text[i + w]))
			continue;
		return true;
	}
	return false;
}

bool vietqr_names_dossier(const char *description, const char *code)
{
	if (!description || !code || !*code)
		return false;
	if (has_word(description, code))
		return true;
	char c[128];
	compact(code, c, sizeof(c));
	return has_word(description, c);
}

/* Whether s[0..n) is 6 digits, '-', then 4 or 5 digits ending at a
 * boundary; the length matched in *len. */
static bool day_and_number(const char *s, size_t n, size_t *len)
{
	if (n < 11 || s[6] != '-')
		return false;
	for (size_t i = 0; i < 6; i++)
		if (!is_digit(s[i]))
			return false;
	size_t k = 7;
	while (k < n && k < 13 && is_digit(s[k]))
		k++;
	if (k - 7 < 4 || (k < n && is_alnum(s[k])))
		return false;
	*len = k;
	return true;
}

/* Call fn with unit + "-" + rest when compact form `c` names a unit (and
 * the unit is `literal` when that is given): fn's result, -1 when no
 * unit. */
static int found(const char *c, const char *rest, size_t rest_len,
		 vietqr_unit_fn unit_of, void *ctx, vietqr_code_fn fn,
		 void *fn_ctx, const char *literal, size_t literal_len)
{
	const char *unit = unit_of(c, ctx);
	if (!unit || (literal && (strlen(unit) != literal_len ||
				  strncasecmp(unit, literal, literal_len))))
		return -1;
	char code[VIETQR_CODE_MAX];
	int n = snprintf(code, sizeof(code), "%s-%.*s", unit, (int)rest_len,
			 rest);
	return n < 0 || (size_t)n >= sizeof(code) ? -1 : fn(code, fn_ctx);
}

/* Codes written as they are: "...UNIT-yyMMdd-NNNN", the unit the
 * longest run of letters, digits and dots before it that names one. */
static int literal_codes(const char *s, vietqr_unit_fn unit_of, void *ctx,
			 vietqr_code_fn fn, void *fn_ctx)
{
	size_t n = strlen(s), len;
	for (size_t i = 1; i < n; i++) {
		if (s[i] != '-' || !day_and_number(s + i + 1, n - i - 1, &len))
			continue;
		size_t b = i;
		while (b > 0 && (is_alnum(s[b - 1]) || s[b - 1] == '.'))
			b--;
		for (size_t u = b; u < i; u++) {
			if (u > b && s[u - 1] != '.')
				continue;
			char c[VIETQR_CODE_MAX];
			compact_n(s + u, i - u, c, sizeof(c));
			int r = found(c, s + i + 1, len, unit_of, ctx, fn,
				      fn_ctx, s + u, i - u);
			if (r > 0)
				return r;
			if (r == 0)
				break; /* the longest unit named it */
		}
	}
	return 0;
}

/* Codes written as letters and digits alone: a run that ends in
 * yyMMdd and 4 or 5 digits after a unit's compact form. */
static int compact_codes(const char *s, vietqr_unit_fn unit_of, void *ctx,
			 vietqr_code_fn fn, void *fn_ctx)
{
	size_t n = strlen(s);
	for (size_t b = 0; b < n;) {
		size_t e = b;
		while (e < n && is_alnum(s[e]))
			e++;
		for (size_t digits = 10; digits <= 11 && e - b > digits;
		     digits++) {
			size_t u = e - digits;
			bool ok = true;
			for (size_t k = u; k < e; k++)
				ok = ok && is_digit(s[k]);
			char c[VIETQR_CODE_MAX], rest[16];
			if (!ok || u - b >= sizeof(c))
				continue;
			compact_n(s + b, u - b, c, sizeof(c));
			snprintf(rest, sizeof(rest), "%.6s-%.*s", s + u,
				 (int)(digits - 6), s + u + 6);
			int r = found(c, rest, strlen(rest), unit_of, ctx, fn,
				      fn_ctx, NULL, 0);
			if (r > 0)
				return r;
			if (r == 0)
				break;
		}
		b = e > b ? e : b + 1;
	}
	return 0;
}

int vietqr_codes_in(const char *description, vietqr_unit_fn unit_of, void *ctx,
		    vietqr_code_fn fn, void *fn_ctx)
{
	if (!description)
		return 0;
	int r = literal_codes(description, unit_of, ctx, fn, fn_ctx);
	return r ? r : compact_codes(description, unit_of, ctx, fn, fn_ctx);
}

void bank_account_init(struct bank_account *a) { memset(a, 0, sizeof(*a)); }

void bank_account_release(struct bank_account *a)
{
	free(a->unit_code);
	free(a->bin);
	free(a->account);
	free(a->holder);
	free(a->actor);
	bank_account_init(a);
}
