/*
 * portal.c - read and write dossiers in the national portal's
 * synchronization format (see portal.h and docs/internals/import.md).
 *
 * Reading goes through jansson; writing appends to a strbuf by hand,
 * because export speed is bounded by it and the output shape is fixed.
 */
#include "io/portal.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"

/* Every top-level field this module maps to the struct; anything else
 * goes to dossier.extra. Keep in step with parse_top and write_top. */
static const char *const known_fields[] = {
	"MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc",
	"KenhThucHien", "ChuHoSo", "SoGiayToChuHoSo", "LoaiGiayToChuHoSo",
	"LoaiDoiTuong", "SoDienThoai", "Email", "TrichYeuHoSo",
	"NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo",
	"NgayKetThucXuLy", "NgayTra", "NgayTuChoi", "HinhThuc", "DonViXuLy",
	"HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID",
	"DuocThanhToanTrucTuyen", "TaiLieuNop", "DanhSachLePhi",
	"DanhSachHoSoBoSung", "DanhSachGiayToKetQua",
};
#define N_KNOWN (sizeof(known_fields) / sizeof(known_fields[0]))

/*
 * Reading. A reader walks one JSON object and keeps the first error, so
 * the field-by-field code below need not check after every call.
 */
struct reader {
	json_t *obj, *top; /* the object read now; the line's object */
	struct mc_err *err;
	enum mc_code rc;
	size_t found; /* known top keys present, to notice unknown ones */
};

static json_t *lookup(struct reader *r, const char *name)
{
	if (r->rc)
		return NULL;
	json_t *v = json_object_get(r->obj, name);
	if (v && r->obj == r->top)
		r->found++;
	return v;
}

static bool fail(struct reader *r, enum mc_code code, const char *field,
		 const char *reason, const char *value)
{
	r->rc = value ? mc_fail(r->err, code, field, "%s: \"%.60s\" %s", field,
				value, reason)
		      : mc_fail(r->err, code, field, "%s: %s", field, reason);
	return false;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static bool wrong_type(struct reader *r, const char *field, const json_t *v,
		       const char *expected)
{
	char reason[80];
	snprintf(reason, sizeof(reason), "is %s, expected %s", type_name(v),
		 expected);
	return fail(r, MC_ERR_INPUT, field, reason, NULL);
}

/* null and "" both mean absent, as the portal sends either. */
static bool absent(const json_t *v)
{
	return !v || json_is_null(v) ||
	       (json_is_string(v) && json_string_length(v) == 0);
}

/* A text field: a string, or an integer the portal sent unquoted. */
static void text(struct reader *r, const char *name, char **out)
{
	json_t *v = lookup(r, name);
	if (absent(v))
		return;
	bool ok = true;
	if (json_is_string(v)) {
		ok = str_setn(out, json_string_value(v), json_string_length(v));
	} else if (json_is_integer(v)) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		ok = str_set(out, buf);
	} else {
		wrong_type(r, name, v, "a string");
		return;
	}
	if (!ok)
		fail(r, MC_ERR_NOMEM, name, "out of memory", NULL);
}

/* Digits with an optional minus sign, at most 18 of them. */
static bool parse_integer(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	s += neg;
	size_t n = strlen(s);
	if (n == 0 || n > 18)
		return false;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return true;
}

/* A number field in [lo, hi]: "3", 3 or 3.0. Returns true when present
 * and valid; `what` finishes the sentence "is not ...". */
static bool number(struct reader *r, json_t *v, const char *name, int64_t lo,
		   int64_t hi, const char *what, int64_t *out)
{
	if (r->rc || absent(v))
		return false;
	char shown[32];
	int64_t n;
	if (json_is_string(v)) {
		snprintf(shown, sizeof(shown), "%s", json_string_value(v));
		if (!parse_integer(json_string_value(v), &n))
			return fail(r, MC_ERR_INPUT, name,
				    "is not a whole number",
				    json_string_value(v));
	} else if (json_is_integer(v)) {
		n = json_integer_value(v);
		snprintf(shown, sizeof(shown), "%" PRId64, n);
	} else if (json_is_real(v) && json_real_value(v) >= -1e15 &&
		   json_real_value(v) <= 1e15 &&
		   (double)(int64_t)json_real_value(v) == json_real_value(v)) {
		n = (int64_t)json_real_value(v);
		snprintf(shown, sizeof(shown), "%g", json_real_value(v));
	} else if (json_is_boolean(v) && lo == 0 && hi == 1) {
		n = json_is_true(v); /* a 0/1 flag sent as a JSON boolean */
		snprintf(shown, sizeof(shown), "%d", (int)n);
	} else {
		return wrong_type(r, name, v, "a number as a string");
	}
	if (n < lo || n > hi) {
		char reason[128];
		snprintf(reason, sizeof(reason), "is not %s", what);
		return fail(r, MC_ERR_INPUT, name, reason, shown);
	}
	*out = n;
	return true;
}

