/*
 * filing.c - read a new filing: only what the applicant declares, plus
 * what the counter's clerk records (see filing.h).
 */
#include "io/filing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/limits.h"
#include "core/str.h"

/* Fields a filing may not carry, and who sets them instead. */
static const struct {
	const char *name, *who;
} not_declared[] = {
	{"MaHoSo", "a new filing gets its code from the system; leave it out"},
	{"NgayNopHoSo", "the system records when the filing arrives"},
	{"NgayTiepNhan", "the system records when the counter receives it"},
	{"NgayHenTra", "the system counts the due date from the procedure's "
		       "time limit"},
	{"TrangThaiHoSo", "the status follows the dossier's steps"},
	{"NgayKetThucXuLy", "the processing unit records when it finishes"},
	{"NgayTra", "the counter records when the result is returned"},
	{"NgayTuChoi", "the counter records a refusal"},
	{"HinhThuc", "the counter records how the result is returned"},
	{"HoSoCoThanhPhanSoHoa", "it follows from the components' DuocSoHoa"},
	{"TaiKhoanDuocXacThucVoiVNeID",
	 "only a check against the population database (VNeID) sets it"},
	{"DuocThanhToanTrucTuyen", "only a confirmed online payment sets it"},
	{"DanhSachLePhi", "fees come from the procedure's catalogue entry"},
	{"DanhSachHoSoBoSung",
	 "supplement rounds are opened by the processing unit"},
	{"DanhSachGiayToKetQua",
	 "results are issued by the processing unit when it finishes"},
};

/* Copies of catalogue facts: the system takes them from the catalogue. */
static const char *const from_catalogue[] = {"TenTTHC", "MaLinhVuc",
					     "TenLinhVuc"};

struct text_field {
	const char *name;
	enum limit_id limit;
	size_t offset; /* of the char * in struct dossier */
};

static const struct text_field texts[] = {
	{"MaTTHC", LIMIT_CODE, offsetof(struct dossier, procedure_code)},
	{"DonViXuLy", LIMIT_CODE, offsetof(struct dossier, unit_code)},
	{"ChuHoSo", LIMIT_NAME, offsetof(struct dossier, applicant_name)},
	{"SoGiayToChuHoSo", LIMIT_ID, offsetof(struct dossier, applicant_id)},
	{"LoaiGiayToChuHoSo", LIMIT_ID_TYPE,
	 offsetof(struct dossier, applicant_id_type)},
	{"SoDienThoai", LIMIT_PHONE, offsetof(struct dossier, phone)},
	{"Email", LIMIT_EMAIL, offsetof(struct dossier, email)},
	{"TrichYeuHoSo", LIMIT_SUMMARY, offsetof(struct dossier, summary)},
};
#define N_TEXTS (sizeof(texts) / sizeof(*texts))

static bool in_list(const char *const *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], key) == 0)
			return true;
	return false;
}

