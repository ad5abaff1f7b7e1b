/*
 * dossier.c - dossier fields, checks, derived facts and the lifecycle
 * state machine (see dossier.h and docs/internals/lifecycle.md).
 */
#include "core/dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/identity.h"
#include "core/str.h"

void dossier_init(struct dossier *d)
{
	memset(d, 0, sizeof(*d));
	d->channel = CHANNEL_DIRECT;
	d->applicant_kind = APPLICANT_CITIZEN;
	d->status = ST_REGISTERED;
	d->submitted = d->received = d->due = MC_NO_TIME;
	d->finished = d->returned = d->refused = MC_NO_TIME;
	d->imported_at = MC_NO_TIME;
}

void dossier_release(struct dossier *d)
{
	char **strings[] = {
		&d->code,           &d->procedure_code, &d->procedure_name,
		&d->field_code,     &d->field_name,     &d->unit_code,
		&d->applicant_name, &d->applicant_id,   &d->applicant_id_type,
		&d->phone,          &d->email,          &d->summary,
		&d->extra,          &d->import_file};
	for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++)
		free(*strings[i]);
	for (size_t i = 0; i < d->n_components; i++) {
		free(d->components[i].code);
		free(d->components[i].file_name);
		free(d->components[i].url);
	}
	for (size_t i = 0; i < d->n_fees; i++) {
		free(d->fees[i].code);
		free(d->fees[i].name);
		free(d->fees[i].exempt);
	}
	for (size_t i = 0; i < d->n_results; i++)
		dossier_result_release(&d->results[i]);
	free(d->components);
	free(d->fees);
	free(d->results);
	free(d->supplements);
	dossier_init(d);
}

static const char *const status_names[] = {"",
					   "Mới đăng ký trực tuyến",
					   "Đã tiếp nhận",
					   "Không được tiếp nhận",
					   "Đang xử lý",
					   "Yêu cầu bổ sung",
					   "Chờ thực hiện nghĩa vụ tài chính",
					   "Công dân rút hồ sơ",
					   "Dừng xử lý",
					   "Đã xử lý xong",
					   "Đã trả kết quả"};

static const char *const status_keys[] = {
	"",           "registered", "accepted",  "not_accepted",
	"processing", "supplement", "financial", "withdrawn",
	"stopped",    "finished",   "returned"};

const char *dossier_status_name(enum dossier_status s)
{
	return (s >= 1 && s <= 10) ? status_names[s] : "?";
}

const char *dossier_status_key(enum dossier_status s)
{
	return (s >= 1 && s <= 10) ? status_keys[s] : "?";
}

const char *channel_name(enum channel c)
{
	switch (c) {
	case CHANNEL_DIRECT: return "Trực tiếp";
	case CHANNEL_ONLINE: return "Trực tuyến";
	case CHANNEL_POSTAL: return "Bưu chính công ích";
	}
	return "?";
}

const char *dossier_origin_key(enum dossier_origin o)
{
	switch (o) {
	case ORIGIN_IMPORT: return "import";
	case ORIGIN_ONLINE: return "online";
	case ORIGIN_COUNTER: return "counter";
	case ORIGIN_UNKNOWN: break;
	}
	return "unknown";
}

const char *dossier_origin_name(enum dossier_origin o)
{
	switch (o) {
	case ORIGIN_IMPORT: return "Nhập từ hệ thống cũ";
	case ORIGIN_ONLINE: return "Nộp trực tuyến tại hệ thống này";
	case ORIGIN_COUNTER: return "Nộp tại bộ phận một cửa";
	case ORIGIN_UNKNOWN: break;
	}
	return "?";
}

bool dossier_numbered_here(enum dossier_origin o)
{
	return o == ORIGIN_ONLINE || o == ORIGIN_COUNTER;
}

bool dossier_status_ended(enum dossier_status s)
{
	return s == ST_WITHDRAWN || s == ST_STOPPED || s == ST_FINISHED ||
	       s == ST_RETURNED;
}

int64_t dossier_fee_total(const struct dossier *d)
{
	int64_t sum = 0;
	for (size_t i = 0; i < d->n_fees; i++)
		sum += d->fees[i].amount;
	return sum;
}

bool dossier_all_digitized(const struct dossier *d)
{
	if (d->n_components == 0)
		return d->digitized;
	for (size_t i = 0; i < d->n_components; i++)
		if (!d->components[i].digitized)
			return false;
	return true;
}

bool dossier_any_reused(const struct dossier *d)
{
	for (size_t i = 0; i < d->n_components; i++)
		if (d->components[i].reused ||
		    d->components[i].from_national_store)
			return true;
	return false;
}

