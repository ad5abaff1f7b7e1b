/*
 * limits.c - the table of field limits and the character rules (see
 * limits.h).
 */
#include "core/limits.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/dossier.h"

const struct limit limits[LIMIT__COUNT] = {
	[LIMIT_CODE] = {"procedure or unit code", 40, false},
	[LIMIT_DOSSIER_CODE] = {"dossier code", 64, false},
	[LIMIT_NAME] = {"applicant's name", 300, false},
	[LIMIT_ID] = {"identity document number", 32, false},
	[LIMIT_ID_TYPE] = {"identity document type", 64, false},
	[LIMIT_PHONE] = {"phone number", 20, false},
	[LIMIT_EMAIL] = {"e-mail address", 254, false},
	[LIMIT_SUMMARY] = {"summary of the request", 4000, true},
	[LIMIT_COMPONENT] = {"component or result name", 300, false},
	[LIMIT_FILE_NAME] = {"file name", 255, false},
	[LIMIT_URL] = {"file address", 2048, false},
	[LIMIT_NOTE] = {"note or reason of a step", 2000, true},
	[LIMIT_TEXT] = {"feedback or its answer", 4000, true},
	[LIMIT_USERNAME] = {"user name", 64, false},
	[LIMIT_PASSWORD] = {"password", 1024, false},
	[LIMIT_SECRET] = {"tracking secret", 256, false},
	[LIMIT_WORD] = {"keyword", 64, false},
	[LIMIT_CATALOGUE] = {"catalogue name", 500, false},
};

enum mc_code limit_length(enum limit_id id, const char *field, const char *s,
			  struct mc_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n <= limits[id].max)
		return MC_OK;
	return mc_fail_as(err, MC_ERR_INPUT, field, "too_long",
			  "%s: is %zu bytes, over the %zu-byte limit of a %s",
			  field, n, limits[id].max, limits[id].what);
}

enum mc_code limit_count(const char *field, size_t n, size_t max,
			 struct mc_err *err)
{
	if (n <= max)
		return MC_OK;
	return mc_fail_as(err, MC_ERR_INPUT, field, "too_many",
			  "%s: has %zu entries, over the limit of %zu", field,
			  n, max);
}

/* The code point at *p (advanced past it), or -1 when not UTF-8. */
static int32_t next_code_point(const unsigned char **p)
{
	const unsigned char *s = *p;
	int32_t c;
	int n;
	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		c = s[0] & 0x1f, n = 1;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		c = s[0] & 0x0f, n = 2;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		c = s[0] & 0x07, n = 3;
	else
		return -1;
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	static const int32_t least[4] = {0, 0x80, 0x800, 0x10000};
	if (c < least[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*p = s + n + 1;
	return c;
}

static bool control(int32_t c, bool multiline)
{
	if (multiline && (c == '\t' || c == '\n' || c == '\r'))
		return false;
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

static bool bidi_control(int32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

enum mc_code limit_check(enum limit_id id, const char *field, const char *s,
			 struct mc_err *err)
{
	enum mc_code rc = limit_length(id, field, s, err);
	if (rc || !s)
		return rc;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t at = (size_t)(p - (const unsigned char *)s);
		int32_t c = next_code_point(&p);
		if (c < 0)
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: is not valid UTF-8 at byte %zu",
				       field, at + 1);
		if (control(c, limits[id].multiline))
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: holds the control character "
				       "U+%04X at byte %zu",
				       field, (unsigned)c, at + 1);
		if (bidi_control(c))
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: holds the bidirectional control "
				       "U+%04X at byte %zu, which would show "
				       "the text in another order",
				       field, (unsigned)c, at + 1);
	}
	return MC_OK;
}

/* ---- a whole dossier (imports) ------------------------------------------ */

struct text_limit {
	const char *field;
	enum limit_id id;
	const char *value;
};

static enum mc_code each_length(const struct text_limit *t, size_t n,
				const char *prefix, size_t i,
				struct mc_err *err)
{
	char field[64];
	for (size_t k = 0; k < n; k++) {
		if (prefix)
			snprintf(field, sizeof(field), "%s[%zu].%s", prefix, i,
				 t[k].field);
		else
			snprintf(field, sizeof(field), "%s", t[k].field);
		enum mc_code rc = limit_length(t[k].id, field, t[k].value, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static enum mc_code top_lengths(const struct dossier *d, struct mc_err *err)
{
	const struct text_limit t[] = {
		{"MaHoSo", LIMIT_DOSSIER_CODE, d->code},
		{"MaTTHC", LIMIT_CODE, d->procedure_code},
		{"TenTTHC", LIMIT_CATALOGUE, d->procedure_name},
		{"MaLinhVuc", LIMIT_CODE, d->field_code},
		{"TenLinhVuc", LIMIT_CATALOGUE, d->field_name},
		{"ChuHoSo", LIMIT_NAME, d->applicant_name},
		{"SoGiayToChuHoSo", LIMIT_ID, d->applicant_id},
		{"LoaiGiayToChuHoSo", LIMIT_ID_TYPE, d->applicant_id_type},
		{"SoDienThoai", LIMIT_PHONE, d->phone},
		{"Email", LIMIT_EMAIL, d->email},
		{"TrichYeuHoSo", LIMIT_SUMMARY, d->summary},
		{"DonViXuLy", LIMIT_CODE, d->unit_code},
	};
	return each_length(t, sizeof(t) / sizeof(*t), NULL, 0, err);
}

static enum mc_code list_lengths(const struct dossier *d, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		const struct text_limit t[] = {
			{"MaThanhPhanHoSo", LIMIT_COMPONENT, c->code},
			{"TenTepDinhKem", LIMIT_FILE_NAME, c->file_name},
			{"DuongDanTaiTepTin", LIMIT_URL, c->url},
		};
		rc = each_length(t, 3, "TaiLieuNop", i, err);
	}
	for (size_t i = 0; !rc && i < d->n_fees; i++) {
		const struct text_limit t[] = {
			{"MaPhiLePhi", LIMIT_CODE, d->fees[i].code},
			{"TenPhiLePhi", LIMIT_CATALOGUE, d->fees[i].name},
		};
		rc = each_length(t, 2, "DanhSachLePhi", i, err);
	}
	for (size_t i = 0; !rc && i < d->n_results; i++) {
		const struct dossier_result *res = &d->results[i];
		const struct text_limit t[] = {
			{"TenGiayTo", LIMIT_COMPONENT, res->name},
			{"MaGiayToKetQua", LIMIT_COMPONENT, res->code},
			{"DuongDanTepTinKetQua", LIMIT_URL, res->url},
		};
		rc = each_length(t, 3, "DanhSachGiayToKetQua", i, err);
	}
	return rc;
}

enum mc_code limit_dossier(const struct dossier *d, struct mc_err *err)
{
	enum mc_code rc;
	if ((rc = limit_count("TaiLieuNop", d->n_components, LIMIT_COMPONENTS,
			      err)) ||
	    (rc = limit_count("DanhSachLePhi", d->n_fees, LIMIT_FEES, err)) ||
	    (rc = limit_count("DanhSachHoSoBoSung", d->n_supplements,
			      LIMIT_SUPPLEMENTS, err)) ||
	    (rc = limit_count("DanhSachGiayToKetQua", d->n_results,
			      LIMIT_RESULTS, err)) ||
	    (rc = top_lengths(d, err)))
		return rc;
	return list_lengths(d, err);
}
