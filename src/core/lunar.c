/*
 * lunar.c - the Vietnamese lunisolar calendar from astronomy (see lunar.h).
 *
 * New moons come from Meeus, Astronomical Algorithms, ch. 49 (mean phase
 * plus periodic and planetary corrections, a few seconds of error); the
 * sun's apparent longitude from ch. 25 (the low-accuracy series, about
 * 0.01 degree, i.e. some 15 minutes of time). Both are computed in
 * dynamical time and turned into Vietnam civil days with Delta T and the
 * UTC+7 offset, because a month begins on the local day of its new moon.
 *
 * Month 11 is the month that holds the winter solstice. Between two
 * month-11s there are 12 or 13 months; in a 13-month span the first month
 * without a major solar term (a multiple of 30 degrees of longitude) is
 * the leap month and repeats the number of the month before it.
 *
 * Nothing is cached: one solar year costs some fifteen new moons and sun
 * positions, and callers that need speed (the calendar) cache per year.
 */
#include "core/lunar.h"

#include <math.h>

#include "core/civil.h"

#define JD_UNIX_EPOCH 2440587.5 /* 1970-01-01 00:00 UT */
#define JD_J2000 2451545.0
#define DEG (M_PI / 180.0)

static double sind(double deg) { return sin(deg * DEG); }

/*
 * Delta T = TT - UT in seconds, from the Espenak-Meeus polynomials. It
 * shifts a new moon by about a minute, so only its rough size matters.
 */
