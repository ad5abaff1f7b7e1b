/*
 * portal.c - read and write dossiers in the national portal's
 * synchronization format (see portal.h and docs/internals/import.md).
 *
 * Reading is one pass of json_scan over the line, with no tree: import
 * speed is bounded by it. Writing appends to a strbuf by hand, because
 * export speed is bounded by it and the output shape is fixed.
 */
#include "io/portal.h"

#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/limits.h"
#include "io/json_scan.h"

/*
 * Reading. Fields are handled as they come, yet a line with several
 * faults must report the one a reader going down the field list would
 * meet first (as when jansson parsed the whole object before we looked):
 * every fault has a rank, a lower rank replaces a higher one, and a field
 * ranked after the fault in hand is only scanned. Syntax faults (bad
 * JSON, a duplicate key) stop the scan and beat every field fault.
 *
 * Ranks: top-level field i (in the order of top_fields) owns the ranks
 * from rank_of(i); 0 says the array itself or one element is wrong, 1 + j
 * names field j of the element.
 */
#define RANK_SPAN 16

struct name {
	const char *text;
	size_t len;
};
#define NAME(s)                  \
	{                        \
		s, sizeof(s) - 1 \
	}

/* Every top-level field this module maps to the struct, in the order
 * faults are reported in; anything else goes to dossier.extra. Keep in
 * step with top_field and write_top. */
static const struct name top_fields[] = {
	NAME("MaHoSo"),
	NAME("MaTTHC"),
	NAME("TenTTHC"),
	NAME("MaLinhVuc"),
	NAME("TenLinhVuc"),
	NAME("KenhThucHien"),
	NAME("ChuHoSo"),
	NAME("SoGiayToChuHoSo"),
	NAME("LoaiGiayToChuHoSo"),
	NAME("LoaiDoiTuong"),
	NAME("SoDienThoai"),
	NAME("Email"),
	NAME("TrichYeuHoSo"),
	NAME("NgayNopHoSo"),
	NAME("NgayTiepNhan"),
	NAME("NgayHenTra"),
	NAME("TrangThaiHoSo"),
	NAME("NgayKetThucXuLy"),
	NAME("NgayTra"),
	NAME("NgayTuChoi"),
	NAME("HinhThuc"),
	NAME("DonViXuLy"),
	NAME("HoSoCoThanhPhanSoHoa"),
	NAME("TaiKhoanDuocXacThucVoiVNeID"),
	NAME("DuocThanhToanTrucTuyen"),
	NAME("TaiLieuNop"),
	NAME("DanhSachLePhi"),
	NAME("DanhSachHoSoBoSung"),
	NAME("DanhSachGiayToKetQua"),
};
#define N_TOP (sizeof(top_fields) / sizeof(top_fields[0]))

static int rank_of(size_t i) { return (int)i * RANK_SPAN; }

/*
 * Keys of one line that a bit mask cannot track (unknown ones, and all
 * keys inside values we skip), so duplicates are refused at any depth as
 * they were with JSON_REJECT_DUPLICATES. Each object gets a number; a key
 * is (object, decoded text). Open addressing, made only when needed.
 */
struct key_slot {
	uint32_t object, hash;
	size_t off, len; /* in text */
};

struct key_set {
	struct key_slot *slot;
	size_t cap, n;
	struct strbuf text;
};

struct reader {
	struct json_scan js;
	struct mc_err fault; /* the lowest-ranked field fault so far */
	enum mc_code rc;     /* its code, MC_OK when none */
	int rank;            /* its rank */
	int cur;             /* rank of the field being read */
	char syntax[96];     /* our own syntax reason (duplicate key) */
	uint32_t objects;    /* objects numbered so far */
	struct key_set keys;
	struct strbuf extra; /* unknown top-level members, "{" once begun */
	size_t n_extra;      /* their number */
	char over[64];       /* the first one over LIMIT_UNKNOWN_KEYS */
	char member[64];     /* the top-level member being read */
};

