/*
 * handlers_meta.c - the OpenAPI 3.0 document, generated from the route
 * table the router uses (the response schemas of the report and the index
 * from their column tables, core/report_columns and core/index_columns),
 * those columns for the pages, and the Prometheus metrics.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/dossier.h"
#include "core/index_columns.h"
#include "core/report_columns.h"
#include "http/http_int.h"

static void add_path_params(json_t *params, const char *path)
{
	for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
		const char *end = strchr(p, '}');
		json_array_append_new(
			params,
			json_pack("{s:s%,s:s,s:b,s:{s:s}}", "name", p + 1,
				  (size_t)(end - p - 1), "in", "path",
				  "required", 1, "schema", "type", "string"));
	}
}

/* "name:description;..." into query parameters. */
static void add_query_params(json_t *params, const char *q)
{
	while (q && *q) {
		size_t len = strcspn(q, ";");
		const char *colon = memchr(q, ':', len);
		size_t name_len = colon ? (size_t)(colon - q) : len;
		const char *desc = colon ? colon + 1 : "";
		size_t desc_len = colon ? len - name_len - 1 : 0;
		json_array_append_new(params,
				      json_pack("{s:s%,s:s,s:b,s:s%,s:{s:s}}",
						"name", q, name_len, "in",
						"query", "required", 0,
						"description", desc, desc_len,
						"schema", "type", "string"));
		q += len + (q[len] == ';');
	}
}

static json_t *responses(const struct http_route *rt)
{
	json_t *o =
		json_pack("{s:{s:s},s:{s:s,s:{s:{s:{s:s}}}}}", "200",
			  "description", "success", "default", "description",
			  "an error", "content", "application/json", "schema",
			  "$ref", "#/components/schemas/Error");
	const char *schema =
		rt->fn == h_report_settlement || rt->fn == h_public_statistics
			? "SettlementReport"
		: rt->fn == h_index          ? "IndexTable"
		: rt->fn == h_report_summary ? "Summary"
					     : NULL;
	if (schema) {
		char ref[96];
		snprintf(ref, sizeof(ref), "#/components/schemas/%s", schema);
		json_object_set_new(o, "200",
				    json_pack("{s:s,s:{s:{s:{s:s}}}}",
					      "description", schema, "content",
					      "application/json", "schema",
					      "$ref", ref));
	}
	if (rt->fn == h_register || rt->fn == h_counter_filing)
		json_object_set_new(o, "201",
				    json_pack("{s:s}", "description",
					      "filed: code and secret"));
	return o;
}

static json_t *operation(const struct http_route *rt, size_t i)
{
	json_t *params = json_array();
	char id[96];
	snprintf(id, sizeof(id), "%s_%zu", rt->tag, i);
	add_path_params(params, rt->path);
	add_query_params(params, rt->query);
	json_t *op =
		json_pack("{s:s,s:[s],s:s,s:o,s:o}", "summary", rt->summary,
			  "tags", rt->tag, "operationId", id, "parameters",
			  params, "responses", responses(rt));
	if (rt->body)
		json_object_set_new(op, "requestBody",
				    json_pack("{s:s,s:b,s:{s:{s:{s:s}}}}",
					      "description", rt->body,
					      "required", 0, "content",
					      "application/json", "schema",
					      "type", "object"));
	if (http_route_roles(rt))
		json_object_set_new(op, "security",
				    json_pack("[{s:[]}]", "session"));
	return op;
}

/* One row of form II.06a: key, name and every column of the table. */
static json_t *settlement_row_schema(void)
{
	json_t *props = json_pack("{s:{s:s},s:{s:s}}", "key", "type", "string",
				  "name", "type", "string");
	json_t *required = json_pack("[s,s]", "key", "name");
	for (size_t i = 0; i < REPORT_N_COLUMNS; i++) {
		const struct report_column *c = &report_columns[i];
		char desc[160];
		snprintf(desc, sizeof(desc), "%s (%s)", c->title_en,
			 c->title_vi);
		json_t *p =
			c->type == REPORT_COL_RATE
				? json_pack("{s:s,s:b,s:s}", "type", "number",
					    "nullable", 1, "description", desc)
				: json_pack("{s:s,s:s}", "type", "integer",
					    "description", desc);
		json_object_set_new(props, c->key, p);
		json_array_append_new(required, json_string(c->key));
	}
	return json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties",
			 props, "required", required, "additionalProperties",
			 0);
}

/* Shorthands for the schemas below. */
static json_t *of_type(const char *type)
{
	return json_pack("{s:s}", "type", type);
}

