/*
 * router.c - the route table and the checks every request passes before
 * its handler: path and method (404, 405), session, CSRF token on
 * state-changing requests of a session (403), role (401, 403). The
 * OpenAPI document is generated from this same table (handlers_meta.c),
 * so the documentation cannot drift from what the server routes.
 */
#include <stdio.h>
#include <string.h>

#include "core/dossier.h"
#include "http/http_int.h"

#define ANY 0
#define STAFF ROLE_STAFF
#define BY_OP HTTP_ROLES_BY_OP
#define REPORTS ROLE_FIGURES /* the application's, app/actor.h */

#define TARGET_BODY                                                       \
	"{\"unit\": code, \"period\": \"month:YYYY-MM\", \"indicator\": " \
	"name, \"value\": percent 0-100}"
#define OP_BODY "{\"note\": string, ...} (see the operation)"
#define DOSSIER_OP(name, op, summary)                                         \
	{                                                                     \
		"POST", "/api/v1/dossiers/{code}/" name, h_dossier_op, BY_OP, \
			op, "dossiers", summary, NULL, OP_BODY                \
	}

const struct http_route http_routes[] = {
	{"GET", "/api/v1/units", h_units, ANY, -1, "catalogue",
	 "All units (agencies and administrative units)", NULL, NULL},
	{"GET", "/api/v1/units/{code}", h_unit, ANY, -1, "catalogue",
	 "One unit", NULL, NULL},
	{"GET", "/api/v1/procedures", h_procedures, ANY, -1, "catalogue",
	 "The procedure catalogue, searched without diacritics",
	 "q:words to find in the code or name (diacritics and case "
	 "ignored);field:field code;online:none|partial|full",
	 NULL},
	{"GET", "/api/v1/procedures/{code}", h_procedure, ANY, -1, "catalogue",
	 "One procedure", NULL, NULL},
	{"GET", "/api/v1/procedures/{code}/forms/{component}", h_procedure_form,
	 ANY, -1, "catalogue",
	 "The blank form of a procedure's component, to fill in", NULL, NULL},
	{"POST", "/api/v1/dossiers", h_register, BY_OP, OP_REGISTER, "dossiers",
	 "File a dossier online (no account); returns its code "
	 "and tracking secret",
	 NULL, "the filing in the national portal's format, without MaHoSo"},
	{"POST", "/api/v1/dossiers/receive", h_counter_filing, BY_OP, OP_ACCEPT,
	 "dossiers",
	 "Receive a filing at the counter (accept, refuse or ask for a "
	 "supplement); returns its code and tracking secret",
	 NULL,
	 "{\"decision\": \"accept|refuse|supplement\", \"note\": string, "
	 "\"filing\": {portal format}}"},
	{"GET", "/api/v1/dossiers", h_dossier_search, STAFF, -1, "dossiers",
	 "Search the dossiers of the account's units, by due time",
	 "unit:unit code (default: the account's);status:1-10;"
	 "q:words of the code, applicant name or ID;overdue:1 for open "
	 "and past due;limit:1-500 (default 50);offset:default 0;"
	 "by_unit:1 to count every hit per handling unit (by_unit)",
	 NULL},
	{"GET", "/api/v1/transfers", h_transfers_sent, STAFF, -1, "dossiers",
	 "The transfers the account's units sent to other units, newest "
	 "first, each with the dossier as it is now (to follow it up)",
	 "unit:unit code (default: the account's);limit:1-500 (default 100)",
	 NULL},
	{"GET", "/api/v1/dossiers/{code}", h_dossier_get, STAFF, -1, "dossiers",
	 "One dossier with its event log", NULL, NULL},
	{"POST", "/api/v1/dossiers/{code}/receive", h_dossier_op, BY_OP,
	 OP_ACCEPT, "dossiers",
	 "Receive an online registration: accept, refuse or ask for a "
	 "supplement",
	 NULL,
	 "{\"decision\": \"accept|refuse|supplement\", \"note\": string}"},
	DOSSIER_OP("start", OP_START, "Start processing"),
	DOSSIER_OP("transfer", OP_TRANSFER,
		   "Transfer to another unit ({\"to\": unit code})"),
	DOSSIER_OP("request-supplement", OP_REQUEST_SUPPLEMENT,
		   "Ask the applicant for a supplement; the clock pauses"),
	DOSSIER_OP("complete-supplement", OP_COMPLETE_SUPPLEMENT,
		   "The supplement arrived; the due date moves later"),
	DOSSIER_OP("request-financial", OP_REQUEST_FINANCIAL,
		   "Wait for the applicant's financial obligation"),
	DOSSIER_OP("fulfil-financial", OP_FULFIL_FINANCIAL,
		   "The financial obligation is fulfilled"),
	DOSSIER_OP("finish", OP_FINISH,
		   "The result is ready ({\"results\": [{\"name\", "
		   "\"code\", \"url\"}]})"),
	DOSSIER_OP("stop", OP_STOP,
		   "Refuse after appraisal ({\"note\": reason})"),
	DOSSIER_OP("return", OP_RETURN,
		   "Hand the result over ({\"by_post\": bool})"),
	DOSSIER_OP("withdraw", OP_WITHDRAW,
		   "The applicant withdraws the dossier"),
	DOSSIER_OP("reschedule", OP_RESCHEDULE,
		   "A new appointment for a late dossier, with the reason "
		   "({\"new_due\": \"YYYY-MM-DD HH:MM\", \"note\": reason}); "
		   "the due date stays, the dossier still counts late"),
	{"GET", "/api/v1/dossiers/{code}/forms/{form}", h_dossier_form, STAFF,
	 -1, "dossiers",
	 "A printed form of Circular 01/2018/TT-VPCP as PDF: {form} is "
	 "01.pdf (receipt), 02.pdf (supplement request), 03.pdf (refusal), "
	 "04.pdf (apology, new date) or 06.pdf (control slip)",
	 "paper:a4|a5 (default a4);secret:the tracking secret, printed on 01 "
	 "when it matches",
	 NULL},
	{"GET", "/api/v1/dossiers/{code}/files", h_dossier_files, STAFF, -1,
	 "files", "The files a dossier of the account's units refers to",
	 NULL, NULL},
	{"GET", "/api/v1/dossiers/{code}/files/{sha256}", h_dossier_file_get,
	 STAFF, -1, "files",
	 "Open (download) a file of a dossier of the account's units; every "
	 "opening is logged (who, when, which file)",
	 NULL, NULL},
	{"POST", "/api/v1/dossiers/{code}/files", h_dossier_file_upload, STAFF,
	 -1, "files",
	 "Attach a file to a dossier of the account's units (streamed to the "
	 "document store; limits per file and per dossier)",
	 "role:component|result|supplement (default component);"
	 "component:the procedure's component code",
	 "multipart/form-data with one file part named file"},
	{"POST", "/api/v1/public/uploads", h_upload_open, ANY, -1, "files",
	 "Open an upload for a filing in progress: its token, expiring "
	 "if unused",
	 NULL, NULL},
	{"GET", "/api/v1/public/uploads/{upload}", h_upload_get, ANY, -1,
	 "files", "The files of an upload, by component", NULL, NULL},
	{"POST", "/api/v1/public/uploads/{upload}/files", h_upload_file, ANY,
	 -1, "files",
	 "Send the file of one component to an upload (a second file for "
	 "the component replaces the first); the filing names the upload "
	 "(POST /api/v1/dossiers?upload=)",
	 "component:the procedure's component code",
	 "multipart/form-data with one file part named file"},
	{"PUT", "/api/v1/units/{code}/account", h_unit_account, ROLE_ADMIN,
	 -1, "payments",
	 "Set the bank account the unit (and the units below it without "
	 "one) collects fees into by VietQR",
	 NULL,
	 "{\"bin\": 6 digits, \"account\": string, \"holder\": the "
	 "account's name, unaccented}"},
	{"POST", "/api/v1/dossiers/{code}/vietqr", h_dossier_vietqr, STAFF, -1,
	 "payments",
	 "The VietQR of what the dossier owes: a pending bank-transfer order "
	 "for the exact amount to the unit's account, with its payload "
	 "(the same order on a second call)",
	 NULL, NULL},
	{"POST", "/api/v1/dossiers/{code}/cash", h_dossier_cash, STAFF, -1,
	 "payments",
	 "Cash taken by the cashier (a clerk of the dossier's units) for "
	 "exactly what it owes: paid, with its receipt",
	 NULL, "{\"amount\": whole dong}"},
	{"POST", "/api/v1/dossiers/{code}/obligation", h_dossier_obligation,
	 STAFF, -1, "payments",
	 "The tax authority's notice of a financial obligation: the dossier "
	 "waits for it (status 6) until it is paid",
	 NULL,
	 "{\"number\": string, \"date\": \"YYYY-MM-DD\", \"amount\": "
	 "whole dong, \"due\": \"YYYY-MM-DD\"}"},
	{"POST", "/api/v1/payments/reconcile", h_reconcile, STAFF, -1,
	 "payments",
	 "Reconcile a bank statement (the CSV file as the body): VietQR "
	 "orders paid by exact amount and dossier code; partial, double and "
	 "unmatched lines listed; a second run changes nothing",
	 NULL, "the statement's CSV bytes"},
	{"GET", "/api/v1/public/dossiers/{code}", h_public_dossier, ANY, -1,
	 "public", "Track a dossier with its secret (404 for a wrong secret)",
	 "secret:the tracking secret given at filing", NULL},
	{"GET", "/api/v1/public/dossiers/{code}/forms/{form}", h_public_form,
	 ANY, -1, "public",
	 "A printed form of one's dossier as PDF, with its secret (404 for "
	 "a wrong secret): {form} as for staff",
	 "secret:the tracking secret given at filing;paper:a4|a5", NULL},
	{"POST", "/api/v1/public/verify", h_public_verify, ANY, -1, "public",
	 "Check a signed result: who signed, when, whether the file is "
	 "intact and the signer chains to the province CA (the file "
	 "itself stays with the sender: its SHA-256 is enough)",
	 NULL,
	 "{\"sha256\": the file's SHA-256 in hex, \"signature\": the "
	 ".p7s in base64}"},
	{"GET", "/api/v1/public/verify", h_public_verify_held, ANY, -1,
	 "public",
	 "The electronic results this system issued, each checked against "
	 "its signature: who signed, when, intact, the result's name and "
	 "number",
	 "sha256:the file's SHA-256 (a file without its .p7s);code:a "
	 "dossier code (one of the two)",
	 NULL},
	{"GET", "/api/v1/public/dossiers/{code}/results/{file}",
	 h_public_result, ANY, -1, "public",
	 "An electronic result of one's dossier, or its signature (.p7s), "
	 "with its secret (404 for a wrong secret): {file} is the SHA-256 "
	 "the tracking answer gives",
	 "secret:the tracking secret given at filing", NULL},
	{"GET", "/api/v1/dossiers/{code}/results/{file}", h_dossier_result,
	 STAFF, -1, "dossiers",
	 "An electronic result of a dossier of the account's units, or its "
	 "signature (.p7s), by SHA-256",
	 NULL, NULL},
	{"POST", "/api/v1/public/dossiers/{code}/pay", h_pay, ANY, -1,
	 "payments",
	 "Pay a dossier's fees online: an order and the gateway's signed "
	 "payment URL to send the citizen to",
	 NULL, "{\"secret\": string, \"gateway\": name, \"lang\": vi|en}"},
	{"GET", "/api/v1/public/dossiers/{code}/payments", h_public_payments,
	 ANY, -1, "payments",
	 "What a dossier owes and has paid, its payments and receipts",
	 "secret:the tracking secret", NULL},
	{"GET", "/api/v1/public/dossiers/{code}/receipts/{order}",
	 h_public_receipt, ANY, -1, "payments",
	 "The electronic fee receipt of a paid order as PDF ({order}: N or "
	 "N.pdf)",
	 "secret:the tracking secret;paper:a5 (default) or a4", NULL},
	{"GET", "/api/v1/dossiers/{code}/payments", h_dossier_payments, STAFF,
	 -1, "payments", "A dossier's fees, payments and receipts", NULL, NULL},
	{"GET", "/api/v1/dossiers/{code}/receipts/{order}", h_dossier_receipt,
	 STAFF, -1, "payments", "The fee receipt of a paid order as PDF",
	 "paper:a5 (default) or a4", NULL},
	{"POST", "/api/v1/dossiers/{code}/receipts/{order}/cancel",
	 h_receipt_cancel, STAFF, -1, "payments",
	 "Cancel a receipt with its reason (kept, never deleted)", NULL,
	 "{\"reason\": string}"},
	{"POST", "/api/v1/dossiers/{code}/fees/exempt", h_fee_exempt, STAFF, -1,
	 "payments", "Exempt a dossier from a fee line, with its legal reason",
	 NULL, "{\"fee\": fee code, \"reason\": string}"},
	{"GET", "/api/v1/payments/vnpay/ipn", h_vnpay_ipn, ANY, -1, "payments",
	 "A payment gateway's server-to-server callback (VNPay 2.1.0), "
	 "answered {RspCode, Message}",
	 "vnp_*:the gateway's signed parameters", NULL},
	{"GET", "/api/v1/public/payments/vnpay/return", h_vnpay_return, ANY, -1,
	 "payments",
	 "The citizen back from the gateway: redirected to the tracking page",
	 "vnp_*:the gateway's signed parameters", NULL},
	{"GET", "/api/v1/calendar/holidays", h_holidays, ANY, -1, "calendar",
	 "Days off of a year and swapped working days, each with its "
	 "source (decision with its notice, rule, administrator row)",
	 "year:1900-2100", NULL},
	{"GET", "/api/v1/calendar/due", h_due, ANY, -1, "calendar",
	 "The due time of a limit counted from an instant",
	 "from:YYYY-MM-DD HH:MM (Vietnam time);days:0-3650;"
	 "limit_unit:working_days|calendar_days|working_hours;"
	 "unit:unit code for its office hours;explain:1 for the steps",
	 NULL},
	{"GET", "/api/v1/forms/settlement", h_form_settlement, ANY, -1,
	 "reports",
	 "The columns of form II.06a: key (the member of each row of "
	 "/reports/settlement), Vietnamese and English titles, type (count "
	 "or rate), shown (form, or figure: beside the form)",
	 NULL, NULL},
	{"GET", "/api/v1/forms/index", h_form_index, ANY, -1, "index",
	 "The columns of the service index: key (the member of each row of "
	 "/index, under indicators or groups for those parts), Vietnamese "
	 "and English titles, part (rank, score, group, indicator), type "
	 "(rank, points, rate) and, where one is needed, how it is counted",
	 NULL, NULL},
	{"GET", "/api/v1/reports/settlement", h_report_settlement, REPORTS, -1,
	 "reports", "Form II.06a by unit, as motcua report --format json",
	 "period:month:YYYY-MM|quarter:YYYYQn|half:YYYYHn|nine:YYYY|"
	 "year:YYYY;from:YYYY-MM-DD;to:YYYY-MM-DD;"
	 "cutoff:1-28 (default 15);unit:unit code (default: the "
	 "account's);by:unit|level|field|procedure (default unit);"
	 "restated:1 for merged units shown as their successors;"
	 "level:province|district|commune for every unit of that level;"
	 "min_resolved:1-1000000 resolved to be ranked (default 1);"
	 "format:json|csv|xlsx (default json; csv and xlsx: the bytes of "
	 "motcua report --format csv or xlsx, as an attachment);"
	 "figures:1 for the figure columns in the CSV (as --figures)",
	 NULL},
	{"GET", "/api/v1/reports/payments", h_report_payments, REPORTS, -1,
	 "reports",
	 "Payments and their amounts in a period, online and at the "
	 "counter, fees and financial obligations, per child unit, level or "
	 "method; the lines add up to the total",
	 "period:month:YYYY-MM|quarter:YYYYQn|... (default: the last month "
	 "ended);from:YYYY-MM-DD;to:YYYY-MM-DD;unit:unit code (default: the "
	 "account's);by:unit|level|method;format:json|csv",
	 NULL},
	{"GET", "/api/v1/reports/summary", h_report_summary, REPORTS, -1,
	 "reports",
	 "The period's results as the short Vietnamese release, as motcua "
	 "summary --format json (format=text: the text)",
	 "period:month:YYYY-MM|quarter:YYYYQn|half:YYYYHn|nine:YYYY|"
	 "year:YYYY (required);cutoff:1-28 (default 15);unit:unit code "
	 "(default: the account's);level:province|district|commune;"
	 "min_resolved:1-1000000 (default 1);format:json|text",
	 NULL},
	{"GET", "/api/v1/quality", h_quality, REPORTS, -1, "reports",
	 "Stored dossiers with anomalies (odd but usable times kept from "
	 "an import), as motcua quality --format json",
	 "period:month:YYYY-MM|quarter:YYYYQn|half:YYYYHn|nine:YYYY|"
	 "year:YYYY (default: every period);from:YYYY-MM-DD;to:YYYY-MM-DD;"
	 "cutoff:1-28 (default 15);unit:unit code (default: the "
	 "account's);format:json|csv (default json)",
	 NULL},
	{"GET", "/api/v1/public/statistics", h_public_statistics, ANY, -1,
	 "public",
	 "The province's published results (form II.06a "
	 "numbers by unit or level), no sign-in",
	 "period:month:YYYY-MM|quarter:YYYYQn|...;cutoff:1-28 (default 15);"
	 "by:unit|level (default unit);restated:0|1;format:json|csv|xlsx;"
	 "figures:0|1",
	 NULL},
	/* the service index (handlers_index.c) and what citizens send
	 * back (handlers_citizen.c) */
	{"GET", "/api/v1/index", h_index, REPORTS, -1, "index",
	 "The service index by unit or level, as motcua index --format json",
	 "period:month:YYYY-MM|quarter:YYYYQn|half:YYYYHn|year:YYYY "
	 "(calendar; default the last month);unit:unit code (default: the "
	 "account's);by:unit|level (default unit);min:dossiers a row needs "
	 "to be ranked (default 30);format:json|csv|xlsx (default json; "
	 "csv and xlsx: the bytes of motcua index --format csv or xlsx, "
	 "as an attachment)",
	 NULL},
	{"GET", "/api/v1/targets", h_targets_check, REPORTS, -1, "index",
	 "Targets against actual rates: unit, indicator, actual, target, "
	 "met, margin",
	 "period:a calendar period (default the last "
	 "month);unit:unit code (default: the account's)",
	 NULL},
	{"PUT", "/api/v1/targets", h_target_set, REPORTS, -1, "index",
	 "Set one target of a unit below yours (administrators: any unit "
	 "of theirs)",
	 NULL, TARGET_BODY},
	{"POST", "/api/v1/targets", h_target_set, REPORTS, -1, "index",
	 "Set one target (as PUT)", NULL, TARGET_BODY},
	{"POST", "/api/v1/targets/allocate", h_target_allocate, REPORTS, -1,
	 "index",
	 "Give every child unit its own copy of the unit's "
	 "targets for a period",
	 NULL, "{\"unit\": string, \"period\": string}"},
	{"GET", "/api/v1/publications/{period}", h_publication_get, ANY, -1,
	 "public",
	 "A published month (report and index) with its checksum "
	 "verified; 404 when not published",
	 NULL, NULL},
	{"POST", "/api/v1/publications", h_publish, ROLE_ADMIN, -1, "index",
	 "Publish a period: freeze its report and index (409 when "
	 "published already)",
	 NULL, "{\"period\": \"month:YYYY-MM\"}"},
	{"POST", "/api/v1/public/dossiers/{code}/rating", h_rating, ANY, -1,
	 "public",
	 "Rate a returned dossier once (satisfied, neutral, "
	 "dissatisfied); 409 before the result is returned or when rated",
	 NULL,
	 "{\"secret\": string, \"rating\": "
	 "\"satisfied|neutral|dissatisfied\"}"},
	{"POST", "/api/v1/public/feedback", h_feedback_submit, ANY, -1,
	 "public",
	 "Send feedback (phản ánh kiến nghị) about a unit or a "
	 "dossier",
	 NULL,
	 "{\"text\": string, \"unit\": code, or "
	 "\"dossier\": code with \"secret\"}"},
	{"GET", "/api/v1/feedback", h_feedback_list, STAFF, -1, "feedback",
	 "Feedback about the account's units, newest first",
	 "unit:unit code (default: the account's);open:1 for unanswered "
	 "only;limit:1-500 (default 100)",
	 NULL},
	{"POST", "/api/v1/feedback/{id}/answer", h_feedback_answer, STAFF, -1,
	 "feedback", "Answer feedback (409 when answered already)", NULL,
	 "{\"answer\": string, \"outcome\": string}"},
	{"GET", "/api/v1/qr.svg", h_qr_svg, ANY, -1, "meta",
	 "A QR code of a text (a receipt's tracking link) as SVG",
	 "text:1-512 bytes to encode", NULL},
	{"POST", "/api/v1/auth/login", h_login, ANY, -1, "auth",
	 "Sign in; sets the session cookie and returns the CSRF token", NULL,
	 "{\"username\": string, \"password\": string}"},
	{"POST", "/api/v1/auth/logout", h_logout, ANY, -1, "auth", "Sign out",
	 NULL, NULL},
	{"GET", "/api/v1/auth/me", h_me, ANY, -1, "auth",
	 "The signed-in account and its CSRF token (401 when none)", NULL,
	 NULL},
	{"GET", "/api/v1/openapi.json", h_openapi, ANY, -1, "meta",
	 "This document", NULL, NULL},
	{"GET", "/metrics", h_metrics, ANY, -1, "meta",
	 "Prometheus metrics: requests, latency, dossiers by status", NULL,
	 NULL},
	/* The web application (handlers_static.c); tag "web" keeps these
	 * out of the API document. Listed last: API paths match first. */
	{"GET", "/", h_static_index, ANY, -1, "web", "index.html", NULL, NULL},
	{"GET", "/{file}", h_static_file, ANY, -1, "web", "a page", NULL, NULL},
	{"GET", "/{dir}/{file}", h_static_nested, ANY, -1, "web",
	 "a style sheet or script", NULL, NULL},
};
const size_t http_n_routes = sizeof(http_routes) / sizeof(*http_routes);

