/*
 * form.c - the printed forms of a dossier (app/form.h): who may print
 * which form, and what each form takes from the dossier and its event
 * log (the reason of a refusal, the officer who asked for a supplement,
 * the clerk who received it). The drawing is io/pdf_form.c's.
 */
#include "app/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dossier.h"
#include "core/civil.h"
#include "core/str.h"
#include "store/store.h"

/* The event log as the form prints it, with the strings it owns. */
struct log {
	struct form_step *steps;
	size_t n, cap;
	char **owned;
	size_t n_owned, cap_owned;
	bool oom;
};

static const char *keep(struct log *l, const char *s)
{
	if (!s)
		return NULL;
	char *copy = NULL,
	     **slot = ARRAY_PUSH(l->owned, l->n_owned, l->cap_owned);
	if (!slot || !str_set(&copy, s)) {
		l->oom = true;
		return NULL;
	}
	*slot = copy;
	return copy;
}

static void log_release(struct log *l)
{
	for (size_t i = 0; i < l->n_owned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->steps);
}

static int add_step(const struct dossier_event *ev, void *ctx)
{
	struct log *l = ctx;
	struct form_step *s = ARRAY_PUSH(l->steps, l->n, l->cap);
	if (!s) {
		l->oom = true;
		return 1;
	}
	s->at = ev->at;
	s->action = keep(l, ev->action);
	s->actor = keep(l, ev->actor);
	s->unit_name = keep(l, ev->unit_code); /* a code until named */
	s->note = keep(l, ev->note);
	s->old_status = ev->old_status;
	s->new_status = ev->new_status;
	return l->oom;
}

/* Each step's unit code replaced by the unit's name (the code stays
 * when the unit is unknown). */
static void name_units(struct app *app, struct log *l)
{
	const char *last_code = NULL, *last_name = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const char *code = l->steps[i].unit_name;
		if (!code)
			continue;
		if (!last_code || strcmp(code, last_code) != 0) {
			struct unit u;
			unit_init(&u);
			last_code = code;
			last_name = code;
			if (store_unit_get(app->st, code, &u, NULL) == MC_OK &&
			    u.name)
				last_name = keep(l, u.name);
			unit_release(&u);
		}
		l->steps[i].unit_name = last_name;
	}
}

/* The last step whose action is one of `actions` (NULL-terminated). */
static const struct form_step *last_step(const struct log *l,
					 const char *const *actions)
{
	for (size_t i = l->n; i-- > 0;)
		for (const char *const *a = actions; *a; a++)
			if (l->steps[i].action &&
			    strcmp(l->steps[i].action, *a) == 0)
				return &l->steps[i];
	return NULL;
}

static bool reschedule_note(const char *note, int64_t *when,
			    const char **reason);

/* A reschedule step's note as the control slip prints it. */
static void reschedule_notes(struct log *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct form_step *s = &l->steps[i];
		int64_t when;
		const char *reason;
		if (!s->action || strcmp(s->action, "reschedule") != 0 ||
		    !reschedule_note(s->note, &when, &reason))
			continue;
		char buf[CIVIL_BUF];
		struct strbuf sb;
		strbuf_init(&sb);
		civil_format_local(when, buf);
		/* YYYY-MM-DD HH:MM as dd/mm/yyyy HH:MM */
		strbuf_addf(&sb, "Hẹn lại %.2s/%.2s/%.4s %s. %s", buf + 8,
			    buf + 5, buf, buf + 11, reason);
		s->note = keep(l, sb.buf);
		strbuf_release(&sb);
	}
}

static enum mc_code wrong_state(enum form_kind k, const struct dossier *d,
				const char *needs, struct mc_err *err)
{
	return mc_fail(err, MC_ERR_STATE, "form",
		       "form: %s needs %s; dossier %s is in status %d (%s)",
		       form_kind_number(k), needs, d->code, (int)d->status,
		       dossier_status_name(d->status));
}

/* ---- what each form takes from the log ---------------------------------- */

static const char *const receipt_acts[] = {"accept", NULL};
static const char *const supplement_acts[] = {"request-supplement",
					      "ask-supplement", NULL};
static const char *const refusal_acts[] = {"refuse", "stop", NULL};
static const char *const reschedule_acts[] = {"reschedule", NULL};

/* The new date and the reason of a reschedule step's note
 * (RESCHEDULE_PREFIX "YYYY-MM-DD HH:MM: reason"); false when the note is
 * not of that shape. */
static bool reschedule_note(const char *note, int64_t *when,
			    const char **reason)
{
	size_t n = strlen(RESCHEDULE_PREFIX);
	char stamp[17];
	if (!note || strncmp(note, RESCHEDULE_PREFIX, n) != 0 ||
	    strlen(note) < n + 18 || strncmp(note + n + 16, ": ", 2) != 0)
		return false;
	memcpy(stamp, note + n, 16);
	stamp[16] = '\0';
	*reason = note + n + 18;
	return civil_parse_local(stamp, when, "new_due", NULL) == MC_OK;
}

