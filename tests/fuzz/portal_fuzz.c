/*
 * tests/fuzz/portal_fuzz.c - the national portal's dossier format: an
 * input either is refused with a message and a field, or parses, writes
 * back to text that parses to the same dossier, and writing that again
 * gives the same text. `make fuzz` runs it under libFuzzer; as a test it
 * runs the seeds below, each with its verdict (tests/fuzz/fuzz.h).
 */
#include "fuzz/fuzz.h"
#include "io/dossier_eq.h"
#include "io/portal.h"

static void round_trip(const struct dossier *a, const uint8_t *data,
		       size_t size)
{
	struct dossier b;
	struct strbuf s1, s2;
	dossier_init(&b);
	strbuf_init(&s1);
	strbuf_init(&s2);
	portal_dossier_write(a, &s1);
	if (s1.oom)
		fuzz_fail("out of memory writing", data, size);
	/* a near-limit line can grow past the limit ("{}" items get their
	 * flags spelled out); that is not a round-trip bug */
	if (s1.len <= PORTAL_MAX_LINE) {
		struct mc_err err = {0};
		if (portal_dossier_parse(s1.buf, s1.len, &b, &err))
			fuzz_fail(err.message, (const uint8_t *)s1.buf, s1.len);
		if (!dossier_eq(a, &b))
			fuzz_fail("round trip changed the dossier",
				  (const uint8_t *)s1.buf, s1.len);
		portal_dossier_write(&b, &s2);
		if (s1.len != s2.len || memcmp(s1.buf, s2.buf, s1.len))
			fuzz_fail("second write differs",
				  (const uint8_t *)s1.buf, s1.len);
	}
	dossier_release(&b);
	strbuf_release(&s1);
	strbuf_release(&s2);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	struct dossier a;
	struct mc_err err = {0};
	dossier_init(&a);
	enum mc_code rc =
		portal_dossier_parse((const char *)data, size, &a, &err);
	if (rc)
		fuzz_refused(v, &err, rc, data, size);
	else
		round_trip(&a, data, size);
	dossier_release(&a);
}

static const struct fuzz_seed seeds[] = {
	{"{\"MaHoSo\":\"X\"}", MC_OK, ""},
	{"{\"MaHoSo\":\"X\",\"DanhSachLePhi\":[{\"Gia\":5}],\"Khac\":1}", MC_OK,
	 ""},
	{"{\"MaHoSo\":\"\\u0001\\ud83d\\ude00\",\"KenhThucHien\":3,"
	 "\"NgayHenTra\":20240612170000,\"TaiLieuNop\":[{},{\"DuocSoHoa\":"
	 "true}],\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"20240101000000\"}],"
	 "\"A\":{\"b\":[1,2.5,null]},\"TrangThaiHoSo\":\"10\"}",
	 MC_OK, ""},
	{"{\"MaHoSo\":\"X\",\"NgayHenTra\":\"2024023\"}", MC_ERR_INPUT,
	 "NgayHenTra"},
	{"{\"MaHoSo\":\"X\",\"TrangThaiHoSo\":\"11\"}", MC_ERR_INPUT,
	 "TrangThaiHoSo"},
	{"{\"MaHoSo\":\"X\",\"KenhThucHien\":\"7\"}", MC_ERR_INPUT,
	 "KenhThucHien"},
	{"not json", MC_ERR_INPUT, ""}, /* the line as a whole, no field */
};

FUZZ_MAIN(judge, seeds)