static json_t *nullable(const char *type)
{
	return json_pack("{s:s,s:b}", "type", type, "nullable", 1);
}

static json_t *ref(const char *name)
{
	char r[96];
	snprintf(r, sizeof(r), "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", r);
}

/* An object of props whose members are all required. */
static json_t *object(json_t *props)
{
	json_t *required = json_array();
	const char *key;
	json_t *v;
	json_object_foreach (props, key, v)
		json_array_append_new(required, json_string(key));
	return json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties",
			 props, "required", required, "additionalProperties",
			 0);
}

/* A member some answers leave out: listed, not required. */
static json_t *with_optional(json_t *obj, const char *key, json_t *schema)
{
	json_object_set_new(json_object_get(obj, "properties"), key, schema);
	return obj;
}

/* {"key","name","resolved","on_time_rate"} of the figures' unit lists. */
static json_t *figure_units(void)
{
	return json_pack(
		"{s:s,s:o}", "type", "array", "items",
		object(json_pack("{s:o,s:o,s:o,s:o}", "key", of_type("string"),
				 "name", of_type("string"), "resolved",
				 of_type("integer"), "on_time_rate",
				 nullable("number"))));
}

static json_t *figures_schema(void)
{
	json_t *f = object(
		json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "units",
			  of_type("integer"), "with_online", of_type("integer"),
			  "min_resolved", of_type("integer"), "ranked",
			  of_type("integer"), "at_full", figure_units(),
			  "highest", figure_units(), "lowest", figure_units()));
	json_object_set_new(f, "nullable", json_true());
	json_object_set_new(f, "description",
			    json_string("by unit: the units by on-time rate; "
					"null otherwise"));
	return f;
}

static json_t *settlement_schema(void)
{
	json_t *o = object(json_pack(
		"{s:o,s:o,s:o,s:o,s:o,s:o,s:{s:s,s:o},s:o,s:o}", "from",
		of_type("string"), "to", of_type("string"), "unit",
		of_type("string"), "by", of_type("string"), "restated",
		of_type("boolean"), "level", nullable("string"), "rows", "type",
		"array", "items", ref("SettlementRow"), "total",
		ref("SettlementRow"), "figures", figures_schema()));
	return with_optional(o, "as_of", of_type("string"));
}

/* An indicator of a row: its ratio, rate, target and mark. */
static json_t *index_indicator_schema(void)
{
	return object(json_pack(
		"{s:o,s:o,s:o,s:o,s:o}", "numerator", of_type("integer"),
		"denominator", of_type("integer"), "rate", nullable("number"),
		"target", nullable("number"), "met", nullable("boolean")));
}

static json_t *described(json_t *schema, const struct index_column *c)
{
	char desc[300];
	snprintf(desc, sizeof(desc), "%s (%s)", c->title_en, c->title_vi);
	json_object_set_new(schema, "description", json_string(desc));
	return schema;
}

/* One row of the index: key, name, level and every column of the
 * index's table (core/index_columns) where the JSON puts it. */
static json_t *index_row_schema(void)
{
	json_t *inds = json_object(), *groups = json_object();
	json_t *props =
		json_pack("{s:o,s:o,s:o,s:o}", "key", of_type("string"), "name",
			  of_type("string"), "level", of_type("integer"),
			  "ranked", of_type("boolean"));
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		json_t *s = NULL;
		if (c->part == INDEX_COL_INDICATOR)
			json_object_set_new(
				inds, c->key,
				described(ref("IndexIndicator"), c));
		else if (c->part == INDEX_COL_GROUP)
			json_object_set_new(
				groups, c->key,
				described(object(json_pack("{s:o,s:o}", "score",
							   nullable("number"),
							   "max",
							   nullable("number"))),
					  c));
		else
			s = nullable(c->part == INDEX_COL_RANK ? "integer"
							       : "number");
		if (s)
			json_object_set_new(props, c->key, described(s, c));
	}
	json_object_set_new(props, "indicators", object(inds));
	json_object_set_new(props, "groups", object(groups));
	return object(props);
}

static json_t *index_schema(void)
{
	json_t *o = object(json_pack("{s:o,s:o,s:o,s:{s:s,s:o},s:o}", "from",
				     of_type("string"), "to", of_type("string"),
				     "rules", of_type("string"), "rows", "type",
				     "array", "items", ref("IndexRow"), "total",
				     ref("IndexRow")));
	return with_optional(o, "as_of", of_type("string"));
}

/* The release of `motcua summary --format json`: its lines and the two
 * reports they come from. */
