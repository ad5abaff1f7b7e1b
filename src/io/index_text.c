/*
 * index_text.c - the service index table as aligned text and as CSV (see
 * index_text.h), both in the order of the column table
 * (core/index_columns).
 */
#include "io/index_text.h"

#include "core/civil.h"
#include "core/index_columns.h"
#include "io/csv.h"
#include "io/report_text.h"

static void hundredths(FILE *f, int64_t v, int width)
{
	char buf[32];
	if (v < 0)
		snprintf(buf, sizeof(buf), "-");
	else
		snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(v / 100),
			 (long long)(v % 100));
	fprintf(f, "%*s", width, buf);
}

/* Width of a column's values in the text table, by its part. */
static int text_width(const struct index_column *c)
{
	static const int w[] = {5, 8, 7, 8};
	return w[c->part];
}

/* "Hạng", "Điểm", "G1".."G6", "I1".."I12": the text table's head of c. */
static void text_label(const struct index_column *c, char *buf, size_t n)
{
	if (c->part == INDEX_COL_GROUP)
		snprintf(buf, n, "G%d", c->item + 1);
	else if (c->part == INDEX_COL_INDICATOR)
		snprintf(buf, n, "I%d", c->item + 1);
	else
		snprintf(buf, n, "%s", c->title_vi);
}

static void text_line(FILE *f, const struct index_line *l)
{
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		int w = text_width(c);
		if (c->part == INDEX_COL_RANK && l->rank > 0)
			fprintf(f, "%*d", w, l->rank);
		else if (c->part == INDEX_COL_RANK)
			fprintf(f, "%*s", w, "-");
		else if (c->part == INDEX_COL_SCORE)
			hundredths(f, l->score.total, w);
		else if (c->part == INDEX_COL_GROUP)
			hundredths(f, l->score.group[c->item], w);
		else
			hundredths(f, l->ind[c->item].rate, w);
	}
	fprintf(f, "  %8lld  %s (%s)\n", (long long)l->volume, l->name, l->key);
}

/* The legend: each group with its weight, each indicator, by label. */
static void legend(FILE *f, const struct index_table *t)
{
	char label[16];
	for (enum index_col_part p = INDEX_COL_GROUP; p <= INDEX_COL_INDICATOR;
	     p++) {
		fputs(p == INDEX_COL_GROUP ? "Nhóm: " : "\nChỉ tiêu (%): ", f);
		const char *sep = "";
		for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
			const struct index_column *c = &index_columns[k];
			if (c->part != p)
				continue;
			text_label(c, label, sizeof(label));
			fprintf(f, "%s%s %s", sep, label, c->title_vi);
			if (p == INDEX_COL_GROUP)
				fprintf(f, " (%lld)",
					(long long)(t->weight[c->item] / 100));
			sep = ", ";
		}
	}
}

void index_text_write(FILE *f, const struct index_table *t)
{
	char a[CIVIL_BUF], b[CIVIL_BUF], label[16];
	fprintf(f,
		"CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP\nKỳ: từ %s đến %s\n"
		"Quy tắc: %s (%s)\nXếp hạng khi có từ %lld hồ sơ\n\n",
		civil_format_date(t->period.from, a),
		civil_format_date(t->period.to, b), t->rules_name,
		t->rules_reference, (long long)t->min_dossiers);
	report_as_of_write(f, t->as_of);
	legend(f, t);
	fputs("\n\n", f);
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		text_label(&index_columns[k], label, sizeof(label));
		fprintf(f, "%*s", text_width(&index_columns[k]), label);
	}
	fprintf(f, "  %8s  %s\n", "Hồ sơ", "Đơn vị");
	for (size_t i = 0; i < t->n; i++)
		text_line(f, &t->lines[i]);
	text_line(f, &t->total);
}

static void csv_line(struct csv *c, const struct index_line *l, int64_t as_of)
{
	char buf[CIVIL_BUF];
	csv_text(c, l->key);
	csv_text(c, l->name);
	csv_int(c, l->level);
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *col = &index_columns[k];
		const struct index_ratio *r = &l->ind[col->item];
		switch (col->part) {
		case INDEX_COL_RANK:
			if (l->rank > 0)
				csv_int(c, l->rank);
			else
				csv_empty(c);
			break;
		case INDEX_COL_SCORE: csv_hundredths(c, l->score.total); break;
		case INDEX_COL_GROUP:
			csv_hundredths(c, l->score.group[col->item]);
			break;
		case INDEX_COL_INDICATOR:
			csv_int(c, r->num);
			csv_int(c, r->den);
			csv_hundredths(c, r->rate);
			csv_hundredths(c, l->target[col->item]);
			break;
		}
	}
	if (as_of != MC_NO_TIME)
		csv_text(c, civil_format_local(as_of, buf));
	csv_end_line(c);
}

void index_csv_write(const struct index_table *t, struct strbuf *sb)
{
	/* an indicator takes four fields */
	static const char *const parts[] = {"tử số", "mẫu số", "tỷ lệ (%)",
					    "chỉ tiêu (%)"};
	struct csv c;
	char title[256];
	csv_begin(&c, sb);
	csv_text(&c, "Mã");
	csv_text(&c, "Tên");
	csv_text(&c, "Cấp");
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *col = &index_columns[k];
		if (col->part != INDEX_COL_INDICATOR) {
			csv_text(&c, col->title_vi);
			continue;
		}
		for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
			snprintf(title, sizeof(title), "%s: %s", col->title_vi,
				 parts[i]);
			csv_text(&c, title);
		}
	}
	if (t->as_of != MC_NO_TIME)
		csv_text(&c, CSV_AS_OF_TITLE);
	csv_end_line(&c);
	for (size_t i = 0; i < t->n; i++)
		csv_line(&c, &t->lines[i], t->as_of);
	csv_line(&c, &t->total, t->as_of);
}
