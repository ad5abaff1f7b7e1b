/*
 * demo_catalog.c - the demo province's units and procedure catalogue:
 * Tỉnh Bình An (code suffix H56) with its departments, districts and
 * communes, and about two hundred procedures over two dozen fields, with
 * the limits, online levels and fees such procedures have in practice.
 * The tables are fixed; only the online-only window moves with --until.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "demo/demo_int.h"

#define PROVINCE_CODE "000.00.00.H56"

static const char *const departments[] = {
	"Sở Nội vụ",
	"Sở Tư pháp",
	"Sở Kế hoạch và Đầu tư",
	"Sở Tài chính",
	"Sở Công Thương",
	"Sở Nông nghiệp và Phát triển nông thôn",
	"Sở Giao thông vận tải",
	"Sở Xây dựng",
	"Sở Tài nguyên và Môi trường",
	"Sở Thông tin và Truyền thông",
	"Sở Lao động - Thương binh và Xã hội",
	"Sở Văn hóa và Thể thao",
	"Sở Khoa học và Công nghệ",
	"Sở Giáo dục và Đào tạo",
	"Sở Y tế",
	"Ban Quản lý Khu kinh tế"};
#define N_DEPTS (sizeof(departments) / sizeof(*departments))

struct district_row {
	const char *name, *prefix; /* prefix of its communes' names */
	int communes, wards;       /* wards (phường) come first */
	int weight;                /* relative population */
	const char *hours;         /* NULL: the default office hours */
};

static const struct district_row districts[] = {
	{"Thành phố Bình An", NULL, 15, 12, 300, "07:00-11:30,14:00-17:30"},
	{"Thị xã Hoài Sơn", "Hoài", 14, 7, 220, NULL},
	{"Thị xã Nhơn Phú", "Nhơn", 15, 5, 180, NULL},
	{"Huyện Cát Tường", "Cát", 13, 0, 180, NULL},
	{"Huyện Phước Sơn", "Phước", 12, 0, 170, NULL},
	{"Huyện Mỹ Lộc", "Mỹ", 12, 0, 160, NULL},
	{"Huyện Tây An", "Tây", 11, 0, 120, NULL},
	{"Huyện Ân Thạnh", "Ân", 10, 0, 90, NULL},
	{"Huyện Vĩnh Hảo", "Vĩnh", 8, 0, 40, "07:30-11:30,13:30-17:30"},
};

/* The city's communes have names of their own. */
static const char *const city_communes[] = {
	"Phường Lê Lợi",        "Phường Trần Phú",
	"Phường Quang Trung",   "Phường Lý Thường Kiệt",
	"Phường Ngô Mây",       "Phường Hải Cảng",
	"Phường Thị Nại",       "Phường Đống Đa",
	"Phường Nguyễn Văn Cừ", "Phường Ghềnh Ráng",
	"Phường Bùi Thị Xuân",  "Phường Trần Quang Diệu",
	"Xã Nhơn Lý",           "Xã Nhơn Hội",
	"Xã Nhơn Châu"};

static const char *const commune_suffixes[] = {
	"An",    "Bình",  "Hòa",   "Hưng", "Lộc", "Mỹ",  "Phong",
	"Thành", "Thắng", "Thuận", "Tân",  "Sơn", "Hải", "Lợi",
	"Quang", "Hiệp",  "Khánh", "Phú",  "Đức", "Hậu"};
#define N_SUFFIXES (sizeof(commune_suffixes) / sizeof(*commune_suffixes))

/* ---- fields and procedures ------------------------------------------- */

struct field_row {
	const char *code, *name;
	enum demo_who who;
};

