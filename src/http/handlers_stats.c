/*
 * handlers_stats.c - GET /api/v1/public/statistics: the province's
 * published monthly results (form II.06a by unit or by level), readable
 * by anyone without signing in, like the tables provinces post each
 * month. Province-wide aggregate numbers only: no dossier, applicant or
 * staff member appears, and no unit filter is offered.
 */
#include <string.h>

#include "app/report.h"
#include "http/http_int.h"

void h_public_statistics(struct http_req *r)
{
	struct report_query q = {0};
	const char *by = http_query(r, "by");
	if (by && strcmp(by, "unit") && strcmp(by, "level")) {
		http_reply_error(r, 400, "invalid_input", "by",
				 "by: \"%s\" is not unit or level", by);
		return;
	}
	if (!http_report_period(r, &q.period) || !http_report_shape(r, &q))
		return;
	q.unit = NULL;                  /* the province */
	http_reply_report(r, NULL, &q); /* public: no unit scope */
}