static json_t *summary_schema(void)
{
	return object(json_pack(
		"{s:o,s:o,s:{s:s,s:o},s:o,s:o}", "period", of_type("string"),
		"title", of_type("string"), "lines", "type", "array", "items",
		of_type("string"), "report", ref("SettlementReport"), "levels",
		ref("SettlementReport")));
}

static json_t *components(void)
{
	json_t *c = json_pack(
		"{s:{s:{s:s,s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s}}}}}},"
		"s:{s:{s:s,s:s,s:s}}}",
		"schemas", "Error", "type", "object", "properties", "error",
		"type", "object", "properties", "code", "type", "string",
		"message", "type", "string", "field", "type", "string",
		"securitySchemes", "session", "type", "apiKey", "in", "cookie",
		"name", "motcua_session");
	json_t *schemas = json_object_get(c, "schemas");
	json_object_set_new(schemas, "SettlementRow", settlement_row_schema());
	json_object_set_new(schemas, "SettlementReport", settlement_schema());
	json_object_set_new(schemas, "IndexIndicator",
			    index_indicator_schema());
	json_object_set_new(schemas, "IndexRow", index_row_schema());
	json_object_set_new(schemas, "IndexTable", index_schema());
	json_object_set_new(schemas, "Summary", summary_schema());
	return c;
}

/* GET /api/v1/forms/settlement: the columns, for the pages. */
void h_form_settlement(struct http_req *r)
{
	json_t *cols = json_array();
	for (size_t i = 0; i < REPORT_N_COLUMNS; i++) {
		const struct report_column *c = &report_columns[i];
		json_array_append_new(
			cols, json_pack("{s:s,s:s,s:s,s:s,s:s,s:i}", "key",
					c->key, "title_vi", c->title_vi,
					"title_en", c->title_en, "type",
					report_col_type_name(c->type), "shown",
					c->show == REPORT_COL_FORM ? "form"
								   : "figure",
					"width", c->width));
	}
	http_reply_json(
		r, 200,
		json_pack("{s:s,s:o}", "form", "II.06a", "columns", cols));
}

/* GET /api/v1/forms/index: the index's columns, for the pages. */
void h_form_index(struct http_req *r)
{
	json_t *cols = json_array();
	for (size_t i = 0; i < INDEX_N_COLUMNS; i++) {
		const struct index_column *c = &index_columns[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "key", c->key,
				      "title_vi", c->title_vi, "title_en",
				      c->title_en, "part",
				      index_col_part_name(c->part), "type",
				      index_col_type_name(c->part));
		if (c->def_vi) {
			json_object_set_new(o, "definition_vi",
					    json_string(c->def_vi));
			json_object_set_new(o, "definition_en",
					    json_string(c->def_en));
		}
		json_array_append_new(cols, o);
	}
	http_reply_json(
		r, 200,
		json_pack("{s:s,s:o}", "form", "index", "columns", cols));
}

void h_openapi(struct http_req *r)
{
	json_t *paths = json_object();
	for (size_t i = 0; i < http_n_routes; i++) {
		const struct http_route *rt = &http_routes[i];
		if (strcmp(rt->tag, "web") == 0)
			continue; /* the pages are not API */
		char method[8];
		size_t k = 0;
		for (; rt->method[k] && k < sizeof(method) - 1; k++)
			method[k] = (char)tolower((unsigned char)rt->method[k]);
		method[k] = '\0';
		json_t *item = json_object_get(paths, rt->path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		json_object_set_new(item, method, operation(rt, i));
	}
	http_reply_json(
		r, 200,
		json_pack("{s:s,s:{s:s,s:s,s:s},s:o,s:o}", "openapi", "3.0.3",
			  "info", "title", "motcua", "version", "1",
			  "description",
			  "Administrative-procedure information system. Staff "
			  "routes need the session cookie; every "
			  "state-changing request of a session needs "
			  "X-CSRF-Token.",
			  "paths", paths, "components", components()));
}

void h_metrics(struct http_req *r)
{
	int64_t counts[11];
	struct mc_err err;
	if (app_dossier_counts(r->app, counts, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	http_metrics_text(&r->srv->metrics, &sb);
	strbuf_puts(&sb, "# HELP motcua_dossiers Dossiers by status.\n"
			 "# TYPE motcua_dossiers gauge\n");
	for (int s = 1; s <= 10; s++)
		strbuf_addf(&sb,
			    "motcua_dossiers{status=\"%d\",key=\"%s\"} "
			    "%lld\n",
			    s, dossier_status_key(s), (long long)counts[s]);
	http_reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8",
			sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
}