/* A string member (null and "" are absent) within its limit. */
static enum mc_code text_value(json_t *v, const char *field,
			       enum limit_id limit, char **out,
			       struct mc_err *err)
{
	if (json_is_null(v))
		return MC_OK;
	if (!json_is_string(v))
		return mc_fail_as(err, MC_ERR_INPUT, field, "not_text",
				  "%s: must be a string", field);
	const char *s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: holds the control character U+0000", field);
	enum mc_code rc = limit_check(limit, field, s, err);
	if (rc || !*s)
		return rc;
	if (!str_set(out, s))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

/* A small number given as "2" or 2 in [lo, hi]; absent leaves *out. */
static enum mc_code small_value(json_t *v, const char *field, int lo, int hi,
				const char *what, int *out, struct mc_err *err)
{
	long long n;
	const char *s = json_string_value(v);
	char *end;
	if (json_is_null(v) || (s && !*s))
		return MC_OK;
	if (json_is_integer(v))
		n = json_integer_value(v);
	else if (s && strlen(s) <= 4)
		n = strtoll(s, &end, 10);
	else
		return mc_fail_as(err, MC_ERR_INPUT, field, "bad_value",
				  "%s: is not %s", field, what);
	if ((s && *end) || n < lo || n > hi)
		return mc_fail_as(err, MC_ERR_INPUT, field, "bad_value",
				  "%s: is not %s", field, what);
	*out = (int)n;
	return MC_OK;
}

static enum mc_code refused(const char *field, const char *who,
			    struct mc_err *err)
{
	return mc_fail_as(err, MC_ERR_INPUT, field, "not_filers",
			  "%s: is not the filer's to set: %s", field, who);
}

static enum mc_code component_member(const char *key, json_t *v,
				     const char *field,
				     struct dossier_component *c,
				     struct mc_err *err)
{
	if (strcmp(key, "MaThanhPhanHoSo") == 0)
		return text_value(v, field, LIMIT_COMPONENT, &c->code, err);
	if (strcmp(key, "TenTepDinhKem") == 0)
		return text_value(v, field, LIMIT_FILE_NAME, &c->file_name,
				  err);
	if (strcmp(key, "DuongDanTaiTepTin") == 0)
		return text_value(v, field, LIMIT_URL, &c->url, err);
	if (strcmp(key, "DuocSoHoa") == 0)
		return refused(field,
			       "a component is digitized when the system holds "
			       "its file (upload it, or the scan at the "
			       "counter)",
			       err);
	if (strcmp(key, "DuocTaiSuDung") == 0 ||
	    strcmp(key, "DuocLayTuKhoDMQG") == 0)
		return refused(field,
			       "only the system sets it, when it takes the "
			       "component from the data store",
			       err);
	return mc_fail_as(err, MC_ERR_INPUT, field, "not_a_field",
			  "%s: is not a field of a component", field);
}

static enum mc_code component(json_t *o, size_t i, struct dossier *d,
			      struct mc_err *err)
{
	char field[96];
	snprintf(field, sizeof(field), "TaiLieuNop[%zu]", i);
	if (!json_is_object(o))
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: must be an object", field);
	struct dossier_component *c =
		ARRAY_PUSH(d->components, d->n_components, d->cap_components);
	if (!c)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	const char *key;
	json_t *v;
	json_object_foreach (o, key, v) {
		snprintf(field, sizeof(field), "TaiLieuNop[%zu].%.60s", i, key);
		enum mc_code rc = component_member(key, v, field, c, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static enum mc_code components(json_t *a, struct dossier *d, struct mc_err *err)
{
	size_t i;
	json_t *v;
	enum mc_code rc;
	if (json_is_null(a))
		return MC_OK;
	if (!json_is_array(a))
		return mc_fail(err, MC_ERR_INPUT, "TaiLieuNop",
			       "TaiLieuNop: must be an array of components");
	if ((rc = limit_count("TaiLieuNop", json_array_size(a),
			      LIMIT_COMPONENTS, err)))
		return rc;
	json_array_foreach (a, i, v) {
		if ((rc = component(v, i, d, err)))
			return rc;
	}
	d->digitized = false; /* until the system holds every file */
	return MC_OK;
}

static enum mc_code channel(json_t *v, enum filing_kind kind, struct dossier *d,
			    struct mc_err *err)
{
	int ch = kind == FILING_ONLINE ? CHANNEL_ONLINE : CHANNEL_DIRECT;
	enum mc_code rc = small_value(
		v, "KenhThucHien", 1, 3,
		"a channel (1 direct, 2 online, 3 postal)", &ch, err);
	if (rc)
		return rc;
	if (kind == FILING_ONLINE && ch != CHANNEL_ONLINE)
		return mc_fail(err, MC_ERR_INPUT, "KenhThucHien",
			       "KenhThucHien: a filing on the portal is "
			       "online (2); direct and postal filings are "
			       "received at the counter");
	d->channel = (enum channel)ch;
	return MC_OK;
}

static enum mc_code member(const char *key, json_t *v, enum filing_kind kind,
			   struct dossier *d, struct mc_err *err)
{
	for (size_t i = 0; i < N_TEXTS; i++)
		if (strcmp(key, texts[i].name) == 0)
			return text_value(
				v, key, texts[i].limit,
				(char **)((char *)d + texts[i].offset), err);
	if (strcmp(key, "KenhThucHien") == 0)
		return channel(v, kind, d, err);
	if (strcmp(key, "LoaiDoiTuong") == 0) {
		int k = (int)d->applicant_kind;
		enum mc_code rc = small_value(
			v, key, 1, 4,
			"an applicant kind (1 citizen, 2 business, 3 agency, "
			"4 other)",
			&k, err);
		d->applicant_kind = (enum applicant_kind)k;
		return rc;
	}
	if (strcmp(key, "TaiLieuNop") == 0)
		return components(v, d, err);
	if (in_list(from_catalogue, 3, key))
		return MC_OK;
	for (size_t i = 0; i < sizeof(not_declared) / sizeof(*not_declared);
	     i++)
		if (strcmp(key, not_declared[i].name) == 0)
			return refused(key, not_declared[i].who, err);
	char field[64];
	snprintf(field, sizeof(field), "%.60s", key);
	return mc_fail_as(err, MC_ERR_INPUT, field, "not_a_field",
			  "%s: is not a field of a filing", field);
}

enum mc_code filing_read(json_t *o, enum filing_kind kind, struct dossier *out,
			 struct mc_err *err)
{
	dossier_release(out);
	dossier_init(out);
	out->channel = kind == FILING_ONLINE ? CHANNEL_ONLINE : CHANNEL_DIRECT;
	if (!json_is_object(o))
		return mc_fail(err, MC_ERR_INPUT, "",
			       "a filing must be a JSON object");
	const char *key;
	json_t *v;
	json_object_foreach (o, key, v) {
		enum mc_code rc = member(key, v, kind, out, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

enum mc_code filing_parse(const char *text, size_t len, enum filing_kind kind,
			  struct dossier *out, struct mc_err *err)
{
	json_error_t je;
	json_t *o = json_loadb(text, len,
			       JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!o)
		return mc_fail(err, MC_ERR_INPUT, "",
			       "invalid JSON at line %d column %d: %s", je.line,
			       je.column, je.text);
	enum mc_code rc = filing_read(o, kind, out, err);
	json_decref(o);
	return rc;
}
