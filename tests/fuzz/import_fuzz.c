/*
 * tests/fuzz/import_fuzz.c - the service index imports (app/index_import.c)
 * into the test province: the first byte picks the file ('r' ratings,
 * 'f' feedback, anything else targets), the rest is the file. A file is
 * imported whole, or refused with a message, a field and the database
 * exactly as it was; no input may surface as a database, memory or
 * internal error (that would be a check the importer left to SQLite).
 * `make fuzz` runs it under libFuzzer; as a test it runs the seeds below,
 * each with its verdict (tests/fuzz/fuzz.h).
 */
#include "app/index.h"
#include "fixture.h"
#include "fuzz/fuzz.h"

static struct fixture fx;
static bool fx_open;

static void close_fx(void) { fixture_close(&fx); }

/* The province and one returned dossier of the department to rate,
 * 000.00.06.H56-240603-0001. */
static void open_fx(void)
{
	struct dossier f, d;
	struct mc_err err;
	fixture_open(&fx);
	fx_open = true;
	atexit(close_fx);
	fixture_filing(&f, "1.000001", "000.00.06.H56", CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-06-03 09:00")},
		.filing = &f,
	};
	if (app_lifecycle(&fx.app, &req, &d, &err))
		fuzz_fail(err.message, NULL, 0);
	req.filing = NULL;
	req.code = d.code;
	req.params.op = OP_FINISH;
	req.params.at = fixture_time("2024-06-05 09:00");
	if (app_lifecycle(&fx.app, &req, NULL, &err))
		fuzz_fail(err.message, NULL, 0);
	req.params.op = OP_RETURN;
	req.params.at = fixture_time("2024-06-05 10:00");
	if (app_lifecycle(&fx.app, &req, NULL, &err))
		fuzz_fail(err.message, NULL, 0);
	dossier_release(&d);
	dossier_release(&f);
}

typedef enum mc_code (*import_fn)(struct app *app, FILE *in,
				  struct import_stats *stats,
				  struct mc_err *err);

static bool users_fault(enum mc_code rc)
{
	return rc == MC_ERR_INPUT || rc == MC_ERR_NOT_FOUND ||
	       rc == MC_ERR_STATE || rc == MC_ERR_RULE ||
	       rc == MC_ERR_CONFLICT || rc == MC_ERR_TOO_LARGE;
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	if (size == 0)
		return;
	if (!fx_open)
		open_fx();
	import_fn fn = data[0] == 'r'   ? import_ratings
		       : data[0] == 'f' ? import_feedback
					: import_targets;
	char *copy = malloc(size); /* fmemopen wants room, even for "" */
	if (!copy)
		fuzz_fail("out of memory", data, size);
	memcpy(copy, data + 1, size - 1);
	FILE *in = fmemopen(copy, size - 1 ? size - 1 : 1, "r");
	if (!in)
		fuzz_fail("fmemopen", data, size);
	if (size == 1)
		fgetc(in); /* an empty file */
	char before[65], after[65];
	struct import_stats stats;
	struct mc_err err = {0};
	fixture_digest(&fx, before);
	enum mc_code rc = fn(&fx.app, in, &stats, &err);
	fclose(in);
	free(copy);
	if (rc) {
		if (!users_fault(rc))
			fuzz_fail(err.message, data, size);
		if (strcmp(fixture_digest(&fx, after), before) != 0)
			fuzz_fail("a refused import changed the database", data,
				  size);
		fuzz_refused(v, &err, rc, data, size);
	}
}

#define DOSSIER "000.00.06.H56-240603-0001"
#define DEPT "000.00.06.H56"

static const struct fuzz_seed seeds[] = {
	{"r{\"dossier\":\"" DOSSIER "\",\"at\":\"2024-06-06 10:00\","
	 "\"rating\":\"dissatisfied\",\"channel\":\"portal\"}\n",
	 MC_OK, ""},
	{"r{\"dossier\":\"" DOSSIER "\",\"at\":\"2024-06-06 10:00\","
	 "\"rating\":\"happy\"}\n",
	 MC_ERR_INPUT, "rating"},
	{"r{\"dossier\":\"nope\",\"at\":\"2024-06-06 10:00\","
	 "\"rating\":\"satisfied\"}\n",
	 MC_ERR_NOT_FOUND, "dossier"},
	{"f{\"id\":\"F1\",\"unit\":\"" DEPT "\",\"received_at\":"
	 "\"2024-07-10 08:00\",\"answered_at\":\"2024-07-15 08:00\","
	 "\"outcome\":\"answered\"}\n\n"
	 "{\"id\":\"F2\",\"unit\":\"" DEPT "\",\"dossier\":\"" DOSSIER "\","
	 "\"received_at\":\"2024-07-20 08:00\"}\n",
	 MC_OK, ""},
	{"f{\"id\":\"F9\",\"unit\":\"" DEPT "\",\"received_at\":"
	 "\"2024-07-10 08:00\",\"answered_at\":\"2024-07-01 08:00\"}\n",
	 MC_ERR_INPUT, "answered_at"},
	{"f{\"id\":\"F8\",\"unit\":\"000.99.99.H56\",\"received_at\":"
	 "\"2024-07-10 08:00\"}\n",
	 MC_ERR_NOT_FOUND, "unit"},
	{"t{\"unit\":\"" DEPT "\",\"period\":\"year:2024\","
	 "\"indicator\":\"digitized_components\",\"value\":90}\n",
	 MC_OK, ""},
	{"t{\"unit\":\"" DEPT "\",\"period\":\"year:2024\","
	 "\"indicator\":\"digitized_components\",\"value\":190}\n",
	 MC_ERR_INPUT, "value"},
	{"t{\"unit\":\"" DEPT "\",\"period\":\"month:2024-13\","
	 "\"indicator\":\"data_reuse\",\"value\":50}\n",
	 MC_ERR_INPUT, "period"},
	{"t{\"unit\":\"" DEPT "\",\"period\":\"year:2024\",\"indicator\":"
	 "\"speed\",\"value\":50}\n",
	 MC_ERR_INPUT, "indicator"},
	{"tnot json\n", MC_ERR_INPUT, ""}, /* the line, no field */
};

FUZZ_MAIN(judge, seeds)
