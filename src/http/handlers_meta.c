/*
 * handlers_meta.c - the OpenAPI 3.0 document, generated from the route
 * table the router uses, and the Prometheus metrics.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

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

static json_t *components(void)
{
	return json_pack("{s:{s:{s:s,s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s}}}}}},"
			 "s:{s:{s:s,s:s,s:s}}}",
			 "schemas", "Error", "type", "object", "properties",
			 "error", "type", "object", "properties", "code",
			 "type", "string", "message", "type", "string", "field",
			 "type", "string", "securitySchemes", "session", "type",
			 "apiKey", "in", "cookie", "name", "motcua_session");
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
	if (store_dossier_count_by_status(r->app->st, counts, &err)) {
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