void dossier_result_release(struct dossier_result *r)
{
	free(r->name);
	free(r->code);
	free(r->url);
	free(r->file);
	free(r->signature);
	memset(r, 0, sizeof(*r));
}

bool dossier_result_copy(struct dossier_result *dst,
			 const struct dossier_result *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->signed_at = src->signed_at;
	if (str_set(&dst->name, src->name) && str_set(&dst->code, src->code) &&
	    str_set(&dst->url, src->url) && str_set(&dst->file, src->file) &&
	    str_set(&dst->signature, src->signature))
		return true;
	dossier_result_release(dst);
	return false;
}

bool dossier_has_e_result(const struct dossier *d)
{
	for (size_t i = 0; i < d->n_results; i++) {
		const struct dossier_result *r = &d->results[i];
		if (!str_empty(r->file) && !str_empty(r->signature))
			return true;
		if (!dossier_numbered_here(d->origin) && !str_empty(r->url))
			return true;
	}
	return false;
}

bool dossier_supplement_open(const struct dossier *d)
{
	return d->n_supplements > 0 &&
	       d->supplements[d->n_supplements - 1].completed == MC_NO_TIME;
}

/* ---- checks ---------------------------------------------------------- */

static enum mc_code need(const char *s, const char *field, size_t max,
			 struct mc_err *err)
{
	if (str_empty(s))
		return mc_fail_as(err, MC_ERR_INPUT, field, "required",
				  "%s: is required", field);
	if (strlen(s) > max)
		return mc_fail_as(err, MC_ERR_INPUT, field, "too_long",
				  "%s: longer than %zu bytes", field, max);
	return MC_OK;
}

static enum mc_code check_applicant(const struct dossier *d, struct mc_err *err)
{
	enum mc_code rc = need(d->applicant_name, "ChuHoSo", 300, err);
	if (rc)
		return rc;
	if (d->applicant_kind < APPLICANT_CITIZEN ||
	    d->applicant_kind > APPLICANT_OTHER)
		return mc_fail_as(err, MC_ERR_INPUT, "LoaiDoiTuong",
				  "applicant_kind",
				  "LoaiDoiTuong: %d is not an applicant kind "
				  "(1 citizen, 2 business, 3 agency, 4 other)",
				  (int)d->applicant_kind);
	bool cccd = str_empty(d->applicant_id_type) ||
		    strcmp(d->applicant_id_type, "CCCD") == 0;
	if (d->applicant_kind == APPLICANT_CITIZEN && cccd &&
	    (rc = citizen_id_check(d->applicant_id, "SoGiayToChuHoSo", err)))
		return rc;
	if (d->applicant_id && strlen(d->applicant_id) > 40)
		return mc_fail_as(err, MC_ERR_INPUT, "SoGiayToChuHoSo",
				  "too_long",
				  "SoGiayToChuHoSo: longer than 40 characters");
	if (d->email && *d->email && !strchr(d->email, '@'))
		return mc_fail_as(err, MC_ERR_INPUT, "Email", "email",
				  "Email: \"%.60s\" is not an e-mail address",
				  d->email);
	for (const char *p = str_or_empty(d->phone); *p; p++)
		if (!strchr("0123456789+ .-()", *p))
			return mc_fail_as(
				err, MC_ERR_INPUT, "SoDienThoai", "phone",
				"SoDienThoai: '%c' is not allowed in a "
				"phone number",
				*p);
	return MC_OK;
}

static bool present(int64_t t) { return t != MC_NO_TIME; }

/* Whether b is earlier than a, both present. */
static bool backwards(int64_t a, int64_t b)
{
	return present(a) && present(b) && b < a;
}

static enum mc_code check_times(const struct dossier *d, struct mc_err *err)
{
	enum dossier_status s = d->status;
	bool accepted = s == ST_ACCEPTED || s == ST_PROCESSING ||
			s == ST_FINANCIAL || s == ST_STOPPED ||
			s == ST_FINISHED || s == ST_RETURNED;
	if (accepted && d->received == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "NgayTiepNhan",
			       "NgayTiepNhan: a dossier in status %d must have "
			       "been received",
			       (int)s);
	if (dossier_status_ended(s) && d->finished == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "NgayKetThucXuLy",
			       "NgayKetThucXuLy: a dossier in status %d must "
			       "have an end time",
			       (int)s);
	/* a report could place it in no period: it ends before it begins */
	if (backwards(d->received, d->finished) &&
	    civil_local_day(d->finished) < civil_local_day(d->received))
		return mc_fail(err, MC_ERR_INPUT, "NgayKetThucXuLy",
			       "NgayKetThucXuLy: is on an earlier day than "
			       "NgayTiepNhan");
	if (s == ST_RETURNED && d->returned == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "NgayTra",
			       "NgayTra: a returned dossier needs its return "
			       "time");
	if (s == ST_NOT_ACCEPTED && d->refused == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "NgayTuChoi",
			       "NgayTuChoi: a refused dossier needs its "
			       "refusal time");
	return MC_OK;
}