/* Cut r's path into r->path_buf and match it against a pattern, filling
 * r->param. */
static bool match(struct http_req *r, const char *pattern)
{
	const char *p = pattern, *u = r->url;
	char *out = r->path_buf;
	size_t room = sizeof(r->path_buf);
	int n = 0;
	while (*p && *u) {
		if (*p == '{') {
			size_t len = strcspn(u, "/");
			if (!len || len >= room || n == HTTP_MAX_PARAMS)
				return false;
			memcpy(out, u, len);
			out[len] = '\0';
			r->param[n++] = out;
			out += len + 1;
			room -= len + 1;
			u += len;
			p = strchr(p, '}') + 1;
		} else if (*p++ != *u++) {
			return false;
		}
	}
	return !*p && !*u;
}

/* HEAD is GET without the body: MHD sends the headers (with the
 * Content-Length the body would have) and leaves the body out. */
static bool method_matches(const char *route, const char *method)
{
	return strcmp(route, method) == 0 ||
	       (strcmp(route, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

/* The route of r, or -1 with *path_known telling 405 from 404. */
static int find_route(struct http_req *r, bool *path_known, char *allow,
		      size_t allow_size)
{
	*path_known = false;
	allow[0] = '\0';
	for (size_t i = 0; i < http_n_routes; i++) {
		if (!match(r, http_routes[i].path))
			continue;
		if (method_matches(http_routes[i].method, r->method))
			return (int)i;
		*path_known = true;
		size_t len = strlen(allow);
		snprintf(allow + len, allow_size - len, "%s%s%s",
			 len ? ", " : "", http_routes[i].method,
			 strcmp(http_routes[i].method, "GET") ? "" : ", HEAD");
	}
	return -1;
}

unsigned http_route_roles(const struct http_route *rt)
{
	if (rt->roles != HTTP_ROLES_BY_OP)
		return rt->roles;
	unsigned roles = actor_op_roles((enum dossier_op)rt->op);
	return roles & ROLE_CITIZEN ? 0 : roles & ROLE_STAFF;
}

static bool changes_state(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") &&
	       strcmp(method, "OPTIONS");
}

/* Session, CSRF and role; false after answering. */
static bool admitted(struct http_req *r, const struct http_route *rt)
{
	struct mc_err err;
	if (http_session_load(r, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	if (r->signed_in && changes_state(r->method) && !http_csrf_ok(r)) {
		http_reply_error(r, 403, "csrf", "X-CSRF-Token",
				 "X-CSRF-Token: missing or not this "
				 "session's token");
		return false;
	}
	unsigned roles = http_route_roles(rt);
	if (!roles)
		return true;
	if (!r->signed_in) {
		r->reason = "signed_out";
		http_reply_error(r, 401, "unauthorized", "",
				 "sign in first (POST /api/v1/auth/login)");
		return false;
	}
	if (!(roles & r->user.role)) {
		http_reply_error(r, 403, "forbidden", "",
				 "your role may not do this");
		return false;
	}
	return true;
}

bool http_dispatch_stream(struct http_req *r)
{
	bool path_known;
	char allow[64];
	int route = find_route(r, &path_known, allow, sizeof(allow));
	if (route < 0 || !http_stream_route(&http_routes[route]))
		return false;
	r->route = route;
	r->app = http_pool_acquire(&r->srv->pool);
	if (admitted(r, &http_routes[route]))
		http_stream_start(r);
	http_pool_release(&r->srv->pool, r->app);
	r->app = NULL;
	return true;
}

void http_dispatch(struct http_req *r)
{
	bool path_known;
	char allow[64];
	r->route = find_route(r, &path_known, allow, sizeof(allow));
	if (r->route < 0 && path_known) {
		http_reply_error(r, 405, "method_not_allowed", "",
				 "%s is not allowed here; use %s", r->method,
				 allow);
		http_add_header(r, MHD_HTTP_HEADER_ALLOW, allow);
		return;
	}
	if (r->route < 0) {
		if (strncmp(r->url, "/api/", 5) == 0)
			http_reply_error(r, 404, "not_found", "",
					 "no such path");
		else
			http_page_not_found(r);
		return;
	}
	const struct http_route *rt = &http_routes[r->route];
	r->app = http_pool_acquire(&r->srv->pool);
	/* A read request sees one snapshot: its session, scope and data
	 * reads share one WAL read lock instead of taking one each. Writes
	 * keep their own transactions (the operations open them). */
	bool snapshot = (strcmp(r->method, "GET") == 0 ||
			 strcmp(r->method, "HEAD") == 0) &&
			app_read_begin(r->app);
	if (admitted(r, rt))
		rt->fn(r);
	app_read_end(r->app, snapshot);
	http_pool_release(&r->srv->pool, r->app);
	r->app = NULL;
}
