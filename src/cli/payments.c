/*
 * payments.c - `motcua payments`: the accounts units collect fees into,
 * the VietQR of what a dossier owes, reconciling a bank statement, cash
 * taken at the counter. The command line acts as the operator, named
 * by --actor (else $USER) in the log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/counter.h"
#include "app/obligation.h"
#include "app/payment_report.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "core/str.h"
#include "io/payment_table.h"
#include "io/qr_png.h"
#include "io/reconcile_json.h"

struct args {
	const char *db, *unit, *bin, *account, *holder, *code, *png, *amount;
	const char *format, *actor, *period, *from, *to, *by, *out, *cutoff;
	const char *number, *date, *due;
	bool scan;
};

static int usage(void)
{
	return cli_usage(
		"usage: motcua payments COMMAND\n"
		"  account set --unit U --bin BIN --account ACCOUNT --holder "
		"NAME\n"
		"  account list\n"
		"  qr --code C [--png FILE]        the VietQR of what C owes\n"
		"  reconcile FILE [--format text|json]   a bank statement "
		"(CSV)\n"
		"  cash --code C --amount N        cash taken at the counter\n"
		"  obligation --code C --number N --date D --amount A --due D\n"
		"                                  the tax authority's notice\n"
		"  report [--period P | --from D --to D] [--unit U]\n"
		"         [--by unit|level|method] [--format "
		"text|json|csv|xlsx]\n"
		"         [--out FILE] [--cutoff DAY] [--scan]\n"
		"common: --db FILE, --actor NAME");
}

static struct actor operator_of(const struct args *a)
{
	const char *name = a->actor ? a->actor : getenv("USER");
	return ACTOR_OPERATOR(name ? name : "cli");
}

static int print_account(const struct bank_account *a, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\n", a->unit_code, a->bin, a->account, a->holder);
	return 0;
}

static int account(struct app *app, const char *what, const struct args *a)
{
	struct mc_err err = {0};
	if (strcmp(what, "list") == 0) {
		if (app_bank_account_each(app, print_account, NULL, &err))
			return cli_fail(&err);
		return 0;
	}
	if (strcmp(what, "set"))
		return usage();
	struct actor op = operator_of(a);
	struct bank_account acc = {.unit_code = (char *)a->unit,
				   .bin = (char *)a->bin,
				   .account = (char *)a->account,
				   .holder = (char *)a->holder};
	if (!a->unit)
		return cli_usage("--unit: is required");
	if (app_bank_account_set(app, &op, &acc, &err))
		return cli_fail(&err);
	return 0;
}

static int qr(struct app *app, const struct args *a)
{
	if (!a->code)
		return cli_usage("--code: is required");
	struct actor op = operator_of(a);
	struct vietqr_order o;
	struct mc_err err = {0};
	if (app_vietqr_order(app, &op, a->code, NULL, &o, &err))
		return cli_fail(&err);
	int status = 0;
	if (a->png && qr_png_write(o.payload, a->png, "png", &err))
		status = cli_fail(&err);
	if (!status)
		printf("%s\norder %lld: %lld VND to %s %s (%s), note %s\n",
		       o.payload, (long long)o.payment.id,
		       (long long)o.payment.amount, o.account.bin,
		       o.account.account, o.account.holder, o.note);
	vietqr_order_release(&o);
	return status;
}

static char *read_statement(const char *path, size_t *n, struct mc_err *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) != 0) {
		if (f)
			fclose(f);
		mc_fail(err, MC_ERR_IO, "statement",
			"statement: cannot open %s", path);
		return NULL;
	}
	if (st.st_size > STATEMENT_MAX_BYTES) {
		fclose(f);
		mc_fail(err, MC_ERR_TOO_LARGE, "statement",
			"statement: %lld bytes, at most %d",
			(long long)st.st_size, STATEMENT_MAX_BYTES);
		return NULL;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	*n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
	fclose(f);
	if (!buf)
		mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return buf;
}

struct listing {
	bool json;
	size_t n;
};

static int print_line(const struct reconcile_line *r, void *ctx)
{
	struct listing *l = ctx;
	char day[CIVIL_BUF];
	civil_format_date(r->line->day, day);
	if (!l->json) {
		printf("%d\t%s\t%lld\t%s\t%s\t%s\n", r->line->line, day,
		       (long long)r->line->amount,
		       reconcile_verdict_key(r->verdict), str_or_empty(r->code),
		       r->line->description);
		return 0;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	reconcile_json_line(&sb, r, l->n++ == 0);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return 0;
}

static int reconcile(struct app *app, const char *path, const struct args *a)
{
	struct mc_err err = {0};
	bool json = strcmp(a->format, "json") == 0;
	if (!json && strcmp(a->format, "text"))
		return cli_usage("--format: \"%s\" is not text or json",
				 a->format);
	size_t n = 0;
	char *text = read_statement(path, &n, &err);
	if (!text)
		return cli_fail(&err);
	struct statement s;
	statement_init(&s);
	enum mc_code rc = statement_parse(text, n, &s, &err);
	free(text);
	if (rc)
		return cli_fail(&err);
	struct actor op = operator_of(a);
	struct listing l = {json, 0};
	size_t counts[RECONCILE__COUNT];
	if (json)
		printf("{\"lines\":[");
	rc = app_reconcile(app, &op, &s, print_line, &l, counts, &err);
	size_t skipped = s.skipped;
	statement_release(&s);
	if (rc)
		return cli_fail(&err);
	if (json) {
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_puts(&sb, "],");
		reconcile_json_counts(&sb, counts, skipped);
		strbuf_puts(&sb, "}\n");
		fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_release(&sb);
		return 0;
	}
	for (int v = 0; v < RECONCILE__COUNT; v++)
		printf("%s%s %zu", v ? ", " : "# ", reconcile_verdict_key(v),
		       counts[v]);
	printf("\n");
	return 0;
}

static int cash(struct app *app, const struct args *a)
{
	struct mc_err err = {0};
	int64_t amount;
	if (!a->code)
		return cli_usage("--code: is required");
	if (vietqr_amount_parse(a->amount, &amount, "amount", &err))
		return cli_fail(&err);
	struct actor op = operator_of(a);
	struct payment p;
	if (app_cash_take(app, &op, a->code, amount, &p, &err))
		return cli_fail(&err);
	printf("order %lld: %lld VND paid in cash\n", (long long)p.id,
	       (long long)p.amount);
	payment_release(&p);
	return 0;
}

static int obligation(struct app *app, const struct args *a)
{
	struct mc_err err = {0};
	struct financial_notice n;
	financial_notice_init(&n);
	n.dossier_code = (char *)a->code;
	n.number = (char *)a->number;
	if (!a->code)
		return cli_usage("--code: is required");
	if (civil_parse_date(a->date, &n.notice_day, "date", &err) ||
	    civil_parse_date(a->due, &n.due_day, "due", &err) ||
	    vietqr_amount_parse(a->amount, &n.amount, "amount", &err))
		return cli_fail(&err);
	struct actor op = operator_of(a);
	struct dossier d;
	if (app_obligation_record(app, &op, &n, MC_NO_TIME, &d, &err))
		return cli_fail(&err);
	printf("%s: notice %s, %lld VND, status %d\n", d.code, n.number,
	       (long long)n.amount, (int)d.status);
	dossier_release(&d);
	return 0;
}

static int report_query(const struct args *a, struct pay_query *q)
{
	int cutoff = 15;
	memset(q, 0, sizeof(*q));
	q->unit = a->unit;
	if (cli_cutoff(a->cutoff, &cutoff))
		return 2;
	if (!a->by || strcmp(a->by, "unit") == 0)
		q->by = PAY_BY_UNIT;
	else if (strcmp(a->by, "level") == 0)
		q->by = PAY_BY_LEVEL;
	else if (strcmp(a->by, "method") == 0)
		q->by = PAY_BY_METHOD;
	else
		return cli_usage("--by: \"%s\" is not unit, level or method",
				 a->by);
	const char *f = a->format;
	if (strcmp(f, "text") && strcmp(f, "json") && strcmp(f, "csv") &&
	    strcmp(f, "xlsx"))
		return cli_usage("--format: \"%s\" is not text, json, csv or "
				 "xlsx",
				 f);
	if (strcmp(f, "xlsx") == 0 && !a->out)
		return cli_usage("--out: a workbook needs a file");
	return cli_period(a->from, a->to, a->period, cutoff, &q->period);
}

static int report(struct app *app, const struct args *a)
{
	struct pay_query q;
	int status = report_query(a, &q);
	if (status)
		return status;
	struct pay_table t;
	struct mc_err err = {0};
	enum mc_code rc = a->scan ? app_payment_report_scan(app, &q, &t, &err)
				  : app_payment_report(app, &q, &t, &err);
	if (rc)
		return cli_fail(&err);
	if (strcmp(a->format, "xlsx") == 0) {
		rc = pay_table_xlsx(&t, a->out, &err);
		pay_table_release(&t);
		return rc ? cli_fail(&err) : 0;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	if (strcmp(a->format, "json") == 0) {
		pay_table_json(&t, &sb);
		strbuf_puts(&sb, "\n");
	} else if (strcmp(a->format, "csv") == 0) {
		pay_table_csv(&t, &sb);
	} else {
		pay_table_text(&t, &sb);
	}
	pay_table_release(&t);
	FILE *out = a->out ? fopen(a->out, "wb") : stdout;
	bool ok = out && !sb.oom && fwrite(sb.buf, 1, sb.len, out) == sb.len;
	if (out && out != stdout)
		ok = fclose(out) == 0 && ok;
	strbuf_release(&sb);
	if (!ok) {
		mc_fail(&err, MC_ERR_IO, "out", "out: cannot write %s",
			a->out ? a->out : "the output");
		return cli_fail(&err);
	}
	return 0;
}

int cmd_payments(int argc, char **argv)
{
	struct args a = {.format = "text"};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},         {"unit", &a.unit, NULL},
		{"bin", &a.bin, NULL},       {"account", &a.account, NULL},
		{"holder", &a.holder, NULL}, {"code", &a.code, NULL},
		{"png", &a.png, NULL},       {"amount", &a.amount, NULL},
		{"format", &a.format, NULL}, {"actor", &a.actor, NULL},
		{"period", &a.period, NULL}, {"from", &a.from, NULL},
		{"to", &a.to, NULL},         {"by", &a.by, NULL},
		{"out", &a.out, NULL},       {"cutoff", &a.cutoff, NULL},
		{"scan", NULL, &a.scan},     {"number", &a.number, NULL},
		{"date", &a.date, NULL},     {"due", &a.due, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[3];
	size_t n = 0;
	int status = cli_parse(argc, argv, opts, pos, 3, &n);
	if (status)
		return status;
	if (n == 0)
		return usage();
	struct app app;
	struct mc_err err;
	if (cli_open_app(a.db, &app, &err))
		return cli_fail(&err);
	if (strcmp(pos[0], "account") == 0 && n == 2)
		status = account(&app, pos[1], &a);
	else if (strcmp(pos[0], "qr") == 0 && n == 1)
		status = qr(&app, &a);
	else if (strcmp(pos[0], "reconcile") == 0 && n == 2)
		status = reconcile(&app, pos[1], &a);
	else if (strcmp(pos[0], "cash") == 0 && n == 1)
		status = cash(&app, &a);
	else if (strcmp(pos[0], "obligation") == 0 && n == 1)
		status = obligation(&app, &a);
	else if (strcmp(pos[0], "report") == 0 && n == 1)
		status = report(&app, &a);
	else
		status = usage();
	app_close(&app);
	return status;
}