static enum mc_code check_lists(const struct dossier *d, struct mc_err *err)
{
	for (size_t i = 0; i < d->n_fees; i++)
		if (d->fees[i].amount < 0)
			return mc_fail(
				err, MC_ERR_INPUT, "DanhSachLePhi.Gia",
				"DanhSachLePhi[%zu].Gia: a fee cannot be "
				"negative",
				i);
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		if (r->requested == MC_NO_TIME)
			return mc_fail(err, MC_ERR_INPUT,
				       "DanhSachHoSoBoSung.NgayBoSung",
				       "DanhSachHoSoBoSung[%zu].NgayBoSung: is "
				       "required",
				       i);
		if (r->completed == MC_NO_TIME && i + 1 < d->n_supplements)
			return mc_fail(err, MC_ERR_INPUT,
				       "DanhSachHoSoBoSung.NgayTiepNhanBoSung",
				       "DanhSachHoSoBoSung[%zu]: only the last "
				       "supplement round may be open",
				       i);
	}
	return MC_OK;
}

enum mc_code dossier_check(const struct dossier *d, struct mc_err *err)
{
	enum mc_code rc;
	if ((rc = need(d->code, "MaHoSo", 64, err)) ||
	    (rc = need(d->procedure_code, "MaTTHC", 40, err)) ||
	    (rc = need(d->unit_code, "DonViXuLy", 40, err)))
		return rc;
	if (d->channel < CHANNEL_DIRECT || d->channel > CHANNEL_POSTAL)
		return mc_fail(err, MC_ERR_INPUT, "KenhThucHien",
			       "KenhThucHien: %d is not a channel (1 direct, "
			       "2 online, 3 postal)",
			       (int)d->channel);
	if (d->status < ST_REGISTERED || d->status > ST_RETURNED)
		return mc_fail(err, MC_ERR_INPUT, "TrangThaiHoSo",
			       "TrangThaiHoSo: %d is not a status (1-10)",
			       (int)d->status);
	if (d->delivery != DELIVERY_COUNTER && d->delivery != DELIVERY_POST)
		return mc_fail(err, MC_ERR_INPUT, "HinhThuc",
			       "HinhThuc: %d is not a delivery (0 counter, "
			       "1 post)",
			       (int)d->delivery);
	if (d->paid_online < PAID_NOT_ONLINE ||
	    d->paid_online > PAID_PROVINCIAL)
		return mc_fail(err, MC_ERR_INPUT, "DuocThanhToanTrucTuyen",
			       "DuocThanhToanTrucTuyen: %d is not 0, 1 or 2",
			       (int)d->paid_online);
	if ((rc = check_applicant(d, err)) || (rc = check_times(d, err)))
		return rc;
	return check_lists(d, err);
}

/* ---- anomalies ------------------------------------------------------- */

static const struct dossier_anomaly_kind anomaly_kinds[ANOMALY__COUNT] = {
	[ANOMALY_RECEIVED_BEFORE_SUBMITTED] = {"received_before_submitted",
					       "reception before filing",
					       "Tiếp nhận trước thời điểm nộp",
					       "NgayNopHoSo,NgayTiepNhan"},
	[ANOMALY_DUE_BEFORE_RECEIVED] = {"due_before_received",
					 "appointment before reception",
					 "Hẹn trả trước thời điểm tiếp nhận",
					 "NgayTiepNhan,NgayHenTra"},
	[ANOMALY_DUE_MISSING] = {"due_missing", "missing due date",
				 "Thiếu ngày hẹn trả",
				 "NgayTiepNhan,NgayHenTra"},
	[ANOMALY_FINISHED_BEFORE_RECEIVED] =
		{"finished_before_received", "finish before reception",
		 "Kết thúc xử lý trước thời điểm tiếp nhận",
		 "NgayTiepNhan,NgayKetThucXuLy"},
	[ANOMALY_RETURNED_BEFORE_FINISHED] =
		{"returned_before_finished", "result returned before finish",
		 "Trả kết quả trước khi kết thúc xử lý",
		 "NgayKetThucXuLy,NgayTra"},
	[ANOMALY_SUPPLEMENT_BACKWARDS] =
		{"supplement_before_request",
		 "supplement completed before it was requested",
		 "Bổ sung xong trước khi được yêu cầu",
		 "DanhSachHoSoBoSung.NgayBoSung,"
		 "DanhSachHoSoBoSung.NgayTiepNhanBoSung"},
	[ANOMALY_OPEN_WITH_END] = {"open_with_end",
				   "end time on a dossier not ended",
				   "Có thời điểm kết thúc nhưng trạng thái "
				   "chưa kết thúc",
				   "TrangThaiHoSo,NgayKetThucXuLy"},
};