static uint32_t key_hash(uint32_t object, const char *s, size_t n)
{
	uint32_t h = 2166136261u ^ object; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool key_set_grow(struct key_set *ks)
{
	size_t cap = ks->cap ? ks->cap * 2 : 64;
	struct key_slot *slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return false;
	for (size_t i = 0; i < ks->cap; i++) {
		if (!ks->slot[i].object)
			continue;
		size_t j = ks->slot[i].hash & (cap - 1);
		while (slot[j].object)
			j = (j + 1) & (cap - 1);
		slot[j] = ks->slot[i];
	}
	free(ks->slot);
	ks->slot = slot;
	ks->cap = cap;
	return true;
}

/* Stops the scan when the current key is in its object already. */
static bool key_unique(struct reader *r, uint32_t object)
{
	struct json_scan *s = &r->js;
	struct key_set *ks = &r->keys;
	if (2 * (ks->n + 1) > ks->cap && !key_set_grow(ks)) {
		json_scan_fail(s, s->start, "out of memory");
		return false;
	}
	uint32_t h = key_hash(object, s->str, s->str_len);
	size_t j = h & (ks->cap - 1);
	for (; ks->slot[j].object; j = (j + 1) & (ks->cap - 1)) {
		const struct key_slot *k = &ks->slot[j];
		if (k->object == object && k->hash == h &&
		    k->len == s->str_len &&
		    memcmp(ks->text.buf + k->off, s->str, k->len) == 0) {
			snprintf(r->syntax, sizeof(r->syntax),
				 "duplicate key \"%.40s\"", s->str);
			json_scan_fail(s, s->start, r->syntax);
			return false;
		}
	}
	ks->slot[j] = (struct key_slot){object, h, ks->text.len, s->str_len};
	ks->n++;
	strbuf_add(&ks->text, s->str, s->str_len);
	if (ks->text.oom) {
		json_scan_fail(s, s->start, "out of memory");
		return false;
	}
	return true;
}

/* For keys we know: a bit per field of the object. */
static bool known_unique(struct reader *r, uint32_t *seen, size_t i)
{
	if (*seen & (uint32_t)1 << i) {
		snprintf(r->syntax, sizeof(r->syntax), "duplicate key \"%s\"",
			 r->js.str);
		json_scan_fail(&r->js, r->js.start, r->syntax);
		return false;
	}
	*seen |= (uint32_t)1 << i;
	return true;
}

/* Index of the current key in names, -1 when unknown. Lines usually
 * list fields in our order, so the search starts after the last match. */
static int find_name(const struct name *names, size_t n,
		     const struct json_scan *s, size_t *hint)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = (*hint + k) % n;
		if (names[i].len == s->str_len &&
		    memcmp(names[i].text, s->str, s->str_len) == 0) {
			*hint = i + 1;
			return (int)i;
		}
	}
	return -1;
}

/* Finish the value begun by the current token, checking the keys of
 * every object inside it; [*start, *end) is its text. */
static bool skip_span(struct reader *r, size_t *start, size_t *end)
{
	struct json_scan *s = &r->js;
	uint32_t object[JSON_SCAN_MAX_DEPTH + 1];
	int base = s->depth;
	*start = s->start;
	if (s->tok == JS_OBJECT_BEGIN)
		object[base] = ++r->objects;
	else if (s->tok != JS_ARRAY_BEGIN)
		base = INT_MAX; /* a scalar is complete */
	while (s->depth >= base) {
		switch (json_scan_next(s)) {
		case JS_ERROR: return false;
		case JS_OBJECT_BEGIN: object[s->depth] = ++r->objects; break;
		case JS_KEY:
			if (!key_unique(r, object[s->depth]))
				return false;
			break;
		default: break;
		}
	}
	*end = s->end;
	return s->tok != JS_ERROR;
}

static void skip(struct reader *r)
{
	size_t start, end;
	skip_span(r, &start, &end);
}

