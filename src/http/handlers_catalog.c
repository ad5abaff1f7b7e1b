/*
 * handlers_catalog.c - the public catalogue: units and procedures, with
 * the procedure search that ignores diacritics and case.
 */
#include <stdlib.h>
#include <string.h>

#include "app/catalog.h"
#include "core/text.h"
#include "http/http_int.h"

static json_t *unit_json(const struct unit *u)
{
	return json_pack(
		"{s:s,s:s,s:o,s:i,s:s,s:o,s:o,s:o,s:o}", "code", u->code,
		"name", u->name ? u->name : "", "parent", http_str(u->parent),
		"level", (int)u->level, "level_name", unit_level_name(u->level),
		"valid_from", http_date(u->valid_from), "valid_to",
		http_date(u->valid_to), "successor", http_str(u->successor),
		"office_hours", http_str(u->office_hours));
}

static int add_unit(const struct unit *u, void *ctx)
{
	json_array_append_new(ctx, unit_json(u));
	return 0;
}

void h_units(struct http_req *r)
{
	struct mc_err err;
	json_t *a = json_array();
	if (app_unit_each(r->app, add_unit, a, &err)) {
		json_decref(a);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, json_pack("{s:o}", "units", a));
}

void h_unit(struct http_req *r)
{
	struct mc_err err;
	struct unit u;
	if (app_unit_get(r->app, r->param[0], &u, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, unit_json(&u));
	unit_release(&u);
}

/* The components a procedure asks for; a blank form is downloaded from
 * GET /api/v1/procedures/{code}/forms/{component}. */
static json_t *components_json(const struct procedure *p)
{
	json_t *a = json_array();
	for (size_t i = 0; i < p->n_components; i++) {
		const struct procedure_component *c = &p->components[i];
		json_array_append_new(
			a,
			json_pack("{s:s,s:s,s:b,s:b,s:i,s:b}", "code", c->code,
				  "name", c->name, "required", c->required,
				  "original", c->original, "copies", c->copies,
				  "form", c->form_sha256 != NULL));
	}
	return a;
}

static json_t *procedure_json(const struct procedure *p)
{
	json_t *fees = json_array(), *windows = json_array();
	for (size_t i = 0; i < p->n_fees; i++)
		json_array_append_new(
			fees, json_pack("{s:o,s:o,s:I,s:I}", "code",
					http_str(p->fees[i].code), "name",
					http_str(p->fees[i].name), "amount",
					(json_int_t)p->fees[i].amount,
					"online_amount",
					(json_int_t)p->fees[i].online_amount));
	for (size_t i = 0; i < p->n_online_only; i++)
		json_array_append_new(
			windows,
			json_pack("{s:o,s:o}", "from",
				  http_date(p->online_only[i].from), "to",
				  http_date(p->online_only[i].to)));
	return json_pack(
		"{s:s,s:s,s:o,s:o,s:{s:i,s:s},s:s,s:b,s:s,s:o,s:I,s:o,s:o}", "code",
		p->code, "name", p->name ? p->name : "", "field_code",
		http_str(p->field_code), "field_name", http_str(p->field_name),
		"limit", "value", p->limit_value, "unit",
		limit_unit_name(p->limit_unit), "online_level",
		online_level_name(p->online_level), "paper_result",
		p->paper_result, "pay_before", fee_due_name(p->fee_due), "fees",
		fees, "fee_total", (json_int_t)procedure_fee_total(p),
		"online_only", windows, "components", components_json(p));
}

struct proc_search {
	const char *query; /* folded, NULL: all */
	const char *field;
	int online; /* -1: any */
	json_t *items;
	bool oom;
};

static bool proc_matches(const struct proc_search *s, const struct procedure *p)
{
	if (s->field && strcmp(s->field, p->field_code ? p->field_code : ""))
		return false;
	if (s->online >= 0 && (int)p->online_level != s->online)
		return false;
	if (!s->query)
		return true;
	char *name = text_fold(p->name), *code = text_fold(p->code);
	bool ok = (name && text_match(name, s->query)) ||
		  (code && text_match(code, s->query));
	free(name);
	free(code);
	return ok;
}

static int add_procedure(const struct procedure *p, void *ctx)
{
	struct proc_search *s = ctx;
	if (proc_matches(s, p) &&
	    json_array_append_new(s->items, procedure_json(p)))
		s->oom = true;
	return s->oom;
}

static bool search_args(struct http_req *r, struct proc_search *s,
			char **folded)
{
	const char *q = http_query(r, "q"), *online = http_query(r, "online");
	*folded = NULL;
	s->field = http_query(r, "field");
	s->online = -1;
	if (online) {
		enum online_level l;
		struct mc_err err;
		if (online_level_parse(online, &l, "online", &err)) {
			http_reply_mc(r, &err);
			return false;
		}
		s->online = (int)l;
	}
	if (q && !(*folded = text_fold(q))) {
		http_reply_error(r, 400, "invalid_input", "q",
				 "q: is not valid UTF-8");
		return false;
	}
	s->query = *folded;
	return true;
}

void h_procedures(struct http_req *r)
{
	struct proc_search s = {0};
	struct mc_err err;
	char *folded;
	if (!search_args(r, &s, &folded))
		return;
	s.items = json_array();
	enum mc_code rc = app_procedure_each(r->app, add_procedure, &s, &err);
	free(folded);
	if (rc || s.oom) {
		json_decref(s.items);
		if (s.oom)
			mc_fail(&err, MC_ERR_NOMEM, "", "out of memory");
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200,
			json_pack("{s:I,s:o}", "total",
				  (json_int_t)json_array_size(s.items),
				  "procedures", s.items));
}

void h_procedure(struct http_req *r)
{
	struct mc_err err;
	struct procedure p;
	if (app_procedure_get(r->app, r->param[0], &p, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, procedure_json(&p));
	procedure_release(&p);
}
