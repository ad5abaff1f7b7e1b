/*
 * demo_people.c - the demo's applicants: citizens with Vietnamese names,
 * valid 12-digit citizen IDs, phones and some e-mail addresses;
 * businesses with tax codes; a few agencies. Drawn from the dossier's own
 * random stream, so each dossier's applicant is fixed by the seed.
 */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "demo/demo_int.h"

/* Family names with their rough shares (per mille) in Vietnam; ascii is
 * for e-mail addresses. */
static const struct {
	const char *name, *ascii;
	int share;
} families[] = {{"Nguyễn", "nguyen", 380}, {"Trần", "tran", 110},
		{"Lê", "le", 95},          {"Phạm", "pham", 70},
		{"Huỳnh", "huynh", 50},    {"Hoàng", "hoang", 30},
		{"Phan", "phan", 45},      {"Võ", "vo", 45},
		{"Đặng", "dang", 20},      {"Bùi", "bui", 20},
		{"Đỗ", "do", 15},          {"Hồ", "ho", 15},
		{"Ngô", "ngo", 15},        {"Dương", "duong", 10},
		{"Lý", "ly", 5},           {"Đoàn", "doan", 10},
		{"Trương", "truong", 10},  {"Đinh", "dinh", 10},
		{"Lương", "luong", 5},     {"Mai", "mai", 5}};

static const char *const middles[2][6] = {
	{"Văn", "Văn", "Hữu", "Đức", "Minh", "Quang"},
	{"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim"}};

static const struct {
	const char *name, *ascii;
} givens[2][24] = {
	{{"An", "an"},       {"Bảo", "bao"},     {"Cường", "cuong"},
	 {"Dũng", "dung"},   {"Đạt", "dat"},     {"Hải", "hai"},
	 {"Hiếu", "hieu"},   {"Hùng", "hung"},   {"Huy", "huy"},
	 {"Khang", "khang"}, {"Khoa", "khoa"},   {"Long", "long"},
	 {"Minh", "minh"},   {"Nam", "nam"},     {"Nghĩa", "nghia"},
	 {"Phong", "phong"}, {"Phúc", "phuc"},   {"Quân", "quan"},
	 {"Sơn", "son"},     {"Tài", "tai"},     {"Thắng", "thang"},
	 {"Tuấn", "tuan"},   {"Trung", "trung"}, {"Vinh", "vinh"}},
	{{"Anh", "anh"},     {"Bình", "binh"},   {"Chi", "chi"},
	 {"Dung", "dung"},   {"Giang", "giang"}, {"Hà", "ha"},
	 {"Hằng", "hang"},   {"Hoa", "hoa"},     {"Hương", "huong"},
	 {"Lan", "lan"},     {"Linh", "linh"},   {"Mai", "mai"},
	 {"My", "my"},       {"Nga", "nga"},     {"Ngân", "ngan"},
	 {"Nhung", "nhung"}, {"Oanh", "oanh"},   {"Phương", "phuong"},
	 {"Quyên", "quyen"}, {"Thảo", "thao"},   {"Trang", "trang"},
	 {"Tuyết", "tuyet"}, {"Uyên", "uyen"},   {"Yến", "yen"}}};

/* Province-of-birth codes: mostly the demo province's own (it borrows
 * Bình Định's 052), then its neighbours and the big cities. */
static const short birth_provinces[] = {52, 52, 52, 52, 52, 52, 52, 52,
					52, 52, 52, 52, 54, 51, 64, 62,
					48, 79, 1,  56, 66, 45, 38, 40};

static const char *const phone_prefixes[] = {
	"090", "091", "093", "094", "096", "097", "098", "086", "088", "089",
	"032", "033", "034", "035", "036", "037", "038", "039", "070", "076",
	"077", "079", "081", "083", "084", "085", "056", "058"};

static const char *const mail_hosts[] = {"gmail.com", "gmail.com", "gmail.com",
					 "yahoo.com", "outlook.com"};

static const char *const company_forms[] = {
	"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV",
	"Doanh nghiệp tư nhân"};
static const char *const company_words[] = {
	"Thương mại", "Xây dựng",   "Dịch vụ",   "Vận tải",
	"Thủy sản",   "Nông sản",   "Du lịch",   "Đầu tư",
	"Cơ khí",     "Gỗ",         "Dược phẩm", "Thực phẩm",
	"Công nghệ",  "Môi trường", "May mặc",   "Đá Granite"};
static const char *const company_names[] = {
	"Hòa Phát",  "Minh Long",  "Tân Phú",      "Bình An",    "Phú Tài",
	"Sao Mai",   "Hưng Thịnh", "Trường Thành", "Đại Dương",  "Nam Việt",
	"Quy Nhơn",  "Hoàng Gia",  "Thiên Ân",     "Phước Lộc",  "Kim Ngân",
	"Việt Tiến", "An Khang",   "Đông Á",       "Thành Công", "Vạn Phát"};