static const struct field_row fields[] = {
	{"DAT-DAI", "Đất đai", WHO_MIXED},
	{"HO-TICH", "Hộ tịch", WHO_CITIZEN},
	{"CHUNG-THUC", "Chứng thực", WHO_CITIZEN},
	{"XAY-DUNG", "Hoạt động xây dựng", WHO_MIXED},
	{"DOANH-NGHIEP", "Thành lập và hoạt động của doanh nghiệp",
	 WHO_BUSINESS},
	{"DAU-TU", "Đầu tư tại Việt Nam", WHO_BUSINESS},
	{"HO-KINH-DOANH", "Thành lập và hoạt động của hộ kinh doanh",
	 WHO_CITIZEN},
	{"LY-LICH-TU-PHAP", "Lý lịch tư pháp", WHO_CITIZEN},
	{"BO-TRO-TU-PHAP", "Bổ trợ tư pháp", WHO_CITIZEN},
	{"BAO-DAM", "Đăng ký biện pháp bảo đảm", WHO_MIXED},
	{"DUONG-BO", "Đường bộ", WHO_MIXED},
	{"VIEC-LAM", "Lao động - Việc làm", WHO_MIXED},
	{"NGUOI-CO-CONG", "Người có công", WHO_CITIZEN},
	{"BAO-TRO-XA-HOI", "Bảo trợ xã hội", WHO_CITIZEN},
	{"Y-TE", "Y tế - Dược - An toàn thực phẩm", WHO_MIXED},
	{"GIAO-DUC", "Giáo dục và Đào tạo", WHO_CITIZEN},
	{"MOI-TRUONG", "Tài nguyên và Môi trường", WHO_BUSINESS},
	{"CONG-THUONG", "Công thương", WHO_BUSINESS},
	{"NONG-NGHIEP", "Nông nghiệp và Thủy sản", WHO_MIXED},
	{"VAN-HOA", "Văn hóa, Thể thao và Du lịch", WHO_MIXED},
	{"THI-DUA", "Thi đua - Khen thưởng", WHO_MIXED},
	{"TON-GIAO", "Tôn giáo - Tín ngưỡng", WHO_MIXED},
	{"THONG-TIN", "Báo chí - Xuất bản - In", WHO_BUSINESS},
	{"KHOA-HOC", "Khoa học và Công nghệ", WHO_BUSINESS},
	{"TAI-CHINH", "Tài chính - Ngân sách", WHO_MIXED},
};
#define N_FIELDS (sizeof(fields) / sizeof(*fields))

/* Business registration: every kind of company times every change; the
 * two changes a sole proprietorship cannot make are skipped. */
static const char *const company_kinds[] = {
	"doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn một thành viên",
	"công ty trách nhiệm hữu hạn hai thành viên trở lên", "công ty cổ phần",
	"công ty hợp danh"};

static const struct {
	const char *fmt;
	int fee, weight;
	bool sole_ok;
} company_acts[] = {
	{"Đăng ký thành lập %s", 50000, 30, true},
	{"Đăng ký thay đổi địa chỉ trụ sở chính của %s", 50000, 10, true},
	{"Đăng ký thay đổi người đại diện theo pháp luật của %s", 50000, 8,
	 false},
	{"Đăng ký thay đổi vốn điều lệ của %s", 50000, 8, false},
	{"Thông báo thay đổi ngành, nghề kinh doanh của %s", 0, 10, true},
	{"Thông báo tạm ngừng kinh doanh của %s", 0, 8, true},
	{"Thông báo tiếp tục kinh doanh trước thời hạn đã thông báo của %s", 0,
	 2, true},
	{"Giải thể %s", 0, 3, true},
};

static const char *const investment_acts[] = {
	"Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh",
	"Điều chỉnh dự án đầu tư đã được chấp thuận chủ trương đầu tư của "
	"Ủy ban nhân dân cấp tỉnh",
	"Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện "
	"chấp thuận chủ trương đầu tư",
	"Điều chỉnh Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc "
	"diện chấp thuận chủ trương đầu tư",
	"Cấp lại Giấy chứng nhận đăng ký đầu tư",
	"Hiệu đính thông tin trên Giấy chứng nhận đăng ký đầu tư",
	"Nộp lại Giấy chứng nhận đăng ký đầu tư",
	"Chuyển nhượng dự án đầu tư",
	"Điều chỉnh dự án đầu tư trong trường hợp chia, tách, sáp nhập dự án "
	"đầu tư",
	"Điều chỉnh dự án đầu tư trong trường hợp nhà đầu tư chuyển nhượng "
	"vốn",
	"Gia hạn thời hạn hoạt động của dự án đầu tư",
	"Ngừng hoạt động của dự án đầu tư",
	"Chấm dứt hoạt động của dự án đầu tư",
	"Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp "
	"đồng BCC",
	"Chấm dứt hoạt động văn phòng điều hành của nhà đầu tư nước ngoài "
	"trong hợp đồng BCC",
	"Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước "
	"ngoài",
	"Đổi Giấy chứng nhận đăng ký đầu tư cho dự án hoạt động theo Giấy "
	"phép đầu tư",
	"Cung cấp thông tin về dự án đầu tư",
	"Bảo đảm đầu tư trong trường hợp không được tiếp tục áp dụng ưu đãi "
	"đầu tư",
	"Điều chỉnh dự án đầu tư theo bản án, quyết định của Tòa án, Trọng "
	"tài",
};

