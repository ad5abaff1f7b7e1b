/*
 * dossier.c - `motcua dossier OPERATION`: every lifecycle operation from
 * the command line, plus `show`. A new filing is given as one JSON object
 * in the national portal's format (--file F, "-" for standard input).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/dossier.h"
#include "app/files.h"
#include "app/form.h"
#include "app/pki.h"
#include "app/result.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "core/str.h"
#include "io/filing.h"
#include "io/portal.h"

struct args {
	const char *db, *code, *file, *at, *actor, *note, *to;
	const char *result, *result_url, *result_code, *result_file;
	const char *files, *pki;
	const char *form, *out, *paper, *base_url, *new_date;
	bool accept, refuse, supplement, by_post;
};

static const struct {
	const char *name;
	enum dossier_op op;
} simple_ops[] = {
	{"register", OP_REGISTER},
	{"start", OP_START},
	{"transfer", OP_TRANSFER},
	{"request-supplement", OP_REQUEST_SUPPLEMENT},
	{"complete-supplement", OP_COMPLETE_SUPPLEMENT},
	{"request-financial", OP_REQUEST_FINANCIAL},
	{"fulfil-financial", OP_FULFIL_FINANCIAL},
	{"finish", OP_FINISH},
	{"stop", OP_STOP},
	{"return", OP_RETURN},
	{"withdraw", OP_WITHDRAW},
	{"reschedule", OP_RESCHEDULE},
};

static int help(void)
{
	puts("usage: motcua dossier OPERATION [options] [--db FILE]\n"
	     "  register --file FILING.json           file online (status 1)\n"
	     "  receive (--code C | --file F) --accept | --refuse --note R |"
	     " --supplement --note R\n"
	     "  start --code C                        start processing\n"
	     "  transfer --code C --to UNIT [--note]\n"
	     "  request-supplement --code C --note R  pause the clock\n"
	     "  complete-supplement --code C          due date moves later\n"
	     "  request-financial --code C / fulfil-financial --code C\n"
	     "  finish --code C [--result NAME [--result-code X]"
	     " [--result-url URL]]\n"
	     "  finish --code C --result-file F [--result NAME] [--result-code "
	     "X]"
	     "\n"
	     "                                        the electronic result: F"
	     " signed by the unit's key\n"
	     "                                        (--files DIR, --pki "
	     "DIR)\n"
	     "  stop --code C --note R                refuse after appraisal\n"
	     "  return --code C [--by-post]\n"
	     "  withdraw --code C [--note R]\n"
	     "  reschedule --code C --new-date 'YYYY-MM-DD HH:MM' --note R\n"
	     "                                        new appointment of a late"
	     " dossier (form 04)\n"
	     "  show --code C                         the dossier and its log\n"
	     "  form --code C --form 01|02|03|04|06 --out F.pdf [--paper a4|a5]"
	     " [--base-url URL]\n"
	     "                                        the printed form (PDF)\n"
	     "common: --at 'YYYY-MM-DD HH:MM' (default now), --actor NAME");
	return 0;
}

static char *read_all(const char *path, size_t *len, struct mc_err *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		mc_fail(err, MC_ERR_IO, "file", "file: cannot open %s", path);
		return NULL;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	       sb.len <= PORTAL_MAX_LINE)
		strbuf_add(&sb, chunk, n);
	if (f != stdin)
		fclose(f);
	if (sb.len > PORTAL_MAX_LINE) {
		mc_fail(err, MC_ERR_TOO_LARGE, "file",
			"file: a filing is limited to %zu bytes",
			PORTAL_MAX_LINE);
		strbuf_release(&sb);
		return NULL;
	}
	if (sb.oom || !sb.buf) {
		mc_fail(err, sb.oom ? MC_ERR_NOMEM : MC_ERR_INPUT, "file",
			"file: %s is empty", path);
		strbuf_release(&sb);
		return NULL;
	}
	*len = sb.len;
	return sb.buf;
}

static void print_dossier(const struct dossier *d)
{
	char due[CIVIL_BUF];
	printf("%s\t%d\t%s\t%s\n", d->code, (int)d->status,
	       dossier_status_name(d->status),
	       d->due == MC_NO_TIME ? "-" : civil_format_local(d->due, due));
}

/* One line of the log, kept to print after the dossier. */
static int event_line(const struct dossier_event *ev, void *ctx)
{
	char at[CIVIL_BUF];
	strbuf_addf(ctx, "%s\t%s\t%s\t%d->%d\t%s\t%s\n",
		    civil_format_local(ev->at, at), str_or_empty(ev->action),
		    str_or_empty(ev->unit_code), ev->old_status, ev->new_status,
		    str_or_empty(ev->actor), str_or_empty(ev->note));
	return 0;
}

