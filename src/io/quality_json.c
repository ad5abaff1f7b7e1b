/*
 * quality_json.c - the data-quality list as JSON and CSV (see
 * quality_json.h).
 */
#include "io/quality_json.h"

#include "core/civil.h"
#include "io/csv.h"

static void string_or_null(struct strbuf *sb, const char *key, const char *s)
{
	strbuf_json_key(sb, key);
	if (s)
		strbuf_json_string(sb, s);
	else
		strbuf_puts(sb, "null");
}

static void date_or_null(struct strbuf *sb, const char *key, bool all_time,
			 int64_t day)
{
	char buf[CIVIL_BUF];
	string_or_null(sb, key, all_time ? NULL : civil_format_date(day, buf));
}

static void json_item(struct strbuf *sb, const struct quality_item *it)
{
	const struct dossier_anomaly_kind *k = dossier_anomaly_kind(it->kind);
	strbuf_puts(sb, "{");
	string_or_null(sb, "code", it->code);
	string_or_null(sb, "unit", it->unit_code);
	string_or_null(sb, "unit_name", it->unit_name);
	string_or_null(sb, "kind", k->key);
	string_or_null(sb, "label", k->label);
	string_or_null(sb, "nhan", k->nhan);
	strbuf_json_key(sb, "fields");
	strbuf_puts(sb, "{");
	for (size_t f = 0; f < it->n_fields; f++)
		string_or_null(sb, it->fields[f].name,
			       it->fields[f].value[0] ? it->fields[f].value
						      : NULL);
	strbuf_puts(sb, "}}");
}

void quality_json_write(const struct quality_list *l, struct strbuf *sb)
{
	strbuf_puts(sb, "{");
	date_or_null(sb, "from", l->q.all_time, l->q.period.from);
	date_or_null(sb, "to", l->q.all_time, l->q.period.to);
	string_or_null(sb, "unit", l->unit);
	string_or_null(sb, "unit_name", l->unit_name);
	strbuf_json_key(sb, "dossiers");
	strbuf_add_int(sb, (int64_t)l->dossiers);
	strbuf_json_key(sb, "by_kind");
	strbuf_puts(sb, "{");
	for (int a = 0; a < ANOMALY__COUNT; a++) {
		strbuf_json_key(
			sb, dossier_anomaly_kind((enum dossier_anomaly)a)->key);
		strbuf_add_int(sb, (int64_t)l->by_kind[a]);
	}
	strbuf_puts(sb, "}");
	strbuf_json_key(sb, "items");
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_puts(sb, ",");
		json_item(sb, &l->items[i]);
	}
	strbuf_puts(sb, "]}");
}

void quality_csv_write(const struct quality_list *l, struct strbuf *sb)
{
	struct csv c;
	csv_begin(&c, sb);
	static const char *const head[] = {
		"Mã hồ sơ",   "Đơn vị",  "Loại (kind)",
		"Bất thường", "Anomaly", "Trường liên quan (fields)"};
	for (size_t k = 0; k < sizeof(head) / sizeof(*head); k++)
		csv_text(&c, head[k]);
	csv_end_line(&c);
	for (size_t i = 0; i < l->n; i++) {
		const struct quality_item *it = &l->items[i];
		const struct dossier_anomaly_kind *k =
			dossier_anomaly_kind(it->kind);
		csv_text(&c, it->code);
		csv_text(&c, it->unit_code);
		csv_text(&c, k->key);
		csv_text(&c, k->nhan);
		csv_text(&c, k->label);
		struct strbuf f;
		strbuf_init(&f);
		for (size_t n = 0; n < it->n_fields; n++)
			strbuf_addf(&f, "%s%s=%s", n ? "; " : "",
				    it->fields[n].name,
				    it->fields[n].value[0] ? it->fields[n].value
							   : "-");
		csv_text(&c, f.buf);
		csv_end_line(&c);
		if (f.oom)
			sb->oom = true;
		strbuf_release(&f);
	}
}