static const char *const agencies[] = {
	"Trường Trung học cơ sở Lê Hồng Phong",
	"Trường Tiểu học Kim Đồng",
	"Trạm Y tế xã",
	"Ban Quản lý dự án đầu tư xây dựng huyện",
	"Hội Nông dân huyện",
	"Trung tâm Văn hóa - Thể thao",
	"Hợp tác xã Nông nghiệp Thành Công",
	"Đoàn Thanh niên xã"};

#define PICK(r, arr) ((arr)[demo_rng_below((r), sizeof(arr) / sizeof(*(arr)))])

static size_t pick_family(struct demo_rng *r)
{
	int total = 0;
	for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++)
		total += families[i].share;
	int x = (int)demo_rng_below(r, (uint64_t)total);
	size_t i = 0;
	while (x >= families[i].share)
		x -= families[i++].share;
	return i;
}

static bool set_phone(struct demo_rng *r, struct dossier *d)
{
	char buf[16];
	snprintf(buf, sizeof(buf), "%s%07d", PICK(r, phone_prefixes),
		 (int)demo_rng_below(r, 10000000));
	return str_set(&d->phone, buf);
}

/* A citizen old enough to file, born 1945-2006, with an ID whose birth
 * province, gender/century digit and birth year agree. */
static bool citizen(struct demo_rng *r, int64_t day, enum channel ch,
		    struct dossier *d)
{
	int female = (int)demo_rng_below(r, 2);
	size_t f = pick_family(r);
	size_t g = demo_rng_below(r, 24);
	char name[96], id[16];
	snprintf(name, sizeof(name), "%s %s %s", families[f].name,
		 middles[female][demo_rng_below(r, 6)], givens[female][g].name);
	int y, m, dd;
	civil_from_days(day, &y, &m, &dd);
	int born = (int)demo_rng_range(r, 1945, y - 18);
	int digit = (born >= 2000 ? 2 : 0) + female;
	snprintf(id, sizeof(id), "%03d%d%02d%06d", PICK(r, birth_provinces),
		 digit, born % 100, (int)demo_rng_below(r, 1000000));
	d->applicant_kind = APPLICANT_CITIZEN;
	/* online filings log in with VNeID, checked against the registry */
	d->verified = demo_rng_chance(r, ch == CHANNEL_ONLINE ? 0.97 : 0.82);
	if (!str_set(&d->applicant_name, name) ||
	    !str_set(&d->applicant_id, id) ||
	    !str_set(&d->applicant_id_type, "CCCD") || !set_phone(r, d))
		return false;
	if (!demo_rng_chance(r, ch == CHANNEL_ONLINE ? 0.45 : 0.12))
		return true;
	char mail[96];
	snprintf(mail, sizeof(mail), "%s%s%02d@%s", givens[female][g].ascii,
		 families[f].ascii, born % 100, PICK(r, mail_hosts));
	return str_set(&d->email, mail);
}

static bool tax_coded(struct demo_rng *r, const char *name,
		      enum applicant_kind kind, struct dossier *d)
{
	char mst[16];
	/* 41xxxxxxxx: tax codes issued in the province */
	snprintf(mst, sizeof(mst), "41%08d", (int)demo_rng_below(r, 100000000));
	d->applicant_kind = kind;
	return str_set(&d->applicant_name, name) &&
	       str_set(&d->applicant_id, mst) &&
	       str_set(&d->applicant_id_type, "MST") && set_phone(r, d);
}

static bool business(struct demo_rng *r, struct dossier *d)
{
	char name[160];
	const char *n = PICK(r, company_names);
	snprintf(name, sizeof(name), "%s %s %s", PICK(r, company_forms),
		 PICK(r, company_words), n);
	if (!tax_coded(r, name, APPLICANT_BUSINESS, d))
		return false;
	if (!demo_rng_chance(r, 0.7))
		return true;
	char mail[96];
	snprintf(mail, sizeof(mail), "ketoan%d@congty%02d.vn",
		 (int)demo_rng_below(r, 100), (int)demo_rng_below(r, 100));
	return str_set(&d->email, mail);
}

bool demo_applicant(struct demo_rng *r, enum demo_who who, int64_t day,
		    enum channel ch, struct dossier *d)
{
	double x = demo_rng_unit(r);
	switch (who) {
	case WHO_BUSINESS:
		if (x < 0.12)
			return citizen(r, day, ch, d);
		return business(r, d);
	case WHO_MIXED:
		if (x < 0.04)
			return tax_coded(r, PICK(r, agencies), APPLICANT_AGENCY,
					 d);
		if (x < 0.30)
			return business(r, d);
		return citizen(r, day, ch, d);
	case WHO_CITIZEN: break;
	}
	return citizen(r, day, ch, d);
}