/* A small code in [lo, hi]; when absent the field keeps `current`, the
 * default dossier_init gave it. */
static int small(struct reader *r, const char *name, int lo, int hi,
		 const char *what, int current)
{
	int64_t n;
	if (!number(r, lookup(r, name), name, lo, hi, what, &n))
		return current;
	return (int)n;
}

static bool flag(struct reader *r, const char *name)
{
	return small(r, name, 0, 1, "0 or 1", 0) == 1;
}

static int64_t time_value(struct reader *r, json_t *v, const char *name)
{
	if (r->rc || absent(v))
		return MC_NO_TIME;
	int64_t t = MC_NO_TIME;
	if (json_is_string(v)) {
		r->rc = civil_parse_portal(json_string_value(v), &t, name,
					   r->err);
	} else if (json_is_integer(v)) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		r->rc = civil_parse_portal(buf, &t, name, r->err);
	} else {
		wrong_type(r, name, v, "a time string (yyyyMMddHHmmss)");
	}
	return r->rc ? MC_NO_TIME : t;
}

static int64_t time_field(struct reader *r, const char *name)
{
	return time_value(r, lookup(r, name), name);
}

/* Both field and message start with the field name, so an array element
 * prefixes both: "DuocSoHoa: ..." becomes "TaiLieuNop[2].DuocSoHoa: ...". */
static void prefix_error(struct reader *r, const char *array, size_t i)
{
	if (!r->err)
		return;
	char prefix[48], msg[sizeof(r->err->message)];
	int n = snprintf(prefix, sizeof(prefix), "%s[%zu].", array, i);
	mc_err_prefix_field(r->err, prefix);
	size_t keep = strnlen(r->err->message, sizeof(msg) - (size_t)n - 1);
	memcpy(msg, prefix, (size_t)n);
	memcpy(msg + n, r->err->message, keep); /* cut short if need be */
	msg[(size_t)n + keep] = '\0';
	memcpy(r->err->message, msg, sizeof(msg));
}

typedef void (*item_fn)(struct reader *r, struct dossier *d);

/* Walk an array of objects, handing each to fn with r->obj set to it.
 * Keys we do not know inside items are ignored (struct has no room). */
static void array(struct reader *r, const char *name, struct dossier *d,
		  item_fn fn)
{
	json_t *arr = lookup(r, name);
	if (absent(arr))
		return;
	if (!json_is_array(arr)) {
		wrong_type(r, name, arr, "an array");
		return;
	}
	json_t *top = r->obj;
	size_t i;
	json_t *item;
	json_array_foreach(arr, i, item) {
		if (!json_is_object(item)) {
			char field[48];
			snprintf(field, sizeof(field), "%s[%zu]", name, i);
			wrong_type(r, field, item, "an object");
			break;
		}
		r->obj = item;
		fn(r, d);
		if (r->rc) {
			prefix_error(r, name, i);
			break;
		}
	}
	r->obj = top;
}

#define PUSH_OR_FAIL(r, slot, arr, n, cap)                                  \
	do {                                                                \
		slot = ARRAY_PUSH(arr, n, cap);                             \
		if (!slot) {                                                \
			fail(r, MC_ERR_NOMEM, "", "out of memory", NULL);   \
			return;                                             \
		}                                                           \
	} while (0)

static void component(struct reader *r, struct dossier *d)
{
	struct dossier_component *c;
	PUSH_OR_FAIL(r, c, d->components, d->n_components, d->cap_components);
	text(r, "MaThanhPhanHoSo", &c->code);
	text(r, "TenTepDinhKem", &c->file_name);
	text(r, "DuongDanTaiTepTin", &c->url);
	c->digitized = flag(r, "DuocSoHoa");
	c->reused = flag(r, "DuocTaiSuDung");
	c->from_national_store = flag(r, "DuocLayTuKhoDMQG");
}