static enum mc_code pick_content(struct form_input *in, const struct log *l,
				 struct mc_err *err)
{
	const struct dossier *d = in->d;
	const struct form_step *s = NULL;
	switch (in->kind) {
	case FORM_RECEIPT:
		if (d->received == MC_NO_TIME)
			return wrong_state(in->kind, d, "a received dossier",
					   err);
		s = last_step(l, receipt_acts);
		break;
	case FORM_SUPPLEMENT:
		s = last_step(l, supplement_acts);
		if (!s)
			return wrong_state(in->kind, d, "a supplement request",
					   err);
		break;
	case FORM_REFUSAL:
		s = last_step(l, refusal_acts);
		if (!s ||
		    (d->status != ST_NOT_ACCEPTED && d->status != ST_STOPPED))
			return wrong_state(in->kind, d,
					   "a refused dossier (status 3 or 8)",
					   err);
		break;
	case FORM_APOLOGY:
		s = last_step(l, reschedule_acts);
		if (!s || !reschedule_note(s->note, &in->new_due, &in->note))
			return wrong_state(in->kind, d,
					   "a new appointment recorded "
					   "(reschedule)",
					   err);
		in->signer = s->actor;
		in->note_at = s->at;
		return MC_OK;
	case FORM_CONTROL: break;
	}
	if (s) {
		in->signer = s->actor;
		in->note = s->note;
		in->note_at = s->at;
	}
	return MC_OK;
}

static const char *limit_words(enum limit_unit u)
{
	switch (u) {
	case LIMIT_WORKING_DAYS: return "ngày làm việc";
	case LIMIT_WORKING_HOURS: return "giờ làm việc";
	default: return "ngày";
	}
}

/* The handling unit's name, its parent's, the procedure's time limit. */
static void describe(struct app *app, const struct dossier *d, struct log *l,
		     struct form_input *in, char *limit, size_t n)
{
	struct unit u, parent;
	unit_init(&u);
	unit_init(&parent);
	in->unit_name = d->unit_code;
	if (store_unit_get(app->st, d->unit_code, &u, NULL) == MC_OK) {
		in->unit_name = keep(l, u.name);
		if (u.parent &&
		    store_unit_get(app->st, u.parent, &parent, NULL) == MC_OK)
			in->authority = keep(l, parent.name);
	}
	unit_release(&u);
	unit_release(&parent);
	struct procedure p;
	procedure_init(&p);
	if (d->procedure_code &&
	    store_procedure_get(app->st, d->procedure_code, &p, NULL) ==
		    MC_OK &&
	    p.limit_value > 0) {
		snprintf(limit, n, "%d %s", p.limit_value,
			 limit_words(p.limit_unit));
		in->time_limit = limit;
	}
	procedure_release(&p);
}

static void verify_url(const struct form_request *req, const char *code,
		       struct strbuf *sb)
{
	static const char hex[] = "0123456789ABCDEF";
	/* the public verification page: anyone checks the dossier's
	 * electronic results there, and the secret goes on to tracking */
	strbuf_puts(sb, req->base_url);
	if (sb->len && sb->buf[sb->len - 1] != '/')
		strbuf_puts(sb, "/");
	strbuf_puts(sb, "verify.html?code=");
	for (const unsigned char *c = (const unsigned char *)code; *c; c++) {
		if ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= 'a' && *c <= 'z') || strchr("-._~", *c)) {
			strbuf_add(sb, (const char *)c, 1);
		} else {
			char esc[3] = {'%', hex[*c >> 4], hex[*c & 15]};
			strbuf_add(sb, esc, 3);
		}
	}
	if (!str_empty(req->secret)) {
		strbuf_puts(sb, "&secret=");
		strbuf_puts(sb, req->secret); /* hexadecimal */
	}
}

static enum mc_code render(struct app *app, const struct form_request *req,
			   const struct dossier *d, struct strbuf *out,
			   struct form_info *info, struct mc_err *err)
{
	struct log l = {0};
	struct form_input in = {.kind = req->kind, .paper = req->paper, .d = d};
	char limit[64], hash[129];
	struct strbuf url;
	strbuf_init(&url);
	enum mc_code rc = store_event_each(app->st, d->code, add_step, &l, err);
	if (!rc && l.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc) {
		name_units(app, &l);
		/* the citizen's slip names units, not staff (as tracking) */
		for (size_t i = 0; (req->actor->role & ROLE_CITIZEN) && i < l.n;
		     i++)
			l.steps[i].actor = NULL;
		describe(app, d, &l, &in, limit, sizeof(limit));
		in.steps = l.steps;
		in.n_steps = l.n;
		in.printed_at = app_now(app);
		in.secret = req->secret;
		in.secret_issued =
			store_dossier_secret_get(app->st, d->code, hash,
						 sizeof(hash), NULL) == MC_OK &&
			strlen(hash) == 64;
		if (req->base_url && req->kind == FORM_RECEIPT) {
			verify_url(req, d->code, &url);
			in.tracking_url = url.buf;
		}
		rc = pick_content(&in, &l, err);
		reschedule_notes(&l);
	}
	if (!rc)
		rc = form_pdf_write(&in, out, info, err);
	strbuf_release(&url);
	log_release(&l);
	return rc;
}

enum mc_code app_form(struct app *app, const struct form_request *req,
		      struct strbuf *out, struct form_info *info,
		      struct mc_err *err)
{
	if (!form_kind_number(req->kind))
		return mc_fail(err, MC_ERR_INPUT, "form",
			       "form: give one of 01, 02, 03, 04, 06");
	/* who may see the dossier may print it; a secret given must be
	 * its own */
	struct dossier d;
	const struct dossier_read rq = {
		.actor = req->actor, .code = req->code, .secret = req->secret};
	bool opened = store_read_begin(app->st);
	enum mc_code rc =
		app_dossier_read(app, &rq, &d, req->secret_checked, err);
	if (!rc) {
		rc = render(app, req, &d, out, info, err);
		dossier_release(&d);
	}
	store_read_end(app->st, opened);
	return rc;
}