/* The one civil-status procedure that joined the online-only pilot. */
#define ONLINE_ONLY_HO_TICH "Cấp bản sao Trích lục hộ tịch"

/* Share of the year's dossiers filed at each level (province, district,
 * commune), per mille. */
static const uint64_t level_share[4] = {0, 270, 300, 430};

/* ---- building -------------------------------------------------------- */

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

enum mc_code demo_unit_add(struct demo_world *w, const char *code,
			   const char *name, const char *parent,
			   enum unit_level level, const char *hours,
			   uint64_t weight, struct mc_err *err)
{
	struct demo_unit *du = ARRAY_PUSH(w->units, w->n_units, w->cap_units);
	if (!du)
		return nomem(err);
	unit_init(&du->u);
	du->weight = weight;
	du->next = -1;
	if (!str_set(&du->u.code, code) || !str_set(&du->u.name, name) ||
	    !str_set(&du->u.parent, parent) ||
	    !str_set(&du->u.office_hours, hours))
		return nomem(err);
	du->u.level = level;
	if (!hours) {
		office_hours_default(&du->oh);
		return MC_OK;
	}
	return office_hours_parse(hours, &du->oh, "office_hours", err);
}

/* Larger provinces (`motcua demo --districts N`) get districts past the
 * table's nine with names made of these, towns every fourth. */
static const char *const gen_first[] = {
	"Phù",   "Tam",  "Vân",  "Quảng", "Đại",  "Kim",  "Bảo",  "Thạch",
	"Hương", "Tiên", "Long", "Thanh", "Gia",  "Đồng", "Hà",   "Yên",
	"Trà",   "Sa",   "Lạc",  "Tuy",   "Hậu",  "Diên", "Bồng", "Minh",
	"Nam",   "Bắc",  "Cẩm",  "Ninh",  "Hồng", "Châu"};
#define N_GEN_FIRST (sizeof(gen_first) / sizeof(*gen_first))
/* Names past a district's twenty suffixes take a quarter. */
static const char *const quarters[] = {"", " Bắc", " Nam", " Đông", " Tây"};

/* District d (0-based) as the table has it or as generated. */
static struct district_row district_at(size_t d)
{
	if (d < sizeof(districts) / sizeof(*districts))
		return districts[d];
	size_t g = d - sizeof(districts) / sizeof(*districts);
	bool town = g % 4 == 3;
	struct district_row r = {town ? "Thị xã" : "Huyện",
				 gen_first[g % N_GEN_FIRST],
				 12,
				 town ? 5 : 0,
				 70 + (int)((g * 37) % 150),
				 NULL};
	return r;
}

