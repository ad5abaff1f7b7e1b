/*
 * civil.c - Gregorian day numbers and Vietnam local time (see civil.h).
 *
 * The day-number conversion counts 400-year eras of 146097 days so that
 * it is exact for any year without tables.
 */
#include "core/civil.h"

#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t civil_days(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = floor_div(yy, 400);
	int64_t yoe = yy - era * 400;             /* [0, 399] */
	int64_t mp = (m + 9) % 12;                /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d - 1; /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = mm;
	*d = dd;
}

int civil_month_length(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

bool civil_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= civil_month_length(y, m);
}

int civil_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t w = (days + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
}

int64_t civil_local_day(int64_t t)
{
	return floor_div(t + MC_TZ_OFFSET, 86400);
}

int civil_local_second(int64_t t)
{
	return (int)(t + MC_TZ_OFFSET - civil_local_day(t) * 86400);
}

int64_t civil_time_at(int64_t day, int second_of_day)
{
	return day * 86400 + second_of_day - MC_TZ_OFFSET;
}

/* Read exactly n digits into *out; false when any is not a digit. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static enum mc_code bad(struct mc_err *err, const char *field, const char *s,
			const char *form)
{
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not a valid %s", field, s ? s : "",
		       form);
}

enum mc_code civil_parse_date(const char *s, int64_t *day, const char *field,
			      struct mc_err *err)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d) || !civil_valid(y, m, d))
		return bad(err, field, s, "date (YYYY-MM-DD)");
	*day = civil_days(y, m, d);
	return MC_OK;
}

static bool valid_clock(int hh, int mi, int ss)
{
	return hh >= 0 && hh <= 23 && mi >= 0 && mi <= 59 && ss >= 0 &&
	       ss <= 59;
}

enum mc_code civil_parse_local(const char *s, int64_t *t, const char *field,
			       struct mc_err *err)
{
	const char *form = "local time (YYYY-MM-DD HH:MM)";
	size_t n = s ? strlen(s) : 0;
	int y, m, d, hh, mi, ss = 0;
	if ((n != 16 && n != 19) || s[4] != '-' || s[7] != '-' ||
	    (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &hh) ||
	    !digits(s + 14, 2, &mi))
		return bad(err, field, s, form);
	if (n == 19 && (s[16] != ':' || !digits(s + 17, 2, &ss)))
		return bad(err, field, s, form);
	if (!civil_valid(y, m, d) || !valid_clock(hh, mi, ss))
		return bad(err, field, s, form);
	*t = civil_time_at(civil_days(y, m, d), hh * 3600 + mi * 60 + ss);
	return MC_OK;
}

enum mc_code civil_parse_portal(const char *s, int64_t *t, const char *field,
				struct mc_err *err)
{
	const char *form = "time (yyyyMMddHHmmss)";
	int y, m, d, hh, mi, ss;
	if (!s || strlen(s) != 14 || !digits(s, 4, &y) ||
	    !digits(s + 4, 2, &m) || !digits(s + 6, 2, &d) ||
	    !digits(s + 8, 2, &hh) || !digits(s + 10, 2, &mi) ||
	    !digits(s + 12, 2, &ss) || !civil_valid(y, m, d) ||
	    !valid_clock(hh, mi, ss))
		return bad(err, field, s, form);
	*t = civil_time_at(civil_days(y, m, d), hh * 3600 + mi * 60 + ss);
	return MC_OK;
}

char *civil_format_date(int64_t day, char *buf)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, CIVIL_BUF, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *civil_format_local(int64_t t, char *buf)
{
	int y, m, d;
	civil_from_days(civil_local_day(t), &y, &m, &d);
	int s = civil_local_second(t);
	snprintf(buf, CIVIL_BUF, "%04d-%02d-%02d %02d:%02d", y, m, d, s / 3600,
		 s / 60 % 60);
	return buf;
}

char *civil_format_portal(int64_t t, char *buf)
{
	int y, m, d;
	civil_from_days(civil_local_day(t), &y, &m, &d);
	int s = civil_local_second(t);
	snprintf(buf, CIVIL_BUF, "%04d%02d%02d%02d%02d%02d", y, m, d, s / 3600,
		 s / 60 % 60, s % 60);
	return buf;
}