static double delta_t(double y)
{
	double t;
	if (y < 1900) {
		t = y - 1860;
		return 7.62 + 0.5737 * t - 0.251754 * t * t +
		       0.01680668 * t * t * t - 0.0004473624 * pow(t, 4) +
		       pow(t, 5) / 233174;
	}
	if (y < 1920) {
		t = y - 1900;
		return -2.79 + 1.494119 * t - 0.0598939 * t * t +
		       0.0061966 * t * t * t - 0.000197 * pow(t, 4);
	}
	if (y < 1941) {
		t = y - 1920;
		return 21.20 + 0.84493 * t - 0.076100 * t * t +
		       0.0020936 * t * t * t;
	}
	if (y < 1961) {
		t = y - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	}
	if (y < 1986) {
		t = y - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	}
	if (y < 2005) {
		t = y - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t +
		       0.0017275 * t * t * t + 0.000651814 * pow(t, 4) +
		       0.00002373599 * pow(t, 5);
	}
	if (y < 2050) {
		t = y - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	t = (y - 1820) / 100;
	if (y < 2150)
		return -20 + 32 * t * t - 0.5628 * (2150 - y);
	return -20 + 32 * t * t;
}

static double jd_year(double jd) { return 2000.0 + (jd - JD_J2000) / 365.25; }

/* Sum of the new-moon periodic terms of Meeus table 49.A. */
static double new_moon_terms(double k, double T)
{
	double E = 1 - 0.002516 * T - 0.0000074 * T * T;
	double M = 2.5534 + 29.10535670 * k - 0.0000014 * T * T -
		   0.00000011 * T * T * T;
	double Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T * T +
		    0.00001238 * T * T * T - 0.000000058 * T * T * T * T;
	double F = 160.7108 + 390.67050284 * k - 0.0016118 * T * T -
		   0.00000227 * T * T * T + 0.000000011 * T * T * T * T;
	double Om = 124.7746 - 1.56375588 * k + 0.0020672 * T * T +
		    0.00000215 * T * T * T;

	return -0.40720 * sind(Mp) + 0.17241 * E * sind(M) +
	       0.01608 * sind(2 * Mp) + 0.01039 * sind(2 * F) +
	       0.00739 * E * sind(Mp - M) - 0.00514 * E * sind(Mp + M) +
	       0.00208 * E * E * sind(2 * M) - 0.00111 * sind(Mp - 2 * F) -
	       0.00057 * sind(Mp + 2 * F) + 0.00056 * E * sind(2 * Mp + M) -
	       0.00042 * sind(3 * Mp) + 0.00042 * E * sind(M + 2 * F) +
	       0.00038 * E * sind(M - 2 * F) - 0.00024 * E * sind(2 * Mp - M) -
	       0.00017 * sind(Om) - 0.00007 * sind(Mp + 2 * M) +
	       0.00004 * sind(2 * Mp - 2 * F) + 0.00004 * sind(3 * M) +
	       0.00003 * sind(Mp + M - 2 * F) + 0.00003 * sind(2 * Mp + 2 * F) -
	       0.00003 * sind(Mp + M + 2 * F) + 0.00003 * sind(Mp - M + 2 * F) -
	       0.00002 * sind(Mp - M - 2 * F) - 0.00002 * sind(3 * Mp + M) +
	       0.00002 * sind(4 * Mp);
}

/* The planetary corrections A1..A14 of Meeus ch. 49. */
static double new_moon_planets(double k, double T)
{
	static const double a[14][3] = {
		{299.77, 0.107408, 0.000325},  {251.88, 0.016321, 0.000165},
		{251.83, 26.651886, 0.000164}, {349.42, 36.412478, 0.000126},
		{84.66, 18.206239, 0.000110},  {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060},  {154.84, 7.306860, 0.000056},
		{34.52, 27.261239, 0.000047},  {207.19, 0.121824, 0.000042},
		{291.34, 1.844379, 0.000040},  {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	};
	double sum = 0;
	for (int i = 0; i < 14; i++) {
		double arg = a[i][0] + a[i][1] * k;
		if (i == 0)
			arg -= 0.009173 * T * T;
		sum += a[i][2] * sind(arg);
	}
	return sum;
}

/* Julian day (UT) of new moon number k; k = 0 is the one of 2000-01-06. */
static double new_moon_jd(int k)
{
	double T = k / 1236.85;
	double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T -
		     0.000000150 * T * T * T + 0.00000000073 * T * T * T * T;
	jde += new_moon_terms(k, T) + new_moon_planets(k, T);
	return jde - delta_t(jd_year(jde)) / 86400.0;
}

/* The local (UTC+7) civil day of new moon k. */
static int64_t new_moon_day(int k)
{
	double local = new_moon_jd(k) - JD_UNIX_EPOCH + MC_TZ_OFFSET / 86400.0;
	return (int64_t)floor(local);
}

/* Sun's apparent longitude in degrees [0, 360) at Julian day jd (UT). */
static double sun_longitude(double jd)
{
	double jde = jd + delta_t(jd_year(jd)) / 86400.0;
	double T = (jde - JD_J2000) / 36525.0;
	double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
	double M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
	double C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sind(M) +
		   (0.019993 - 0.000101 * T) * sind(2 * M) +
		   0.000289 * sind(3 * M);
	double om = 125.04 - 1934.136 * T;
	double lon = L0 + C - 0.00569 - 0.00478 * sind(om);
	lon = fmod(lon, 360.0);
	return lon < 0 ? lon + 360.0 : lon;
}

/* Which 30-degree sector the sun is in at the start of a local day. A
 * month holds a major term exactly when the sector changes between the
 * start of its first day and the start of the next month. */
static int sun_sector(int64_t day)
{
	double jd = JD_UNIX_EPOCH + day - MC_TZ_OFFSET / 86400.0;
	return (int)(sun_longitude(jd) / 30.0);
}

/* The new moon number nearest before a civil day (may be one off;
 * callers step from it). */
static int lunation_near(int64_t day)
{
	double jd = JD_UNIX_EPOCH + (double)day;
	return (int)floor((jd - 2451550.09766) / 29.530588861);
}

/* Number k of the new moon that starts the month holding `day`. */
static int month_of_day(int64_t day)
{
	int k = lunation_near(day);
	while (new_moon_day(k) > day)
		k--;
	while (new_moon_day(k + 1) <= day)
		k++;
	return k;
}

/* New moon number of month 11 in solar year y: the month holding the
 * local day of the winter solstice (the sun enters sector 9, 270 deg). */
static int month11(int y)
{
	int64_t d = civil_days(y, 12, 18);
	while (sun_sector(d + 1) != 9)
		d++;
	return month_of_day(d);
}

/*
 * The months from month 11 of solar year y-1 up to (not including) month
 * 11 of year y: start days, and which index is the leap month.
 */
struct lunar_span {
	int n;             /* months in the span: 12 or 13 */
	int leap;          /* index of the leap month, -1 when none */
	int64_t start[14]; /* start[n] is the next month 11 */
};

static void lunar_span(int y, struct lunar_span *s)
{
	int k0 = month11(y - 1), k1 = month11(y);
	s->n = k1 - k0;
	s->leap = -1;
	for (int i = 0; i <= s->n; i++)
		s->start[i] = new_moon_day(k0 + i);
	if (s->n != 13)
		return;
	for (int i = 1; i < s->n; i++) {
		if (sun_sector(s->start[i]) == sun_sector(s->start[i + 1])) {
			s->leap = i;
			break;
		}
	}
}

/* Month number (1-12) of index i of a span. */
static int span_month(const struct lunar_span *s, int i)
{
	int m = 11 + i - (s->leap >= 0 && i >= s->leap ? 1 : 0);
	return m > 12 ? m - 12 : m;
}

/* Index of month 1 in a span: months 11 and 12 come first, plus a leap
 * month when one of them is repeated. */
static int span_first(const struct lunar_span *s)
{
	return (s->leap == 1 || s->leap == 2) ? 3 : 2;
}

void lunar_from_day(int64_t day, struct lunar_date *out)
{
	int y, m, d;
	struct lunar_span s;

	civil_from_days(day, &y, &m, &d);
	lunar_span(y, &s);
	if (day >= s.start[s.n])
		lunar_span(++y, &s);
	int i = 0;
	while (i + 1 < s.n && s.start[i + 1] <= day)
		i++;
	out->year = i < span_first(&s) ? y - 1 : y;
	out->month = span_month(&s, i);
	out->day = (int)(day - s.start[i]) + 1;
	out->leap = i == s.leap;
}

int64_t lunar_to_day(const struct lunar_date *ld)
{
	struct lunar_span s;

	if (!ld || ld->year < 1800 || ld->year > 2200 || ld->month < 1 ||
	    ld->month > 12 || ld->day < 1 || ld->day > 30)
		return MC_NO_TIME;
	/* Months 11 and 12 of lunar year Y open the span ending in solar
	 * year Y+1; the other months sit in the span ending in year Y. */
	bool late = ld->month >= 11;
	lunar_span(late ? ld->year + 1 : ld->year, &s);
	int from = late ? 0 : span_first(&s);
	int to = late ? span_first(&s) : s.n;
	for (int i = from; i < to; i++) {
		if (span_month(&s, i) != ld->month || (i == s.leap) != ld->leap)
			continue;
		if (ld->day > s.start[i + 1] - s.start[i])
			return MC_NO_TIME;
		return s.start[i] + ld->day - 1;
	}
	return MC_NO_TIME;
}

int64_t lunar_new_year(int year)
{
	struct lunar_date ld = {.year = year, .month = 1, .day = 1};
	return lunar_to_day(&ld);
}
