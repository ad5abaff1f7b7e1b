/*
 * handlers_quality.c - GET /api/v1/quality: the stored dossiers with
 * anomalies (app/quality.h), the very JSON of `motcua quality --format
 * json`, or its CSV with format=csv. Leaders and administrators, within
 * their unit subtree, as for the reports.
 */
#include <string.h>

#include "app/quality.h"
#include "http/http_int.h"
#include "io/quality_json.h"

void h_quality(struct http_req *r)
{
	struct quality_query q = {0};
	const char *format = http_query(r, "format");
	if (format && strcmp(format, "json") && strcmp(format, "csv")) {
		http_reply_error(r, 400, "invalid_input", "format",
				 "format: is not json or csv");
		return;
	}
	/* no period, from or to: every period */
	q.all_time = !http_query(r, "period") && !http_query(r, "from") &&
		     !http_query(r, "to");
	if (!q.all_time && !http_report_period(r, &q.period))
		return;
	const char *unit = http_query(r, "unit");
	struct actor actor = http_actor(r);
	q.unit = unit ? unit : r->user.unit;
	struct quality_list l;
	struct mc_err err;
	if (app_quality_as(r->app, &actor, &q, &l, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	if (format && strcmp(format, "csv") == 0) {
		quality_csv_write(&l, &sb);
		http_reply_attachment(r, HTTP_CSV_TYPE,
				      "chat-luong-du-lieu.csv", &sb);
	} else {
		quality_json_write(&l, &sb);
		http_reply_strbuf(r, 200, &sb); /* 500 when out of memory */
	}
	quality_list_release(&l);
}