const struct dossier_anomaly_kind *dossier_anomaly_kind(enum dossier_anomaly a)
{
	if (a < 0 || a >= ANOMALY__COUNT)
		MC_BUG("unknown anomaly %d", (int)a);
	return &anomaly_kinds[a];
}

enum dossier_anomaly dossier_anomaly_by_key(const char *key)
{
	int a = 0;
	while (a < ANOMALY__COUNT &&
	       strcmp(anomaly_kinds[a].key, str_or_empty(key)) != 0)
		a++;
	return (enum dossier_anomaly)a;
}

const struct dossier_anomaly_kind *
dossier_anomaly_next(unsigned *set, enum dossier_anomaly *kind)
{
	for (int a = 0; a < ANOMALY__COUNT; a++)
		if (*set & (1u << a)) {
			*set &= ~(1u << a);
			if (kind)
				*kind = (enum dossier_anomaly)a;
			return &anomaly_kinds[a];
		}
	return NULL;
}

unsigned dossier_anomalies(const struct dossier *d)
{
	unsigned set = 0;
	if (backwards(d->submitted, d->received))
		set |= 1u << ANOMALY_RECEIVED_BEFORE_SUBMITTED;
	if (backwards(d->received, d->due))
		set |= 1u << ANOMALY_DUE_BEFORE_RECEIVED;
	if (present(d->received) && !present(d->due))
		set |= 1u << ANOMALY_DUE_MISSING;
	if (backwards(d->received, d->finished))
		set |= 1u << ANOMALY_FINISHED_BEFORE_RECEIVED;
	if (backwards(d->finished, d->returned))
		set |= 1u << ANOMALY_RETURNED_BEFORE_FINISHED;
	for (size_t i = 0; i < d->n_supplements; i++)
		if (backwards(d->supplements[i].requested,
			      d->supplements[i].completed))
			set |= 1u << ANOMALY_SUPPLEMENT_BACKWARDS;
	/* the status decides: the reports count it as still open */
	if (present(d->finished) && !dossier_status_ended(d->status))
		set |= 1u << ANOMALY_OPEN_WITH_END;
	return set;
}

/* ---- the state machine ----------------------------------------------- */

#define S(x) (1u << (x))
#define NEW S(0)

static const struct {
	const char *name;
	unsigned from; /* statuses the operation may start from */
} ops[OP__COUNT] = {
	[OP_REGISTER] = {"register", NEW},
	[OP_ACCEPT] = {"accept", NEW | S(ST_REGISTERED)},
	[OP_REFUSE] = {"refuse", NEW | S(ST_REGISTERED)},
	[OP_ASK_SUPPLEMENT_AT_RECEPTION] = {"ask-supplement",
					    NEW | S(ST_REGISTERED)},
	[OP_START] = {"start", S(ST_ACCEPTED)},
	[OP_TRANSFER] = {"transfer", S(ST_ACCEPTED) | S(ST_PROCESSING)},
	[OP_REQUEST_SUPPLEMENT] = {"request-supplement",
				   S(ST_ACCEPTED) | S(ST_PROCESSING)},
	[OP_COMPLETE_SUPPLEMENT] = {"complete-supplement", S(ST_SUPPLEMENT)},
	[OP_REQUEST_FINANCIAL] = {"request-financial",
				  S(ST_ACCEPTED) | S(ST_PROCESSING)},
	[OP_FULFIL_FINANCIAL] = {"fulfil-financial", S(ST_FINANCIAL)},
	[OP_FINISH] = {"finish",
		       S(ST_ACCEPTED) | S(ST_PROCESSING) | S(ST_FINANCIAL)},
	[OP_STOP] = {"stop", S(ST_ACCEPTED) | S(ST_PROCESSING) |
				     S(ST_SUPPLEMENT) | S(ST_FINANCIAL)},
	[OP_RETURN] = {"return", S(ST_FINISHED)},
	[OP_RESCHEDULE] = {"reschedule", S(ST_ACCEPTED) | S(ST_PROCESSING) |
						 S(ST_SUPPLEMENT) |
						 S(ST_FINANCIAL)},
	[OP_WITHDRAW] = {"withdraw",
			 S(ST_REGISTERED) | S(ST_ACCEPTED) | S(ST_PROCESSING) |
				 S(ST_SUPPLEMENT) | S(ST_FINANCIAL)},
};