static enum mc_code add_communes(struct demo_world *w, size_t d,
				 const struct district_row *dr, int n,
				 const char *parent, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	size_t n_city = sizeof(city_communes) / sizeof(*city_communes);
	for (int i = 0; !rc && i < n; i++) {
		char code[32], name[96];
		snprintf(code, sizeof(code), "000.%02zu.%02d.H56", 31 + d,
			 21 + i);
		if (!dr->prefix && (size_t)i < n_city)
			snprintf(name, sizeof(name), "%s", city_communes[i]);
		else
			snprintf(name, sizeof(name), "%s %s %s%s",
				 i < dr->wards ? "Phường" : "Xã",
				 dr->prefix ? dr->prefix : "Bình",
				 commune_suffixes[(d * 3 + (size_t)i) %
						  N_SUFFIXES],
				 quarters[((size_t)i / N_SUFFIXES) % 5]);
		/* wards are denser than rural communes */
		uint64_t weight =
			i < dr->wards ? 30 : 10 + (i * 7 + d * 3) % 17;
		if (dr->weight < 60)
			weight /= 2;
		rc = demo_unit_add(w, code, name, parent, LEVEL_COMMUNE,
				   dr->hours, weight, err);
	}
	return rc;
}

static enum mc_code add_district(struct demo_world *w, size_t d,
				 const struct demo_options *opt,
				 struct mc_err *err)
{
	struct district_row dr = district_at(d);
	char code[32], name[96];
	snprintf(code, sizeof(code), "000.00.%02zu.H56", 31 + d);
	if (d < sizeof(districts) / sizeof(*districts))
		snprintf(name, sizeof(name), "%s", dr.name);
	else /* dr.name is the kind, dr.prefix the place */
		snprintf(name, sizeof(name), "%s %s %s", dr.name, dr.prefix,
			 commune_suffixes[(d * 7) % N_SUFFIXES]);
	enum mc_code rc =
		demo_unit_add(w, code, name, PROVINCE_CODE, LEVEL_DISTRICT,
			      dr.hours, (uint64_t)dr.weight, err);
	int n = opt->communes > 0 ? opt->communes : dr.communes;
	return rc ? rc : add_communes(w, d, &dr, n, code, err);
}

static enum mc_code build_units(struct demo_world *w,
				const struct demo_options *opt,
				struct mc_err *err)
{
	enum mc_code rc = demo_unit_add(w, PROVINCE_CODE, "Tỉnh Bình An", NULL,
					LEVEL_PROVINCE, NULL, 0, err);
	for (size_t i = 0; !rc && i < N_DEPTS; i++) {
		char code[32];
		snprintf(code, sizeof(code), "000.00.%02zu.H56", i + 1);
		rc = demo_unit_add(w, code, departments[i], PROVINCE_CODE,
				   LEVEL_PROVINCE, NULL, 0, err);
	}
	size_t n = opt->districts > 0 ? (size_t)opt->districts
				      : sizeof(districts) / sizeof(*districts);
	for (size_t d = 0; !rc && d < n; d++)
		rc = add_district(w, d, opt, err);
	return rc;
}

static const struct field_row *field_of(const char *code)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		if (strcmp(fields[i].code, code) == 0)
			return &fields[i];
	MC_BUG("demo catalogue: unknown field %s", code);
}

/* National codes look like 1.004227 or 2.000889: unique per line. */
static void national_code(char *buf, size_t size, size_t n)
{
	snprintf(buf, size, "%d.%06zu", n % 3 == 2 ? 2 : 1,
		 (n * 7919 + 1103) % 12000);
}

/* The components a demo procedure asks for: the first n of these, as
 * its dossiers list them (demo_dossier.c). */
static const struct {
	const char *code, *name;
	bool required, original;
	int copies;
} demo_components[] = {
	{"TP1", "Tờ khai theo mẫu", true, true, 1},
	{"TP2", "Bản sao Căn cước công dân", true, false, 1},
	{"TP3", "Giấy tờ chứng minh", true, false, 1},
	{"TP4", "Văn bản ủy quyền (nếu nộp thay)", false, true, 1},
};

static bool add_components(struct procedure *p, int n)
{
	for (int i = 0; i < n; i++) {
		struct procedure_component *c = ARRAY_PUSH(
			p->components, p->n_components, p->cap_components);
		if (!c || !str_set(&c->code, demo_components[i].code) ||
		    !str_set(&c->name, demo_components[i].name))
			return false;
		c->required = demo_components[i].required;
		c->original = demo_components[i].original;
		c->copies = demo_components[i].copies;
	}
	return true;
}