/* Where the dossier came from, and what is odd about it. */
static void print_provenance(const struct dossier *d)
{
	char at[CIVIL_BUF];
	printf("origin: %s (%s)", dossier_origin_key(d->origin),
	       dossier_origin_name(d->origin));
	if (d->origin == ORIGIN_IMPORT)
		printf(", file %s, imported %s",
		       d->import_file ? d->import_file : "-",
		       d->imported_at == MC_NO_TIME
			       ? "-"
			       : civil_format_local(d->imported_at, at));
	printf("\n");
	unsigned set = dossier_anomalies(d);
	const struct dossier_anomaly_kind *kind;
	while ((kind = dossier_anomaly_next(&set, NULL)))
		printf("anomaly: %s (%s / %s): %s\n", kind->key, kind->label,
		       kind->nhan, kind->fields);
}

static int show(struct app *app, const struct args *a)
{
	struct mc_err err;
	struct dossier d;
	struct strbuf log, sb;
	if (!a->code)
		return cli_usage("show needs --code");
	const char *name = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(name ? name : "cli");
	const struct dossier_read rq = {.actor = &actor,
					.code = a->code,
					.events = event_line,
					.ctx = &log};
	strbuf_init(&log);
	if (app_dossier_read(app, &rq, &d, NULL, &err)) {
		strbuf_release(&log);
		return cli_fail(&err);
	}
	strbuf_init(&sb);
	portal_dossier_write(&d, &sb);
	printf("%s\n", str_or_empty(sb.buf));
	strbuf_release(&sb);
	print_provenance(&d);
	dossier_release(&d);
	bool oom = log.oom;
	fputs(str_or_empty(log.buf), stdout);
	strbuf_release(&log);
	if (oom) {
		mc_fail(&err, MC_ERR_NOMEM, "", "out of memory");
		return cli_fail(&err);
	}
	return 0;
}

static bool paper_of(const char *s, enum form_paper *out)
{
	if (!s || strcmp(s, "a4") == 0 || strcmp(s, "A4") == 0)
		*out = PAPER_A4;
	else if (strcmp(s, "a5") == 0 || strcmp(s, "A5") == 0)
		*out = PAPER_A5;
	else
		return false;
	return true;
}

static int write_file(const char *path, const struct strbuf *sb)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	bool ok = f && fwrite(sb->buf, 1, sb->len, f) == sb->len;
	if (f && f != stdout)
		ok = fclose(f) == 0 && ok;
	if (ok)
		return 0;
	struct mc_err err;
	mc_fail(&err, MC_ERR_IO, "out", "out: cannot write %s", path);
	return cli_fail(&err);
}

/* The operator prints any dossier's form; the tracking secret is not
 * printed (only its hash is stored), the QR goes to --base-url. */
static int form(struct app *app, const struct args *a)
{
	struct form_request req = {.code = a->code, .base_url = a->base_url};
	if (!a->code || !a->form || !a->out)
		return cli_usage("form needs --code, --form and --out");
	req.kind = form_kind_parse(a->form);
	if (!req.kind)
		return cli_usage("form: give one of 01, 02, 03, 04, 06");
	if (!paper_of(a->paper, &req.paper))
		return cli_usage("paper: give a4 or a5");
	const char *name = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(name ? name : "cli");
	req.actor = &actor;
	struct strbuf sb;
	struct mc_err err;
	strbuf_init(&sb);
	int status = app_form(app, &req, &sb, NULL, &err)
			     ? cli_fail(&err)
			     : write_file(a->out, &sb);
	strbuf_release(&sb);
	return status;
}

static int decide_receive(const struct args *a, enum dossier_op *op)
{
	int n = a->accept + a->refuse + a->supplement;
	if (n != 1)
		return cli_usage("receive needs exactly one of --accept, "
				 "--refuse, --supplement");
	*op = a->accept   ? OP_ACCEPT
	      : a->refuse ? OP_REFUSE
			  : OP_ASK_SUPPLEMENT_AT_RECEPTION;
	return 0;
}

static int find_op(const char *name, const struct args *a, enum dossier_op *op)
{
	if (strcmp(name, "receive") == 0)
		return decide_receive(a, op);
	for (size_t i = 0; i < sizeof(simple_ops) / sizeof(*simple_ops); i++)
		if (strcmp(name, simple_ops[i].name) == 0) {
			*op = simple_ops[i].op;
			return 0;
		}
	return cli_usage("unknown dossier operation \"%s\"", name);
}

/* Fill the request from the arguments; the filing, when there is one,
 * goes into *filing. Returns an exit status. */