const char *dossier_op_name(enum dossier_op op)
{
	return (op >= 0 && op < OP__COUNT) ? ops[op].name : "?";
}

enum mc_code dossier_op_allowed(enum dossier_op op, int from,
				struct mc_err *err)
{
	if (op < 0 || op >= OP__COUNT)
		MC_BUG("unknown dossier operation %d", (int)op);
	if (from < 0 || from > 10 || !(ops[op].from & S(from))) {
		if (from == 0)
			return mc_fail_as(err, MC_ERR_STATE, "TrangThaiHoSo",
					  "wrong_status",
					  "%s: not allowed on a new filing",
					  ops[op].name);
		return mc_fail_as(
			err, MC_ERR_STATE, "TrangThaiHoSo", "wrong_status",
			"%s: not allowed on a dossier in status %d (%s)",
			ops[op].name, from,
			dossier_status_name((enum dossier_status)from));
	}
	return MC_OK;
}

/* ---- copying --------------------------------------------------------- */

static bool dup(char **s)
{
	if (!*s)
		return true;
	*s = strdup(*s);
	return *s != NULL;
}

/* Each list is rebuilt element by element so that, after a failed
 * allocation, the copy owns exactly what it holds and can be released. */
static bool copy_lists(struct dossier *dst, const struct dossier *src)
{
	for (size_t i = 0; i < src->n_components; i++) {
		struct dossier_component *c =
			ARRAY_PUSH(dst->components, dst->n_components,
				   dst->cap_components);
		if (!c || !str_set(&c->code, src->components[i].code) ||
		    !str_set(&c->file_name, src->components[i].file_name) ||
		    !str_set(&c->url, src->components[i].url))
			return false;
		c->digitized = src->components[i].digitized;
		c->reused = src->components[i].reused;
		c->from_national_store = src->components[i].from_national_store;
	}
	for (size_t i = 0; i < src->n_fees; i++) {
		struct dossier_fee *f =
			ARRAY_PUSH(dst->fees, dst->n_fees, dst->cap_fees);
		if (!f || !str_set(&f->code, src->fees[i].code) ||
		    !str_set(&f->name, src->fees[i].name) ||
		    !str_set(&f->exempt, src->fees[i].exempt))
			return false;
		f->amount = src->fees[i].amount;
		f->method = src->fees[i].method;
	}
	for (size_t i = 0; i < src->n_results; i++) {
		struct dossier_result *r = ARRAY_PUSH(
			dst->results, dst->n_results, dst->cap_results);
		if (!r || !dossier_result_copy(r, &src->results[i])) {
			if (r)
				dst->n_results--;
			return false;
		}
	}
	for (size_t i = 0; i < src->n_supplements; i++) {
		struct supplement_round *r =
			ARRAY_PUSH(dst->supplements, dst->n_supplements,
				   dst->cap_supplements);
		if (!r)
			return false;
		*r = src->supplements[i];
	}
	return true;
}

bool dossier_copy(struct dossier *dst, const struct dossier *src)
{
	*dst = *src;
	/* the copy owns nothing yet: clear what a failure must not free */
	dst->components = NULL;
	dst->fees = NULL;
	dst->results = NULL;
	dst->supplements = NULL;
	dst->n_components = dst->n_fees = dst->n_results = 0;
	dst->n_supplements = 0;
	dst->cap_components = dst->cap_fees = dst->cap_results = 0;
	dst->cap_supplements = 0;
	char **strings[] = {&dst->code,
			    &dst->procedure_code,
			    &dst->procedure_name,
			    &dst->field_code,
			    &dst->field_name,
			    &dst->unit_code,
			    &dst->applicant_name,
			    &dst->applicant_id,
			    &dst->applicant_id_type,
			    &dst->phone,
			    &dst->email,
			    &dst->summary,
			    &dst->extra,
			    &dst->import_file};
	bool ok = true;
	for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++)
		if (!ok)
			*strings[i] = NULL;
		else
			ok = dup(strings[i]);
	if (ok && copy_lists(dst, src))
		return true;
	dossier_release(dst);
	return false;
}