/* A fault of the current field ranks below the one in hand: only scan. */
static bool outranked(const struct reader *r)
{
	return r->rc && r->rank <= r->cur;
}

static bool fail(struct reader *r, enum mc_code code, const char *field,
		 const char *reason, const char *value)
{
	if (outranked(r))
		return false;
	r->rc = value ? mc_fail(&r->fault, code, field, "%s: \"%.60s\" %s",
				field, value, reason)
		      : mc_fail(&r->fault, code, field, "%s: %s", field,
				reason);
	r->rank = r->cur;
	return false;
}

static const char *type_name(const struct json_scan *s)
{
	switch (s->tok) {
	case JS_OBJECT_BEGIN: return "an object";
	case JS_ARRAY_BEGIN: return "an array";
	case JS_STRING: return "a string";
	case JS_NUMBER:
		return !s->integer ? "a real number"
		       : s->fits   ? "an integer"
				   : "an integer out of range";
	case JS_TRUE:
	case JS_FALSE: return "a boolean";
	case JS_NULL: return "null";
	default: return "a value";
	}
}

/* Report the current value as of the wrong type, and scan past it. */
static bool wrong_type(struct reader *r, const char *field,
		       const char *expected)
{
	char reason[80];
	snprintf(reason, sizeof(reason), "is %s, expected %s",
		 type_name(&r->js), expected);
	fail(r, MC_ERR_INPUT, field, reason, NULL);
	skip(r);
	return false;
}

/* null and "" both mean absent, as the portal sends either. */
static bool absent(const struct json_scan *s)
{
	return s->tok == JS_NULL || (s->tok == JS_STRING && s->str_len == 0);
}

/* Past the current value when it need not be read; true when it must. */
static bool wanted(struct reader *r)
{
	if (outranked(r) || absent(&r->js)) {
		skip(r);
		return false;
	}
	return true;
}

