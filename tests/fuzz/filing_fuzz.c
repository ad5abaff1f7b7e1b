/*
 * tests/fuzz/filing_fuzz.c - libFuzzer target for a new filing
 * (io/filing.c): whatever is accepted carries only what an applicant
 * declares (no code, times, status, fees, results, supplement rounds,
 * VNeID, payment, reuse or data-store flags; at the portal no scans and
 * channel 2) and every text field is within its limit
 * (core/limits.h); whatever is refused says why. The first byte picks
 * the kind (even: online, odd: counter). `make fuzz` runs it under
 * libFuzzer; as a test it runs the seeds below, each with its verdict
 * (tests/fuzz/fuzz.h).
 */
#include "core/civil.h"
#include "core/limits.h"
#include "fuzz/fuzz.h"
#include "io/filing.h"

static void check(int ok, const char *what, const uint8_t *data, size_t size)
{
	if (!ok)
		fuzz_fail(what, data, size);
}

static int within(const struct dossier *d)
{
	const struct {
		enum limit_id id;
		const char *s;
	} t[] = {
		{LIMIT_CODE, d->procedure_code},
		{LIMIT_CODE, d->unit_code},
		{LIMIT_NAME, d->applicant_name},
		{LIMIT_ID, d->applicant_id},
		{LIMIT_ID_TYPE, d->applicant_id_type},
		{LIMIT_PHONE, d->phone},
		{LIMIT_EMAIL, d->email},
		{LIMIT_SUMMARY, d->summary},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++)
		if (limit_check(t[i].id, "f", t[i].s, NULL))
			return 0;
	for (size_t i = 0; i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		if (limit_check(LIMIT_COMPONENT, "f", c->code, NULL) ||
		    limit_check(LIMIT_FILE_NAME, "f", c->file_name, NULL) ||
		    limit_check(LIMIT_URL, "f", c->url, NULL) || c->reused ||
		    c->from_national_store)
			return 0;
	}
	return d->n_components <= LIMIT_COMPONENTS;
}

static int only_declared(const struct dossier *d, enum filing_kind kind)
{
	int online_ok = kind != FILING_ONLINE ||
			(d->channel == CHANNEL_ONLINE && !d->digitized);
	return online_ok && !d->code && !d->extra && !d->verified &&
	       d->paid_online == PAID_NOT_ONLINE && !d->n_fees &&
	       !d->n_results && !d->n_supplements &&
	       d->status == ST_REGISTERED && d->delivery == DELIVERY_COUNTER &&
	       d->submitted == MC_NO_TIME && d->received == MC_NO_TIME &&
	       d->due == MC_NO_TIME && d->finished == MC_NO_TIME &&
	       d->returned == MC_NO_TIME && d->refused == MC_NO_TIME;
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	if (size < 1)
		return;
	enum filing_kind kind = data[0] % 2 ? FILING_COUNTER : FILING_ONLINE;
	struct dossier d;
	struct mc_err err = {0};
	dossier_init(&d);
	enum mc_code rc =
		filing_parse((const char *)data + 1, size - 1, kind, &d, &err);
	if (rc) {
		fuzz_refused(v, &err, rc, data, size);
	} else {
		check(within(&d), "a field over its limit", data, size);
		check(only_declared(&d, kind), "a field not declared", data,
		      size);
	}
	dossier_release(&d);
}

#define APPLICANT                                                             \
	"\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"000.00.31.H56\","            \
	"\"ChuHoSo\":\"Lê Thị Hoa\",\"SoGiayToChuHoSo\":\"001190012345\"," \
	"\"LoaiDoiTuong\":\"1\""

static const struct fuzz_seed seeds[] = {
	{"0{" APPLICANT "}", MC_OK, ""},
	{"1{" APPLICANT ",\"KenhThucHien\":\"1\"}", MC_OK, ""},
	{"0{" APPLICANT ",\"NgayHenTra\":\"20990101000000\"}", MC_ERR_INPUT,
	 "NgayHenTra"},
	{"0{" APPLICANT ",\"DuocXacThucVNeID\":true}", MC_ERR_INPUT,
	 "DuocXacThucVNeID"},
	{"0{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"000.00.31.H56\","
	 "\"ChuHoSo\":\"A\xe2\x80\xae"
	 "B\",\"SoGiayToChuHoSo\":\"001190012345\","
	 "\"LoaiDoiTuong\":\"1\"}",
	 MC_ERR_INPUT, "ChuHoSo"}, /* a bidirectional override */
	{"0[]", MC_ERR_INPUT, ""}, /* not an object: the line, no field */
};

FUZZ_MAIN(judge, seeds)
