/*
 * tests/fuzz/catalog_fuzz.c - catalogue lines (io/catalog.c): the first
 * byte picks the parser ('u' a unit line, anything else a procedure
 * line), the rest is the line. A line is refused with a message and a
 * field, or parses and writes back to a line that parses and writes to
 * the same text. `make fuzz` runs it under libFuzzer; as a test it runs
 * the seeds below, each with its verdict (tests/fuzz/fuzz.h).
 */
#include "fuzz/fuzz.h"
#include "io/catalog.h"

/* One kind of line: the unit or the procedure functions of io/catalog.h
 * behind one shape, so the round trip is written once. */
struct kind {
	const char *name;
	void *(*make)(void);
	void (*free)(void *rec);
	enum mc_code (*parse)(const char *line, size_t len, void *rec,
			      struct mc_err *err);
	void (*write)(const void *rec, struct strbuf *out);
};

static void *unit_make(void)
{
	struct unit *u = malloc(sizeof(*u));
	if (u)
		unit_init(u);
	return u;
}
static void unit_free(void *u)
{
	unit_release(u);
	free(u);
}
static enum mc_code unit_parse(const char *line, size_t len, void *u,
			       struct mc_err *err)
{
	return catalog_unit_parse(line, len, u, err);
}
static void unit_write(const void *u, struct strbuf *out)
{
	catalog_unit_write(u, out);
}

static void *procedure_make(void)
{
	struct procedure *p = malloc(sizeof(*p));
	if (p)
		procedure_init(p);
	return p;
}
static void procedure_free(void *p)
{
	procedure_release(p);
	free(p);
}
static enum mc_code procedure_parse(const char *line, size_t len, void *p,
				    struct mc_err *err)
{
	return catalog_procedure_parse(line, len, p, err);
}
static void procedure_write(const void *p, struct strbuf *out)
{
	catalog_procedure_write(p, out);
}

static const struct kind units = {"unit", unit_make, unit_free, unit_parse,
				  unit_write};
static const struct kind procedures = {"procedure", procedure_make,
				       procedure_free, procedure_parse,
				       procedure_write};

static void line(const struct kind *k, const char *text, size_t len,
		 const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	void *a = k->make(), *b = k->make();
	struct strbuf s1, s2;
	struct mc_err err = {0};
	if (!a || !b)
		fuzz_fail("out of memory", data, size);
	strbuf_init(&s1);
	strbuf_init(&s2);
	enum mc_code rc = k->parse(text, len, a, &err);
	if (rc) {
		fuzz_refused(v, &err, rc, data, size);
	} else {
		k->write(a, &s1);
		if (s1.oom || k->parse(s1.buf, s1.len, b, &err))
			fuzz_fail("a written line does not parse", data, size);
		k->write(b, &s2);
		if (s1.len != s2.len || memcmp(s1.buf, s2.buf, s1.len))
			fuzz_fail("a round trip differs", data, size);
	}
	k->free(a);
	k->free(b);
	strbuf_release(&s1);
	strbuf_release(&s2);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	if (size == 0)
		return;
	line(data[0] == 'u' ? &units : &procedures, (const char *)data + 1,
	     size - 1, data, size, v);
}

#define PROC_HEAD                                                    \
	"p{\"code\":\"1.000001\",\"name\":\"Đăng ký khai sinh\"," \
	"\"field_code\":\"G01\",\"field_name\":\"Hộ tịch\","     \
	"\"time_limit\":{\"value\":5,\"unit\":\"working_days\"},"    \
	"\"online_level\":\"partial\",\"paper_result\":true,"        \
	"\"fees\":[{\"code\":\"LP\",\"name\":\"Lệ phí\",\"amount\":50000}],"

static const struct fuzz_seed seeds[] = {
	{"u{\"code\":\"000.00.06.H56\",\"name\":\"Sở Tư pháp\","
	 "\"parent\":\"000.00.00.H56\",\"level\":\"district\","
	 "\"valid_from\":\"2020-01-01\",\"valid_to\":\"2025-06-30\","
	 "\"successor\":\"000.00.07.H56\","
	 "\"office_hours\":\"07:30-11:30,13:30-17:00\"}",
	 MC_OK, ""},
	{"u{\"code\":\"H56\",\"name\":\"Tỉnh\",\"parent\":null,"
	 "\"level\":\"province\",\"valid_from\":null,\"valid_to\":null,"
	 "\"successor\":null}",
	 MC_OK, ""},
	{"u{\"code\":\"H56\",\"name\":\"Tỉnh\",\"parent\":null,"
	 "\"level\":\"country\",\"valid_from\":null,\"valid_to\":null,"
	 "\"successor\":null}",
	 MC_ERR_INPUT, "level"},
	{"u{\"code\":\"H56\",\"name\":\"Tỉnh\",\"colour\":1}", MC_ERR_INPUT,
	 "colour"},
	{PROC_HEAD "\"online_only\":[{\"from\":\"2023-07-26\","
		   "\"to\":\"2023-12-31\"}]}",
	 MC_OK, ""},
	{PROC_HEAD "\"online_only\":[{\"from\":\"2023-07-26\","
		   "\"to\":\"2023-02-31\"}]}",
	 MC_ERR_INPUT, "online_only[0].to"},
	/* not JSON: the line as a whole is at fault, no field */
	{"p{\"code\":\"1.000001\"", MC_ERR_INPUT, ""},
};

FUZZ_MAIN(judge, seeds)