static void fee(struct reader *r, struct dossier *d)
{
	struct dossier_fee *f;
	PUSH_OR_FAIL(r, f, d->fees, d->n_fees, d->cap_fees);
	text(r, "MaPhiLePhi", &f->code);
	text(r, "TenPhiLePhi", &f->name);
	int64_t amount = 0;
	if (number(r, lookup(r, "Gia"), "Gia", 0, INT64_C(999999999999999),
		   "an amount (whole dong, 0 or more)", &amount))
		f->amount = amount;
	f->method = small(r, "HinhThucThu", 0, 99, "a payment method (0-99)",
			  0);
}

static void supplement(struct reader *r, struct dossier *d)
{
	struct supplement_round *s;
	PUSH_OR_FAIL(r, s, d->supplements, d->n_supplements,
		     d->cap_supplements);
	s->requested = time_field(r, "NgayBoSung");
	s->completed = time_field(r, "NgayTiepNhanBoSung");
	s->due_before = time_field(r, "NgayHenTraTruoc");
	s->due_after = time_field(r, "NgayHenTraMoi");
}

static void result(struct reader *r, struct dossier *d)
{
	struct dossier_result *res;
	PUSH_OR_FAIL(r, res, d->results, d->n_results, d->cap_results);
	text(r, "TenGiayTo", &res->name);
	text(r, "MaGiayToKetQua", &res->code);
	text(r, "DuongDanTepTinKetQua", &res->url);
}

static void parse_top(struct reader *r, struct dossier *d)
{
	text(r, "MaHoSo", &d->code);
	if (!r->rc && !d->code)
		fail(r, MC_ERR_INPUT, "MaHoSo", "is required", NULL);
	text(r, "MaTTHC", &d->procedure_code);
	text(r, "TenTTHC", &d->procedure_name);
	text(r, "MaLinhVuc", &d->field_code);
	text(r, "TenLinhVuc", &d->field_name);
	d->channel = small(r, "KenhThucHien", 1, 3,
			   "a channel (1 direct, 2 online, 3 postal)",
			   (int)d->channel);
	text(r, "ChuHoSo", &d->applicant_name);
	text(r, "SoGiayToChuHoSo", &d->applicant_id);
	text(r, "LoaiGiayToChuHoSo", &d->applicant_id_type);
	d->applicant_kind = small(r, "LoaiDoiTuong", 1, 4,
				  "an applicant kind (1 citizen, 2 business, "
				  "3 agency, 4 other)",
				  (int)d->applicant_kind);
	text(r, "SoDienThoai", &d->phone);
	text(r, "Email", &d->email);
	text(r, "TrichYeuHoSo", &d->summary);
	d->submitted = time_field(r, "NgayNopHoSo");
	d->received = time_field(r, "NgayTiepNhan");
	d->due = time_field(r, "NgayHenTra");
	d->status = small(r, "TrangThaiHoSo", 1, 10, "a status (1-10)",
			  (int)d->status);
	d->finished = time_field(r, "NgayKetThucXuLy");
	d->returned = time_field(r, "NgayTra");
	d->refused = time_field(r, "NgayTuChoi");
	d->delivery = small(r, "HinhThuc", 0, 1,
			    "a delivery (0 counter, 1 post)",
			    (int)d->delivery);
	text(r, "DonViXuLy", &d->unit_code);
	d->digitized = flag(r, "HoSoCoThanhPhanSoHoa");
	d->verified = flag(r, "TaiKhoanDuocXacThucVoiVNeID");
	d->paid_online = small(r, "DuocThanhToanTrucTuyen", 0, 2,
			       "a payment channel (0 none, 1 national "
			       "portal, 2 provincial gateway)",
			       (int)d->paid_online);
	array(r, "TaiLieuNop", d, component);
	array(r, "DanhSachLePhi", d, fee);
	array(r, "DanhSachHoSoBoSung", d, supplement);
	array(r, "DanhSachGiayToKetQua", d, result);
}

static bool is_known(const char *key)
{
	for (size_t i = 0; i < N_KNOWN; i++)
		if (strcmp(key, known_fields[i]) == 0)
			return true;
	return false;
}

/* Unknown top-level fields, in input order, as compact JSON text. */
static void collect_extra(struct reader *r, struct dossier *d)
{
	json_t *extra = json_object();
	const char *key;
	json_t *v;
	if (!extra) {
		fail(r, MC_ERR_NOMEM, "", "out of memory", NULL);
		return;
	}
	json_object_foreach(r->obj, key, v) {
		if (!is_known(key) && json_object_set(extra, key, v) != 0)
			break;
	}
	d->extra = json_dumps(extra, JSON_COMPACT);
	if (!d->extra)
		fail(r, MC_ERR_NOMEM, "", "out of memory", NULL);
	json_decref(extra);
}

