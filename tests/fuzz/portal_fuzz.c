/*
 * tests/fuzz/portal_fuzz.c - libFuzzer target for the national portal's
 * dossier format: whatever parses must write back to text that parses to
 * the same dossier, and writing that again must give the same text.
 *
 * With -DMC_LIBFUZZER it is only the libFuzzer entry point; build with:
 *   clang -std=c11 -D_DEFAULT_SOURCE -DMC_LIBFUZZER -g -O1 \
 *     -fsanitize=fuzzer,address,undefined -Isrc -Itests \
 *     tests/fuzz/portal_fuzz.c src/io/portal.c src/io/json_scan.c \
 *     src/core/error.c \
 *     src/core/str.c src/core/civil.c src/core/dossier.c \
 *     src/core/identity.c -ljansson -lm -o portal_fuzz
 *   ./portal_fuzz -max_len=4096 CORPUS_DIR
 * Without it (as the Makefile's rule for every tests/DIR/FILE.c builds it)
 * it is a unit test that runs the same property over a few seed lines,
 * so the unit build keeps working and the property is checked each run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/dossier_eq.h"
#include "io/portal.h"

static void check(int ok, const char *what, const struct strbuf *text)
{
	if (ok)
		return;
	fprintf(stderr, "portal_fuzz: %s\n%s\n", what,
		text->buf ? text->buf : "");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dossier a, b;
	struct strbuf s1, s2;
	dossier_init(&a);
	dossier_init(&b);
	strbuf_init(&s1);
	strbuf_init(&s2);
	if (portal_dossier_parse((const char *)data, size, &a, NULL) == MC_OK) {
		portal_dossier_write(&a, &s1);
		check(!s1.oom, "out of memory", &s1);
		/* a near-limit line can grow past the limit ("{}" items get
		 * their flags spelled out); that is not a round-trip bug */
		if (s1.len > PORTAL_MAX_LINE)
			goto out;
		struct mc_err err = {0};
		enum mc_code rc =
			portal_dossier_parse(s1.buf, s1.len, &b, &err);
		check(rc == MC_OK, err.message, &s1);
		check(dossier_eq(&a, &b), "round trip changed the dossier",
		      &s1);
		portal_dossier_write(&b, &s2);
		check(s1.len == s2.len && memcmp(s1.buf, s2.buf, s1.len) == 0,
		      "second write differs", &s1);
	}
out:
	dossier_release(&a);
	dossier_release(&b);
	strbuf_release(&s1);
	strbuf_release(&s2);
	return 0;
}

#ifndef MC_LIBFUZZER
#include "test.h"

static const char *const seeds[] = {
	"{\"MaHoSo\":\"X\"}",
	"{\"MaHoSo\":\"X\",\"DanhSachLePhi\":[{\"Gia\":5}],\"Khac\":1}",
	"{\"MaHoSo\":\"\\u0001\\ud83d\\ude00\",\"KenhThucHien\":3,"
	"\"NgayHenTra\":20240612170000,\"TaiLieuNop\":[{},{\"DuocSoHoa\":true}]"
	","
	"\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"20240101000000\"}],"
	"\"A\":{\"b\":[1,2.5,null]},\"TrangThaiHoSo\":\"10\"}",
	"{\"MaHoSo\":\"X\",\"NgayHenTra\":\"2024023\"}",
	"not json",
};

TEST(seeds_round_trip)
{
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
		LLVMFuzzerTestOneInput((const uint8_t *)seeds[i],
				       strlen(seeds[i]));
	CHECK(1); /* a failed property aborts with the offending text */
}

TEST_MAIN(T(seeds_round_trip))
#endif