static int build(const struct args *a, enum dossier_op op,
		 struct op_request *req, struct dossier *filing,
		 struct dossier_result *result)
{
	struct mc_err err;
	req->params.op = op;
	req->params.at = MC_NO_TIME;
	req->params.note = a->note;
	req->params.to_unit = a->to;
	req->params.delivery = a->by_post ? DELIVERY_POST : DELIVERY_COUNTER;
	req->code = a->code;
	if (a->at && civil_parse_local(a->at, &req->params.at, "at", &err))
		return cli_fail(&err);
	req->params.new_due = MC_NO_TIME;
	if (a->new_date && civil_parse_local(a->new_date, &req->params.new_due,
					     "new-date", &err))
		return cli_fail(&err);
	if (op == OP_TRANSFER && !a->to)
		return cli_usage("transfer needs --to UNIT");
	if (a->result) {
		result->name = (char *)a->result;
		result->code = (char *)a->result_code;
		result->url = (char *)a->result_url;
		req->params.results = result;
		req->params.n_results = 1;
	}
	if (a->code && a->file)
		return cli_usage("give either --code or --file, not both");
	if (a->code)
		return 0;
	if (!a->file)
		return cli_usage("%s needs --code (or --file for a new filing)",
				 dossier_op_name(op));
	size_t len;
	char *text = read_all(a->file, &len, &err);
	if (!text)
		return cli_fail(&err);
	enum mc_code rc = filing_parse(
		text, len, op == OP_REGISTER ? FILING_ONLINE : FILING_COUNTER,
		filing, &err);
	free(text);
	if (rc)
		return cli_fail(&err);
	req->filing = filing;
	return 0;
}

/* finish --result-file F: the document store and the key directory
 * opened for the app, F signed and kept as the electronic result. */
static int finish_signed(struct app *app, const struct args *a,
			 struct op_request *req)
{
	struct mc_err err = {0};
	char dir[4096];
	if (req->params.op != OP_FINISH)
		return cli_usage("--result-file goes with finish");
	if (a->result_url)
		return cli_usage(
			"give --result-file or --result-url, not both");
	req->params.results = NULL;
	req->params.n_results = 0;
	int fd = open(a->result_file, O_RDONLY | O_CLOEXEC);
	enum mc_code rc = MC_OK;
	if (fd < 0)
		rc = mc_fail(&err, MC_ERR_INPUT, "result-file",
			     "result-file: %s: %m", a->result_file);
	if (!rc)
		rc = app_files_open(
			app, cli_files_dir(a->db, a->files, dir, sizeof(dir)),
			&err);
	if (!rc)
		rc = app_pki_open(app,
				  cli_pki_dir(a->db, a->pki, dir, sizeof(dir)),
				  false, &err);
	struct result_doc doc = {a->result, a->result_code, fd, a->result_file,
				 NULL};
	struct dossier out;
	if (!rc)
		rc = app_finish_signed(app, req, &doc, 1, &out, &err);
	if (fd >= 0)
		close(fd);
	if (rc)
		return cli_fail(&err);
	print_dossier(&out);
	for (size_t i = 0; i < out.n_results; i++)
		if (out.results[i].signature)
			printf("result\t%s\t%s\n", out.results[i].file,
			       out.results[i].signature);
	dossier_release(&out);
	return 0;
}

/* The command line acts as the operator: whoever can write the database
 * file can do anything to it, so every operation on every unit is open
 * to it, and the log records the name given with --actor (else $USER). */
static int run_op(struct app *app, const char *name, const struct args *a)
{
	enum dossier_op op = OP__COUNT;
	int status = find_op(name, a, &op);
	if (status)
		return status;
	struct op_request req = {0};
	struct dossier filing, out;
	struct dossier_result result = {0};
	struct mc_err err;
	const char *name_given = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(name_given ? name_given : "cli");
	req.actor = &actor;
	dossier_init(&filing);
	status = build(a, op, &req, &filing, &result);
	if (!status && a->result_file) {
		status = finish_signed(app, a, &req);
	} else if (!status) {
		if (app_lifecycle(app, &req, &out, &err)) {
			status = cli_fail(&err);
		} else {
			print_dossier(&out);
			dossier_release(&out);
		}
	}
	dossier_release(&filing);
	return status;
}

int cmd_dossier(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0)
		return argc < 2 ? (help(), 2) : help();
	struct args a = {0};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"code", &a.code, NULL},
		{"file", &a.file, NULL},
		{"at", &a.at, NULL},
		{"actor", &a.actor, NULL},
		{"note", &a.note, NULL},
		{"to", &a.to, NULL},
		{"result", &a.result, NULL},
		{"result-url", &a.result_url, NULL},
		{"result-code", &a.result_code, NULL},
		{"result-file", &a.result_file, NULL},
		{"files", &a.files, NULL},
		{"pki", &a.pki, NULL},
		{"form", &a.form, NULL},
		{"out", &a.out, NULL},
		{"paper", &a.paper, NULL},
		{"base-url", &a.base_url, NULL},
		{"new-date", &a.new_date, NULL},
		{"accept", NULL, &a.accept},
		{"refuse", NULL, &a.refuse},
		{"supplement", NULL, &a.supplement},
		{"by-post", NULL, &a.by_post},
		{NULL, NULL, NULL},
	};
	int status = cli_parse(argc - 1, argv + 1, opts, NULL, 0, NULL);
	if (status)
		return status;
	struct app app;
	struct mc_err err;
	if (cli_open_app(a.db, &app, &err))
		return cli_fail(&err);
	if (strcmp(argv[1], "show") == 0)
		status = show(&app, &a);
	else if (strcmp(argv[1], "form") == 0)
		status = form(&app, &a);
	else
		status = run_op(&app, argv[1], &a);
	app_close(&app);
	return status;
}
