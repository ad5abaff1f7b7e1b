/*
 * limits.h - the size limits of every input field, in one table, and the
 * characters a field may hold. Every edge (HTTP bodies, filings, the
 * catalogue and import lines) checks its text fields against this table,
 * so a limit is changed here and nowhere else. See
 * docs/internals/limits.md for the table and why each number.
 */
#ifndef MC_CORE_LIMITS_H
#define MC_CORE_LIMITS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* One kind of text field. */
enum limit_id {
	LIMIT_CODE,         /* MaTTHC, DonViXuLy, unit and procedure codes */
	LIMIT_DOSSIER_CODE, /* MaHoSo, dossier codes in paths and bodies */
	LIMIT_NAME,         /* ChuHoSo: a person's or a business's name */
	LIMIT_ID,           /* SoGiayToChuHoSo */
	LIMIT_ID_TYPE,      /* LoaiGiayToChuHoSo */
	LIMIT_PHONE,        /* SoDienThoai */
	LIMIT_EMAIL,        /* Email */
	LIMIT_SUMMARY,      /* TrichYeuHoSo */
	LIMIT_COMPONENT,    /* MaThanhPhanHoSo, a result's name and code */
	LIMIT_FILE_NAME,    /* TenTepDinhKem */
	LIMIT_URL,          /* DuongDanTaiTepTin, a result's address */
	LIMIT_NOTE,         /* a lifecycle step's note or reason */
	LIMIT_TEXT,         /* feedback and its answer */
	LIMIT_USERNAME,     /* login */
	LIMIT_PASSWORD,     /* login */
	LIMIT_SECRET,       /* a tracking secret */
	LIMIT_WORD,         /* a keyword: decision, rating, outcome, period */
	LIMIT_CATALOGUE,    /* a procedure's, unit's or field's name */
	LIMIT__COUNT
};

struct limit {
	const char *what; /* for the documentation and the tests */
	size_t max;       /* bytes of UTF-8 */
	bool multiline;   /* tab, CR and LF allowed */
};

extern const struct limit limits[LIMIT__COUNT];

/* Counts. */
#define LIMIT_COMPONENTS 50   /* TaiLieuNop of one dossier */
#define LIMIT_RESULTS 32      /* DanhSachGiayToKetQua, finish's results */
#define LIMIT_FEES 20         /* DanhSachLePhi */
#define LIMIT_SUPPLEMENTS 20  /* DanhSachHoSoBoSung (imports) */
#define LIMIT_UNKNOWN_KEYS 64 /* members of a line this code does not know */
#define LIMIT_DEPTH 8         /* nesting of an HTTP request body */

/* Check s (NULL passes) against limit id: its length, valid UTF-8, no
 * control characters (but tab, CR, LF in a multi-line field) and no
 * bidirectional embedding, override or isolate characters (U+202A-U+202E,
 * U+2066-U+2069), which can make a name read differently from what is
 * stored. MC_ERR_INPUT naming field. */
enum mc_code limit_check(enum limit_id id, const char *field, const char *s,
			 struct mc_err *err);
/* The length alone: for imports, which keep an old system's text as it
 * was (see import.md). */
enum mc_code limit_length(enum limit_id id, const char *field, const char *s,
			  struct mc_err *err);
/* A count against its limit, e.g. limit_count("TaiLieuNop", n,
 * LIMIT_COMPONENTS, err). */
enum mc_code limit_count(const char *field, size_t n, size_t max,
			 struct mc_err *err);

/* Every text field and list of a dossier against its limit, by length
 * only (imports keep an old system's characters); the field is named as
 * the portal names it, e.g. "TaiLieuNop[3].TenTepDinhKem". */
struct dossier;
enum mc_code limit_dossier(const struct dossier *d, struct mc_err *err);

#endif