static enum mc_code add_proc(struct demo_world *w, const struct proc_row *r,
			     const struct date_window *only, struct mc_err *err)
{
	const struct field_row *f = field_of(r->field);
	struct demo_proc *dp = ARRAY_PUSH(w->procs, w->n_procs, w->cap_procs);
	if (!dp)
		return nomem(err);
	procedure_init(&dp->p);
	char code[16];
	national_code(code, sizeof(code), w->n_procs - 1);
	struct procedure *p = &dp->p;
	if (!str_set(&p->code, code) || !str_set(&p->name, r->name) ||
	    !str_set(&p->field_code, f->code) ||
	    !str_set(&p->field_name, f->name))
		return nomem(err);
	p->limit_value = r->limit;
	p->limit_unit = r->unit == 'c'   ? LIMIT_CALENDAR_DAYS
			: r->unit == 'h' ? LIMIT_WORKING_HOURS
					 : LIMIT_WORKING_DAYS;
	p->online_level = (enum online_level)r->online;
	/* notices and data services give no paper */
	p->paper_result = strncmp(r->name, "Thông báo", 10) != 0 &&
			  strncmp(r->name, "Cung cấp", 9) != 0;
	if (r->fee > 0) {
		struct procedure_fee *fee =
			ARRAY_PUSH(p->fees, p->n_fees, p->cap_fees);
		if (!fee || !str_set(&fee->code, "LEPHI") ||
		    !str_set(&fee->name, "Lệ phí giải quyết thủ tục"))
			return nomem(err);
		fee->amount = r->fee;
		/* fully online services charge half online, as the fee
		 * circulars of the Ministry of Finance allow */
		fee->online_amount =
			r->online == ONLINE_FULL ? r->fee / 2 : r->fee;
	}
	if (only) {
		struct date_window *win = ARRAY_PUSH(
			p->online_only, p->n_online_only, p->cap_online_only);
		if (!win)
			return nomem(err);
		*win = *only;
	}
	dp->level = r->level == 'T'   ? LEVEL_PROVINCE
		    : r->level == 'H' ? LEVEL_DISTRICT
				      : LEVEL_COMMUNE;
	dp->dept = r->level == 'T' ? (size_t)r->dept : 0;
	dp->weight = (uint64_t)r->weight;
	dp->who = f->who;
	dp->financial = strcmp(r->field, "DAT-DAI") == 0 && r->level == 'H';
	dp->n_components = 1 + (int)((w->n_procs * 5) % 4);
	if (!add_components(p, dp->n_components))
		return nomem(err);
	return procedure_check(p, err);
}

static enum mc_code add_business_rows(struct demo_world *w,
				      const struct date_window *only,
				      struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t a = 0; a < sizeof(company_acts) / sizeof(*company_acts);
	     a++)
		for (size_t k = 0; !rc && k < 5; k++) {
			if (k == 0 && !company_acts[a].sole_ok)
				continue;
			char name[200];
			snprintf(name, sizeof(name), company_acts[a].fmt,
				 company_kinds[k]);
			struct proc_row r = {"DOANH-NGHIEP",
					     'T',
					     3,
					     3,
					     'd',
					     2,
					     company_acts[a].fee,
					     (short)(company_acts[a].weight *
						     (k == 1 ? 3 : 1)),
					     name};
			rc = add_proc(w, &r, only, err);
		}
	for (size_t i = 0;
	     !rc && i < sizeof(investment_acts) / sizeof(*investment_acts);
	     i++) {
		struct proc_row r = {"DAU-TU",
				     'T',
				     3,
				     (short)(i < 2 ? 35 : i < 4 ? 10 : 15),
				     i < 2 ? 'c' : 'd',
				     2,
				     0,
				     2,
				     investment_acts[i]};
		rc = add_proc(w, &r, only, err);
	}
	return rc;
}

/* The pilot ran 26/7-31/12 of a year; the demo puts it in the year that
 * holds most of the second half of its window. */
static struct date_window online_only_window(int64_t until)
{
	int y, m, d;
	civil_from_days(until - 120, &y, &m, &d);
	struct date_window win = {civil_days(y, 7, 26), civil_days(y, 12, 31)};
	if (win.from > until - 60) {
		win.from = civil_days(y - 1, 7, 26);
		win.to = civil_days(y - 1, 12, 31);
	}
	return win;
}

