/*
 * index_publish.c - published snapshots: a period's settlement report
 * (form II.06a by unit, statutory months with cut-off 15) and its service
 * index (calendar period) frozen as one JSON text with a BLAKE2b
 * checksum. The snapshots table refuses updates and deletes, so later
 * imports cannot change what was published; --diff recomputes and shows
 * the difference.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/index_int.h"
#include "app/report.h"
#include "core/str.h"
#include "io/index_json.h"
#include "io/report_json.h"
#include "store/store.h"

#define PUBLISH_MIN_DOSSIERS 30
#define REPORT_CUTOFF 15

static void checksum(const char *text, char hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)text,
			   strlen(text), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

static enum mc_code render_report(struct app *app, const char *period,
				  struct strbuf *out, struct mc_err *err)
{
	struct report_period p;
	struct report rep;
	enum mc_code rc =
		report_period_parse(period, REPORT_CUTOFF, &p, "period", err);
	if (rc || (rc = app_report_by_unit(app, NULL, p, &rep, err)))
		return rc;
	report_json_write(&rep, out);
	report_release(&rep);
	return MC_OK;
}

static enum mc_code render_index(struct app *app, const char *period,
				 struct strbuf *out, char **rules,
				 struct mc_err *err)
{
	struct index_query q = {.min_dossiers = PUBLISH_MIN_DOSSIERS};
	struct index_table t;
	enum mc_code rc =
		report_period_parse(period, 1, &q.period, "period", err);
	if (rc || (rc = app_index(app, &q, &t, err)))
		return rc;
	index_json_write(&t, out);
	if (!str_set(rules, t.rules_name))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	index_table_release(&t);
	return rc;
}

enum mc_code app_publish_render(struct app *app, const char *period,
				struct strbuf *out, char **rules,
				struct mc_err *err)
{
	*rules = NULL;
	strbuf_puts(out, "{\"period\":");
	strbuf_json_string(out, period);
	strbuf_puts(out, ",\"report\":");
	enum mc_code rc = render_report(app, period, out, err);
	strbuf_puts(out, ",\"index\":");
	if (!rc)
		rc = render_index(app, period, out, rules, err);
	strbuf_puts(out, "}");
	if (!rc && out->oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return rc;
}

/* Inside the transaction: the actor publishes for the province. */
static enum mc_code may_publish(struct app *app, const struct actor *a,
				struct mc_err *err)
{
	struct unit u;
	if (a && (a->role & ROLE_OPERATOR))
		return MC_OK;
	bool root = false;
	enum mc_code rc = a && a->role == ROLE_ADMIN
				  ? store_unit_get(app->st, a->unit, &u, err)
				  : MC_ERR_NOT_FOUND;
	if (!rc) {
		root = str_empty(u.parent);
		unit_release(&u);
	}
	if (rc && rc != MC_ERR_NOT_FOUND)
		return rc;
	if (!root)
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "only an administrator of the province "
			       "publishes");
	return MC_OK;
}

enum mc_code app_publish(struct app *app, const struct actor *actor,
			 const char *period, struct mc_err *err)
{
	struct strbuf sb;
	char hex[65];
	strbuf_init(&sb);
	struct snapshot s = {.period = (char *)period,
			     .created_at = (int64_t)time(NULL)};
	enum mc_code rc = app_publish_render(app, period, &sb, &s.rules, err);
	if (!rc) {
		checksum(sb.buf, hex);
		s.content = sb.buf;
		s.checksum = hex;
		rc = store_begin(app->st, err);
		if (!rc && !(rc = may_publish(app, actor, err)) &&
		    !(rc = store_snapshot_put(app->st, &s, err)))
			rc = store_commit(app->st, err);
		if (rc)
			store_rollback(app->st);
	}
	free(s.rules);
	strbuf_release(&sb);
	return rc;
}

enum mc_code app_publish_show(struct app *app, const char *period,
			      struct snapshot *out, bool *intact,
			      struct mc_err *err)
{
	char hex[65];
	enum mc_code rc = store_snapshot_get(app->st, period, out, err);
	if (rc)
		return rc;
	checksum(out->content, hex);
	*intact = strcmp(hex, out->checksum) == 0;
	return MC_OK;
}

/* ---- differences -------------------------------------------------------- */

struct differ {
	struct strbuf *out;
	size_t changes;
};

static void value_text(struct strbuf *sb, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	strbuf_puts(sb, s ? s : "(none)");
	free(s);
}

static void changed(struct differ *d, const char *path, json_t *a, json_t *b)
{
	d->changes++;
	strbuf_puts(d->out, path);
	strbuf_puts(d->out, ": ");
	value_text(d->out, a);
	strbuf_puts(d->out, " -> ");
	value_text(d->out, b);
	strbuf_puts(d->out, "\n");
}

static void diff(struct differ *d, const char *path, json_t *a, json_t *b);

static void diff_objects(struct differ *d, const char *path, json_t *a,
			 json_t *b)
{
	const char *key;
	json_t *v;
	char sub[512];
	json_object_foreach (a, key, v) {
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "",
			 key);
		diff(d, sub, v, json_object_get(b, key));
	}
	json_object_foreach (b, key, v) {
		if (json_object_get(a, key))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "",
			 key);
		changed(d, sub, NULL, v);
	}
}

static void diff(struct differ *d, const char *path, json_t *a, json_t *b)
{
	if (a && b && json_equal(a, b))
		return;
	if (json_is_object(a) && json_is_object(b)) {
		diff_objects(d, path, a, b);
		return;
	}
	if (json_is_array(a) && json_is_array(b)) {
		size_t n = json_array_size(a) > json_array_size(b)
				   ? json_array_size(a)
				   : json_array_size(b);
		for (size_t i = 0; i < n; i++) {
			char sub[512];
			/* name rows by their key, so a reader finds them */
			const char *k = json_string_value(json_object_get(
				json_array_get(i < json_array_size(a) ? a : b,
					       i),
				"key"));
			if (k)
				snprintf(sub, sizeof(sub), "%s[%s]", path, k);
			else
				snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			diff(d, sub, json_array_get(a, i),
			     json_array_get(b, i));
		}
		return;
	}
	changed(d, path, a, b);
}

enum mc_code index_json_diff(const char *old_json, const char *new_json,
			     struct strbuf *out, size_t *changes,
			     struct mc_err *err)
{
	json_t *a = json_loads(old_json, 0, NULL);
	json_t *b = json_loads(new_json, 0, NULL);
	enum mc_code rc = MC_OK;
	if (!a || !b) {
		rc = mc_fail(err, MC_ERR_INTERNAL, "",
			     "a snapshot is not valid JSON");
	} else {
		struct differ d = {out, 0};
		diff(&d, "", a, b);
		*changes = d.changes;
	}
	json_decref(a);
	json_decref(b);
	return rc;
}