enum mc_code portal_dossier_parse(const char *line, size_t len,
				  struct dossier *out, struct mc_err *err)
{
	dossier_release(out);
	dossier_init(out);
	if (len > PORTAL_MAX_LINE)
		return mc_fail(err, MC_ERR_TOO_LARGE, "",
			       "line of %zu bytes is over the %zu-byte limit",
			       len, PORTAL_MAX_LINE);
	json_error_t jerr;
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj)
		return mc_fail(err, MC_ERR_INPUT, "",
			       "invalid JSON at column %d: %s", jerr.column,
			       jerr.text);
	struct reader r = {.obj = obj, .top = obj, .err = err};
	if (!json_is_object(obj))
		fail(&r, MC_ERR_INPUT, "", "expected a JSON object", NULL);
	else
		parse_top(&r, out);
	if (!r.rc && json_object_size(obj) > r.found)
		collect_extra(&r, out);
	json_decref(obj);
	return r.rc;
}

/*
 * Writing. Keys are constant ASCII, so they go out unescaped; a comma is
 * due unless the member opens its object.
 */
static void key(struct strbuf *sb, const char *name)
{
	if (sb->len && sb->buf[sb->len - 1] != '{')
		strbuf_add(sb, ",", 1);
	strbuf_add(sb, "\"", 1);
	strbuf_puts(sb, name);
	strbuf_add(sb, "\":", 2);
}

static void w_text(struct strbuf *sb, const char *name, const char *value)
{
	if (!value)
		return;
	key(sb, name);
	strbuf_json_string(sb, value);
}

/* Digits of a non-negative number, without printf. */
static void put_uint(struct strbuf *sb, uint64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	strbuf_add(sb, buf + i, sizeof(buf) - i);
}

static void w_int(struct strbuf *sb, const char *name, int64_t v)
{
	key(sb, name);
	strbuf_add(sb, "\"", 1);
	if (v < 0) {
		strbuf_add(sb, "-", 1);
		put_uint(sb, (uint64_t)0 - (uint64_t)v);
	} else {
		put_uint(sb, (uint64_t)v);
	}
	strbuf_add(sb, "\"", 1);
}

static void two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

static void w_time(struct strbuf *sb, const char *name, int64_t t)
{
	if (t == MC_NO_TIME)
		return;
	int y, m, d;
	civil_from_days(civil_local_day(t), &y, &m, &d);
	int s = civil_local_second(t);
	if (y < 0 || y > 9999) {
		/* out of the format's range: let the parser refuse it loudly */
		char buf[CIVIL_BUF];
		key(sb, name);
		strbuf_json_string(sb, civil_format_portal(t, buf));
		return;
	}
	char buf[16] = "\"";
	two(buf + 1, y / 100);
	two(buf + 3, y % 100);
	two(buf + 5, m);
	two(buf + 7, d);
	two(buf + 9, s / 3600);
	two(buf + 11, s / 60 % 60);
	two(buf + 13, s % 60);
	buf[15] = '"';
	key(sb, name);
	strbuf_add(sb, buf, 16);
}

static void w_flag(struct strbuf *sb, const char *name, bool v)
{
	key(sb, name);
	strbuf_add(sb, v ? "\"1\"" : "\"0\"", 3);
}

static void open_array(struct strbuf *sb, const char *name)
{
	key(sb, name);
	strbuf_add(sb, "[", 1);
}

/* Elements after the first need a comma; key() only handles members. */
static void open_item(struct strbuf *sb, size_t i)
{
	strbuf_add(sb, i ? ",{" : "{", i ? 2 : 1);
}

static void write_components(const struct dossier *d, struct strbuf *sb)
{
	if (!d->n_components)
		return;
	open_array(sb, "TaiLieuNop");
	for (size_t i = 0; i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		open_item(sb, i);
		w_text(sb, "MaThanhPhanHoSo", c->code);
		w_text(sb, "TenTepDinhKem", c->file_name);
		w_text(sb, "DuongDanTaiTepTin", c->url);
		w_flag(sb, "DuocSoHoa", c->digitized);
		w_flag(sb, "DuocTaiSuDung", c->reused);
		w_flag(sb, "DuocLayTuKhoDMQG", c->from_national_store);
		strbuf_add(sb, "}", 1);
	}
	strbuf_add(sb, "]", 1);
}