static enum mc_code build_procs(struct demo_world *w, int64_t until,
				struct mc_err *err)
{
	struct date_window only = online_only_window(until);
	enum mc_code rc = add_business_rows(w, &only, err);
	for (size_t i = 0; !rc && i < demo_n_proc_rows; i++) {
		const struct proc_row *r = &demo_proc_rows[i];
		bool pilot = r->level == 'T' &&
			     strcmp(r->name, ONLINE_ONLY_HO_TICH) == 0;
		rc = add_proc(w, r, pilot ? &only : NULL, err);
	}
	return rc;
}

/* ---- weighted picking ------------------------------------------------ */

static bool pick_add(struct demo_pick *pk, size_t idx, uint64_t weight)
{
	size_t *i = realloc(pk->idx, (pk->n + 1) * sizeof(*i));
	if (!i)
		return false;
	pk->idx = i;
	uint64_t *c = realloc(pk->cum, (pk->n + 1) * sizeof(*c));
	if (!c)
		return false;
	pk->cum = c;
	c[pk->n] = (pk->n ? c[pk->n - 1] : 0) + weight;
	i[pk->n++] = idx;
	return true;
}

size_t demo_pick(const struct demo_pick *pk, struct demo_rng *r)
{
	if (pk->n == 0)
		MC_BUG("demo: picking from an empty table");
	uint64_t x = demo_rng_below(r, pk->cum[pk->n - 1]);
	size_t lo = 0, hi = pk->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (pk->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return pk->idx[lo];
}

static void pick_release(struct demo_pick *pk)
{
	free(pk->idx);
	free(pk->cum);
	memset(pk, 0, sizeof(*pk));
}

/* Procedure weights are scaled so that each level gets its share of the
 * year's dossiers whatever its lines add up to. */
static bool build_picks(struct demo_world *w)
{
	uint64_t level_sum[4] = {0};
	for (size_t i = 0; i < w->n_procs; i++)
		level_sum[w->procs[i].level] += w->procs[i].weight;
	for (size_t i = 0; i < w->n_procs; i++) {
		struct demo_proc *p = &w->procs[i];
		uint64_t wt = p->weight * level_share[p->level] * 1000000 /
			      level_sum[p->level];
		if (!pick_add(&w->all_procs, i, wt) ||
		    (p->p.online_level != ONLINE_NONE &&
		     !pick_add(&w->online_procs, i, wt)))
			return false;
	}
	for (size_t i = 0; i < w->n_units; i++) {
		const struct demo_unit *u = &w->units[i];
		/* the units of 2025 serve from their first day on */
		struct demo_pick *pk = u->u.valid_from != MC_NO_TIME
					       ? &w->merged_communes
					       : &w->level_units[u->u.level];
		if (u->u.level != LEVEL_PROVINCE && !pick_add(pk, i, u->weight))
			return false;
	}
	return true;
}

enum mc_code demo_catalog_build(struct demo_world *w,
				const struct demo_options *opt,
				struct mc_err *err)
{
	memset(w, 0, sizeof(*w));
	w->communes_merged = MC_NO_TIME;
	enum mc_code rc = build_units(w, opt, err);
	if (!rc)
		rc = demo_reorganise(w, opt, err);
	if (!rc)
		rc = build_procs(w, opt->until, err);
	if (!rc && !build_picks(w))
		rc = nomem(err);
	return rc;
}

void demo_world_release(struct demo_world *w)
{
	for (size_t i = 0; i < w->n_units; i++)
		unit_release(&w->units[i].u);
	for (size_t i = 0; i < w->n_procs; i++)
		procedure_release(&w->procs[i].p);
	free(w->units);
	free(w->procs);
	for (int l = 0; l < 4; l++)
		pick_release(&w->level_units[l]);
	pick_release(&w->all_procs);
	pick_release(&w->online_procs);
	pick_release(&w->merged_communes);
	memset(w, 0, sizeof(*w));
}