/* A text field: a string, or an integer the portal sent unquoted. */
static void text(struct reader *r, const char *name, char **out)
{
	const struct json_scan *s = &r->js;
	if (!wanted(r))
		return;
	bool ok;
	if (s->tok == JS_STRING) {
		ok = str_setn(out, s->str, s->str_len);
	} else if (s->tok == JS_NUMBER && s->fits) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%" PRId64, s->num);
		ok = str_set(out, buf);
	} else {
		wrong_type(r, name, "a string");
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

/* A JSON number standing for a whole number: 3, or 3.0 within 1e15. */
static bool whole(const struct json_scan *s, int64_t *n, char *shown,
		  size_t size)
{
	if (s->integer) {
		*n = s->num;
		snprintf(shown, size, "%" PRId64, *n);
		return s->fits;
	}
	double v = strtod(s->str, NULL);
	if (!(v >= -1e15 && v <= 1e15) || (double)(int64_t)v != v)
		return false;
	*n = (int64_t)v;
	snprintf(shown, size, "%g", v);
	return true;
}

/* A number field in [lo, hi]: "3", 3 or 3.0. Returns true when present
 * and valid; `what` finishes the sentence "is not ...". */
static bool number(struct reader *r, const char *name, int64_t lo, int64_t hi,
		   const char *what, int64_t *out)
{
	const struct json_scan *s = &r->js;
	if (!wanted(r))
		return false;
	char shown[32];
	int64_t n;
	if (s->tok == JS_STRING) {
		snprintf(shown, sizeof(shown), "%s", s->str);
		if (!parse_integer(s->str, &n))
			return fail(r, MC_ERR_INPUT, name,
				    "is not a whole number", s->str);
	} else if (s->tok == JS_NUMBER && whole(s, &n, shown, sizeof(shown))) {
		/* n is set */
	} else if ((s->tok == JS_TRUE || s->tok == JS_FALSE) && lo == 0 &&
		   hi == 1) {
		n = s->tok == JS_TRUE; /* a 0/1 flag sent as a JSON boolean */
		snprintf(shown, sizeof(shown), "%d", (int)n);
	} else {
		return wrong_type(r, name, "a number as a string");
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
	if (!number(r, name, lo, hi, what, &n))
		return current;
	return (int)n;
}

static bool flag(struct reader *r, const char *name)
{
	return small(r, name, 0, 1, "0 or 1", 0) == 1;
}

static int64_t time_field(struct reader *r, const char *name)
{
	const struct json_scan *s = &r->js;
	if (!wanted(r))
		return MC_NO_TIME;
	const char *digits = s->str;
	char buf[24];
	if (s->tok == JS_NUMBER && s->fits) {
		snprintf(buf, sizeof(buf), "%" PRId64, s->num);
		digits = buf;
	} else if (s->tok != JS_STRING) {
		wrong_type(r, name, "a time string (yyyyMMddHHmmss)");
		return MC_NO_TIME;
	}
	int64_t t = MC_NO_TIME;
	enum mc_code rc = civil_parse_portal(digits, &t, name, &r->fault);
	if (rc) {
		r->rc = rc;
		r->rank = r->cur;
		return MC_NO_TIME;
	}
	return t;
}

/*
 * The lists. Each kind of element has its field names (in the order
 * faults are reported in), a push and a reader for one field.
 */
struct list {
	const struct name *fields;
	size_t n;
	void *(*push)(struct dossier *d);
	void (*field)(struct reader *r, void *item, size_t j);
};

static const struct name component_fields[] = {
	NAME("MaThanhPhanHoSo"),   NAME("TenTepDinhKem"),
	NAME("DuongDanTaiTepTin"), NAME("DuocSoHoa"),
	NAME("DuocTaiSuDung"),     NAME("DuocLayTuKhoDMQG"),
};

static void *push_component(struct dossier *d)
{
	return ARRAY_PUSH(d->components, d->n_components, d->cap_components);
}

static void component_field(struct reader *r, void *item, size_t j)
{
	struct dossier_component *c = item;
	const char *name = component_fields[j].text;
	switch (j) {
	case 0: text(r, name, &c->code); break;
	case 1: text(r, name, &c->file_name); break;
	case 2: text(r, name, &c->url); break;
	case 3: c->digitized = flag(r, name); break;
	case 4: c->reused = flag(r, name); break;
	case 5: c->from_national_store = flag(r, name); break;
	}
}

static const struct list components = {component_fields, 6, push_component,
				       component_field};

static const struct name fee_fields[] = {
	NAME("MaPhiLePhi"),
	NAME("TenPhiLePhi"),
	NAME("Gia"),
	NAME("HinhThucThu"),
};

static void *push_fee(struct dossier *d)
{
	return ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
}

static void fee_field(struct reader *r, void *item, size_t j)
{
	struct dossier_fee *f = item;
	const char *name = fee_fields[j].text;
	int64_t amount;
	switch (j) {
	case 0: text(r, name, &f->code); break;
	case 1: text(r, name, &f->name); break;
	case 2:
		if (number(r, name, 0, INT64_C(999999999999999),
			   "an amount (whole dong, 0 or more)", &amount))
			f->amount = amount;
		break;
	case 3:
		f->method = small(r, name, 0, 99, "a payment method (0-99)", 0);
		break;
	}
}

static const struct list fees = {fee_fields, 4, push_fee, fee_field};

static const struct name supplement_fields[] = {
	NAME("NgayBoSung"),
	NAME("NgayTiepNhanBoSung"),
	NAME("NgayHenTraTruoc"),
	NAME("NgayHenTraMoi"),
};

static void *push_supplement(struct dossier *d)
{
	struct supplement_round *s = ARRAY_PUSH(
		d->supplements, d->n_supplements, d->cap_supplements);
	if (s)
		s->requested = s->completed = s->due_before = s->due_after =
			MC_NO_TIME;
	return s;
}

static void supplement_field(struct reader *r, void *item, size_t j)
{
	struct supplement_round *s = item;
	int64_t *slot[] = {&s->requested, &s->completed, &s->due_before,
			   &s->due_after};
	*slot[j] = time_field(r, supplement_fields[j].text);
}

static const struct list supplements = {supplement_fields, 4, push_supplement,
					supplement_field};

static const struct name result_fields[] = {
	NAME("TenGiayTo"),
	NAME("MaGiayToKetQua"),
	NAME("DuongDanTepTinKetQua"),
};

static void *push_result(struct dossier *d)
{
	return ARRAY_PUSH(d->results, d->n_results, d->cap_results);
}

static void result_field(struct reader *r, void *item, size_t j)
{
	struct dossier_result *res = item;
	char **slot[] = {&res->name, &res->code, &res->url};
	text(r, result_fields[j].text, slot[j]);
}

static const struct list results = {result_fields, 3, push_result,
				    result_field};

/* Both field and message start with the field name, so an array element
 * prefixes both: "DuocSoHoa: ..." becomes "TaiLieuNop[2].DuocSoHoa: ...". */
static void prefix_error(struct mc_err *err, const char *array, size_t i)
{
	char prefix[48], msg[sizeof(err->message)];
	int n = snprintf(prefix, sizeof(prefix), "%s[%zu].", array, i);
	mc_err_prefix_field(err, prefix);
	size_t keep = strnlen(err->message, sizeof(msg) - (size_t)n - 1);
	memcpy(msg, prefix, (size_t)n);
	memcpy(msg + n, err->message, keep); /* cut short if need be */
	msg[(size_t)n + keep] = '\0';
	memcpy(err->message, msg, sizeof(msg));
}

/* One element object, its opening brace read. Keys we do not know are
 * ignored (the struct has no room for them) but still scanned. */
static void element(struct reader *r, const struct list *kind, void *item)
{
	struct json_scan *s = &r->js;
	uint32_t seen = 0, object = ++r->objects;
	size_t hint = 0;
	int base = r->cur;
	while (json_scan_next(s) == JS_KEY) {
		int j = find_name(kind->fields, kind->n, s, &hint);
		if (j < 0 ? !key_unique(r, object)
			  : !known_unique(r, &seen, (size_t)j))
			return;
		if (json_scan_next(s) == JS_ERROR)
			return;
		if (j < 0) {
			skip(r);
			continue;
		}
		r->cur = base + 1 + j;
		kind->field(r, item, (size_t)j);
		r->cur = base;
	}
}

/* A list field: elements are read in order up to the first faulty one. */
static void list(struct reader *r, const char *name, struct dossier *d,
		 const struct list *kind)
{
	struct json_scan *s = &r->js;
	if (!wanted(r))
		return;
	if (s->tok != JS_ARRAY_BEGIN) {
		wrong_type(r, name, "an array");
		return;
	}
	bool stopped = false;
	for (size_t i = 0;; i++) {
		enum json_token tok = json_scan_next(s);
		if (tok == JS_ARRAY_END || tok == JS_ERROR)
			return;
		if (stopped || outranked(r)) {
			skip(r);
			continue;
		}
		if (tok != JS_OBJECT_BEGIN) {
			char field[48];
			snprintf(field, sizeof(field), "%s[%zu]", name, i);
			stopped = !wrong_type(r, field, "an object");
			continue;
		}
		int before = r->rc ? r->rank : INT_MAX;
		void *item = kind->push(d);
		if (!item) {
			fail(r, MC_ERR_NOMEM, "", "out of memory", NULL);
			skip(r);
			stopped = true;
			continue;
		}
		element(r, kind, item);
		if (r->rc && r->rank != before) {
			prefix_error(&r->fault, name, i);
			stopped = true;
		}
	}
}

/* Top-level field i, its value's first token read. */
static void top_field(struct reader *r, struct dossier *d, size_t i)
{
	const char *name = top_fields[i].text;
	int v;
	switch (i) {
	case 0: text(r, name, &d->code); break;
	case 1: text(r, name, &d->procedure_code); break;
	case 2: text(r, name, &d->procedure_name); break;
	case 3: text(r, name, &d->field_code); break;
	case 4: text(r, name, &d->field_name); break;
	case 5:
		v = small(r, name, 1, 3,
			  "a channel (1 direct, 2 online, "
			  "3 postal)",
			  (int)d->channel);
		d->channel = (enum channel)v;
		break;
	case 6: text(r, name, &d->applicant_name); break;
	case 7: text(r, name, &d->applicant_id); break;
	case 8: text(r, name, &d->applicant_id_type); break;
	case 9:
		v = small(r, name, 1, 4,
			  "an applicant kind (1 citizen, "
			  "2 business, 3 agency, 4 other)",
			  (int)d->applicant_kind);
		d->applicant_kind = (enum applicant_kind)v;
		break;
	case 10: text(r, name, &d->phone); break;
	case 11: text(r, name, &d->email); break;
	case 12: text(r, name, &d->summary); break;
	case 13: d->submitted = time_field(r, name); break;
	case 14: d->received = time_field(r, name); break;
	case 15: d->due = time_field(r, name); break;
	case 16:
		v = small(r, name, 1, 10, "a status (1-10)", (int)d->status);
		d->status = (enum dossier_status)v;
		break;
	case 17: d->finished = time_field(r, name); break;
	case 18: d->returned = time_field(r, name); break;
	case 19: d->refused = time_field(r, name); break;
	case 20:
		v = small(r, name, 0, 1, "a delivery (0 counter, 1 post)",
			  (int)d->delivery);
		d->delivery = (enum delivery)v;
		break;
	case 21: text(r, name, &d->unit_code); break;
	case 22: d->digitized = flag(r, name); break;
	case 23: d->verified = flag(r, name); break;
	case 24:
		v = small(r, name, 0, 2,
			  "a payment channel (0 none, "
			  "1 national portal, 2 provincial gateway)",
			  (int)d->paid_online);
		d->paid_online = (enum paid_online)v;
		break;
	case 25: list(r, name, d, &components); break;
	case 26: list(r, name, d, &fees); break;
	case 27: list(r, name, d, &supplements); break;
	case 28: list(r, name, d, &results); break;
	}
}

/* JSON whitespace outside strings is dropped; the rest is kept as is. */
static void add_compact(struct strbuf *sb, const char *p, size_t n)
{
	bool in_string = false;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		if (c == '"') {
			in_string = true;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			strbuf_add(sb, p + run, i - run);
			run = i + 1;
		}
	}
	strbuf_add(sb, p + run, n - run);
}

/* An unknown top-level member, its value's first token read: kept in
 * input order for dossier.extra, the key as it was written. */
static void extra_member(struct reader *r, size_t key_start, size_t key_end)
{
	size_t start, end;
	if (!skip_span(r, &start, &end))
		return;
	struct strbuf *sb = &r->extra;
	if (++r->n_extra == LIMIT_UNKNOWN_KEYS + 1)
		snprintf(r->over, sizeof(r->over), "%.*s",
			 (int)(key_end - key_start - 2),
			 r->js.in + key_start + 1);
	strbuf_add(sb, sb->len ? "," : "{", 1);
	strbuf_add(sb, r->js.in + key_start, key_end - key_start);
	strbuf_add(sb, ":", 1);
	add_compact(sb, r->js.in + start, end - start);
}

/* The line's object, its opening brace read. */
static void top_object(struct reader *r, struct dossier *d)
{
	struct json_scan *s = &r->js;
	uint32_t seen = 0, object = ++r->objects;
	size_t hint = 0;
	while (json_scan_next(s) == JS_KEY) {
		int i = find_name(top_fields, N_TOP, s, &hint);
		size_t key_start = s->start, key_end = s->end;
		snprintf(r->member, sizeof(r->member), "%.*s", (int)s->str_len,
			 s->str);
		if (i < 0 ? !key_unique(r, object)
			  : !known_unique(r, &seen, (size_t)i))
			return;
		if (json_scan_next(s) == JS_ERROR)
			return;
		if (i < 0) {
			extra_member(r, key_start, key_end);
			continue;
		}
		r->cur = rank_of((size_t)i);
		top_field(r, d, (size_t)i);
	}
}

/* The whole line: one object and nothing after it. Returns false when
 * the top value is valid JSON but not an object. */
static bool scan_line(struct reader *r, struct dossier *d)
{
	struct json_scan *s = &r->js;
	bool object = true;
	enum json_token tok = json_scan_next(s);
	if (tok == JS_OBJECT_BEGIN) {
		top_object(r, d);
	} else if (tok == JS_ARRAY_BEGIN) {
		skip(r);
		object = false;
	} else if (tok != JS_ERROR) {
		json_scan_fail(s, s->start, "expected an object");
	}
	if (json_scan_next(s) != JS_END)
		return true; /* the scanner said why */
	return object;
}

/* The reader's verdict, into err. */
static enum mc_code verdict(struct reader *r, bool object,
			    const struct dossier *d, struct mc_err *err)
{
	const struct json_scan *s = &r->js;
	/* nesting is refused by the scanner; name the member it is in */
	if (s->tok == JS_ERROR && r->member[0] &&
	    strcmp(s->err_reason, "nested too deep") == 0)
		return mc_fail(err, MC_ERR_INPUT, r->member,
			       "%s: nests deeper than %d levels (byte %zu)",
			       r->member, JSON_SCAN_MAX_DEPTH, s->err_pos + 1);
	if (s->tok == JS_ERROR)
		return mc_fail(err, MC_ERR_INPUT, "",
			       "invalid JSON at byte %zu: %s", s->err_pos + 1,
			       s->err_reason);
	if (!object)
		return mc_fail(err, MC_ERR_INPUT, "", "expected a JSON object");
	if (r->rc && err)
		*err = r->fault;
	if (!r->rc && r->n_extra > LIMIT_UNKNOWN_KEYS)
		return mc_fail(err, MC_ERR_INPUT, r->over,
			       "%s: the line has %zu fields this system does "
			       "not know, over the limit of %d",
			       r->over, r->n_extra, LIMIT_UNKNOWN_KEYS);
	return r->rc ? r->rc : limit_dossier(d, err);
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
	/* decoded strings are never longer than the line */
	char small_buf[4096];
	char *buf = len < sizeof(small_buf) ? small_buf : malloc(len + 1);
	if (!buf)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	struct reader r = {.rc = MC_OK};
	json_scan_init(&r.js, line, len, buf, len + 1, JSON_SCAN_NO_NUL);
	strbuf_init(&r.extra);
	strbuf_init(&r.keys.text);
	bool object = scan_line(&r, out);
	enum mc_code rc = verdict(&r, object, out, err);
	if (!rc && r.extra.len) {
		strbuf_add(&r.extra, "}", 1);
		if (r.extra.oom ||
		    !str_setn(&out->extra, r.extra.buf, r.extra.len))
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	strbuf_release(&r.extra);
	strbuf_release(&r.keys.text);
	free(r.keys.slot);
	if (buf != small_buf)
		free(buf);
	return rc;
}

/*
 * Writing. Keys are constant ASCII, so they go out unescaped; a comma is
 * due unless the member opens its object.
 */
static void w_text(struct strbuf *sb, const char *name, const char *value)
{
	if (!value)
		return;
	strbuf_json_key(sb, name);
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
	strbuf_json_key(sb, name);
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
		strbuf_json_key(sb, name);
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
	strbuf_json_key(sb, name);
	strbuf_add(sb, buf, 16);
}

static void w_flag(struct strbuf *sb, const char *name, bool v)
{
	strbuf_json_key(sb, name);
	strbuf_add(sb, v ? "\"1\"" : "\"0\"", 3);
}

static void open_array(struct strbuf *sb, const char *name)
{
	strbuf_json_key(sb, name);
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