static void write_fees(const struct dossier *d, struct strbuf *sb)
{
	if (!d->n_fees)
		return;
	open_array(sb, "DanhSachLePhi");
	for (size_t i = 0; i < d->n_fees; i++) {
		const struct dossier_fee *f = &d->fees[i];
		open_item(sb, i);
		w_text(sb, "MaPhiLePhi", f->code);
		w_text(sb, "TenPhiLePhi", f->name);
		w_int(sb, "Gia", f->amount);
		w_int(sb, "HinhThucThu", f->method);
		strbuf_add(sb, "}", 1);
	}
	strbuf_add(sb, "]", 1);
}

static void write_supplements(const struct dossier *d, struct strbuf *sb)
{
	if (!d->n_supplements)
		return;
	open_array(sb, "DanhSachHoSoBoSung");
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *s = &d->supplements[i];
		open_item(sb, i);
		w_time(sb, "NgayBoSung", s->requested);
		w_time(sb, "NgayTiepNhanBoSung", s->completed);
		w_time(sb, "NgayHenTraTruoc", s->due_before);
		w_time(sb, "NgayHenTraMoi", s->due_after);
		strbuf_add(sb, "}", 1);
	}
	strbuf_add(sb, "]", 1);
}

static void write_results(const struct dossier *d, struct strbuf *sb)
{
	if (!d->n_results)
		return;
	open_array(sb, "DanhSachGiayToKetQua");
	for (size_t i = 0; i < d->n_results; i++) {
		const struct dossier_result *res = &d->results[i];
		open_item(sb, i);
		w_text(sb, "TenGiayTo", res->name);
		w_text(sb, "MaGiayToKetQua", res->code);
		w_text(sb, "DuongDanTepTinKetQua", res->url);
		strbuf_add(sb, "}", 1);
	}
	strbuf_add(sb, "]", 1);
}

/* The members of the extra object, spliced in before our closing brace. */
static void write_extra(const char *extra, struct strbuf *sb)
{
	if (!extra)
		return;
	const char *b = strchr(extra, '{');
	const char *e = strrchr(extra, '}');
	if (!b || !e || e <= b)
		return;
	for (b++; b < e && strchr(" \t\r\n", *b); b++)
		;
	while (e > b && strchr(" \t\r\n", e[-1]))
		e--;
	if (b == e)
		return;
	if (sb->len && sb->buf[sb->len - 1] != '{')
		strbuf_add(sb, ",", 1);
	strbuf_add(sb, b, (size_t)(e - b));
}

static void write_top(const struct dossier *d, struct strbuf *sb)
{
	w_text(sb, "MaHoSo", d->code);
	w_text(sb, "MaTTHC", d->procedure_code);
	w_text(sb, "TenTTHC", d->procedure_name);
	w_text(sb, "MaLinhVuc", d->field_code);
	w_text(sb, "TenLinhVuc", d->field_name);
	w_int(sb, "KenhThucHien", (int)d->channel);
	w_text(sb, "ChuHoSo", d->applicant_name);
	w_text(sb, "SoGiayToChuHoSo", d->applicant_id);
	w_text(sb, "LoaiGiayToChuHoSo", d->applicant_id_type);
	w_int(sb, "LoaiDoiTuong", (int)d->applicant_kind);
	w_text(sb, "SoDienThoai", d->phone);
	w_text(sb, "Email", d->email);
	w_text(sb, "TrichYeuHoSo", d->summary);
	w_time(sb, "NgayNopHoSo", d->submitted);
	w_time(sb, "NgayTiepNhan", d->received);
	w_time(sb, "NgayHenTra", d->due);
	w_int(sb, "TrangThaiHoSo", (int)d->status);
	w_time(sb, "NgayKetThucXuLy", d->finished);
	w_time(sb, "NgayTra", d->returned);
	w_time(sb, "NgayTuChoi", d->refused);
	w_int(sb, "HinhThuc", (int)d->delivery);
	w_text(sb, "DonViXuLy", d->unit_code);
	w_flag(sb, "HoSoCoThanhPhanSoHoa", d->digitized);
	w_flag(sb, "TaiKhoanDuocXacThucVoiVNeID", d->verified);
	w_int(sb, "DuocThanhToanTrucTuyen", (int)d->paid_online);
	write_components(d, sb);
	write_fees(d, sb);
	write_supplements(d, sb);
	write_results(d, sb);
}

void portal_dossier_write(const struct dossier *d, struct strbuf *out)
{
	strbuf_add(out, "{", 1);
	write_top(d, out);
	write_extra(d->extra, out);
	strbuf_add(out, "}", 1);
}
