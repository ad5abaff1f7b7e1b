/*
 * index_text.c - the service index table as aligned text and as CSV (see
 * index_text.h).
 */
#include "io/index_text.h"

#include "core/civil.h"
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

static void text_line(FILE *f, const struct index_line *l)
{
	if (l->rank > 0)
		fprintf(f, "%5d", l->rank);
	else
		fprintf(f, "%5s", "-");
	hundredths(f, l->score.total, 8);
	for (int g = 0; g < GRP__COUNT; g++)
		hundredths(f, l->score.group[g], 7);
	for (int i = 0; i < IND__COUNT; i++)
		hundredths(f, l->ind[i].rate, 8);
	fprintf(f, "  %8lld  %s (%s)\n", (long long)l->volume, l->name, l->key);
}

void index_text_write(FILE *f, const struct index_table *t)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	fprintf(f,
		"CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP\nKỳ: từ %s đến %s\n"
		"Quy tắc: %s (%s)\nXếp hạng khi có từ %lld hồ sơ\n\n",
		civil_format_date(t->period.from, a),
		civil_format_date(t->period.to, b), t->rules_name,
		t->rules_reference, (long long)t->min_dossiers);
	report_as_of_write(f, t->as_of);
	fprintf(f, "Nhóm: ");
	for (int g = 0; g < GRP__COUNT; g++)
		fprintf(f, "%sG%d %s (%lld)", g ? ", " : "", g + 1,
			index_group_title((enum index_group)g),
			(long long)(t->weight[g] / 100));
	fprintf(f, "\nChỉ tiêu (%%): ");
	for (int i = 0; i < IND__COUNT; i++)
		fprintf(f, "%sI%d %s", i ? ", " : "", i + 1,
			index_indicator_title((enum index_indicator)i));
	fprintf(f, "\n\n%5s%8s", "Hạng", "Điểm");
	for (int g = 0; g < GRP__COUNT; g++)
		fprintf(f, "%6s%d", "G", g + 1);
	for (int i = 0; i < IND__COUNT; i++)
		fprintf(f, "%*s%d", i + 1 < 10 ? 7 : 6, "I", i + 1);
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
	csv_hundredths(c, l->score.total);
	if (l->rank > 0)
		csv_int(c, l->rank);
	else
		csv_empty(c);
	for (int g = 0; g < GRP__COUNT; g++)
		csv_hundredths(c, l->score.group[g]);
	for (int i = 0; i < IND__COUNT; i++) {
		csv_int(c, l->ind[i].num);
		csv_int(c, l->ind[i].den);
		csv_hundredths(c, l->ind[i].rate);
		csv_hundredths(c, l->target[i]);
	}
	if (as_of != MC_NO_TIME)
		csv_text(c, civil_format_local(as_of, buf));
	csv_end_line(c);
}

void index_csv_write(const struct index_table *t, struct strbuf *sb)
{
	static const char *const suffix[] = {"numerator", "denominator", "rate",
					     "target"};
	struct csv c;
	char name[96];
	csv_begin(&c, sb);
	csv_text(&c, "key");
	csv_text(&c, "name");
	csv_text(&c, "level");
	csv_text(&c, "score");
	csv_text(&c, "rank");
	for (int g = 0; g < GRP__COUNT; g++)
		csv_text(&c, index_group_name((enum index_group)g));
	for (int i = 0; i < IND__COUNT; i++)
		for (int k = 0; k < 4; k++) {
			snprintf(name, sizeof(name), "%s_%s",
				 index_indicator_name((enum index_indicator)i),
				 suffix[k]);
			csv_text(&c, name);
		}
	if (t->as_of != MC_NO_TIME)
		csv_text(&c, CSV_AS_OF_TITLE);
	csv_end_line(&c);
	for (size_t i = 0; i < t->n; i++)
		csv_line(&c, &t->lines[i], t->as_of);
	csv_line(&c, &t->total, t->as_of);
}
