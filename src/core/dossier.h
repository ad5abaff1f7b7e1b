/*
 * dossier.h - one filing of one procedure by one applicant, with its
 * components, fees, results and supplement rounds, and the state machine
 * of its lifecycle (status codes 1-10 of the national portal).
 */
#ifndef MC_CORE_DOSSIER_H
#define MC_CORE_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum channel { CHANNEL_DIRECT = 1, CHANNEL_ONLINE = 2, CHANNEL_POSTAL = 3 };

enum dossier_status {
	ST_REGISTERED = 1, /* registered online, not yet accepted */
	ST_ACCEPTED = 2,
	ST_NOT_ACCEPTED = 3, /* refused at reception */
	ST_PROCESSING = 4,
	ST_SUPPLEMENT = 5, /* supplement requested, clock paused */
	ST_FINANCIAL = 6,  /* awaiting financial obligation */
	ST_WITHDRAWN = 7,
	ST_STOPPED = 8,  /* refused after appraisal */
	ST_FINISHED = 9, /* result ready */
	ST_RETURNED = 10 /* result handed to the applicant */
};

enum applicant_kind {
	APPLICANT_CITIZEN = 1,
	APPLICANT_BUSINESS = 2,
	APPLICANT_AGENCY = 3,
	APPLICANT_OTHER = 4
};

enum delivery { DELIVERY_COUNTER = 0, DELIVERY_POST = 1 };

/* How a fee was paid online: DuocThanhToanTrucTuyen. */
enum paid_online {
	PAID_NOT_ONLINE = 0,
	PAID_NATIONAL = 1,
	PAID_PROVINCIAL = 2
};

/* Where a dossier came from: imported from an old system's file, or
 * filed here (and so numbered by this system). */
enum dossier_origin {
	ORIGIN_UNKNOWN = 0, /* not stored yet */
	ORIGIN_IMPORT = 1,
	ORIGIN_ONLINE = 2,
	ORIGIN_COUNTER = 3
};

struct dossier_component {
	char *code, *file_name, *url;
	bool digitized, reused, from_national_store;
};

struct dossier_fee {
	char *code, *name;
	int64_t amount; /* charged: 0 once exempted */
	int method;     /* HinhThucThu, as the portal gives it */
	char *exempt;   /* the legal reason staff recorded; NULL: none */
};

struct dossier_result {
	char *name, *code; /* the document and its number */
	char *url;         /* where another system kept it (imports) */
	/* an electronic result this system issued: the SHA-256 of the file
	 * and of its detached CMS signature, both in the document store,
	 * and the signing time; set only by the application when it signs */
	char *file, *signature;
	int64_t signed_at;
};

/* Deep copy of src into dst (uninitialised); false on OOM, dst then
 * released. */
bool dossier_result_copy(struct dossier_result *dst,
			 const struct dossier_result *src);
void dossier_result_release(struct dossier_result *r);

struct supplement_round {
	int64_t requested, completed; /* completed MC_NO_TIME while open */
	int64_t due_before, due_after;
};

struct dossier {
	/* the store's own handle of the stored record: 0 for a dossier
	 * never read from or written to the store; only the store reads it */
	int64_t handle;
	char *code;
	char *procedure_code, *procedure_name, *field_code, *field_name;
	char *unit_code; /* the unit handling it (DonViXuLy) */
	enum channel channel;
	char *applicant_name, *applicant_id, *applicant_id_type;
	enum applicant_kind applicant_kind;
	char *phone, *email, *summary;
	int64_t submitted, received, due, finished, returned, refused;
	enum dossier_status status;
	enum delivery delivery;
	bool digitized; /* HoSoCoThanhPhanSoHoa */
	bool verified;  /* checked against the population database */
	enum paid_online paid_online;
	struct dossier_component *components;
	size_t n_components, cap_components;
	struct dossier_fee *fees;
	size_t n_fees, cap_fees;
	struct dossier_result *results;
	size_t n_results, cap_results;
	struct supplement_round *supplements;
	size_t n_supplements, cap_supplements;
	char *extra; /* unknown portal fields, as a JSON object text */
	/* provenance; import_file and imported_at only when imported */
	enum dossier_origin origin;
	char *import_file;
	int64_t imported_at;
};

void dossier_init(struct dossier *d);
void dossier_release(struct dossier *d);
/* Deep copy of src into dst (initialised here); false on OOM. */
bool dossier_copy(struct dossier *dst, const struct dossier *src);

const char *dossier_status_name(enum dossier_status s); /* Vietnamese */
const char *dossier_status_key(enum dossier_status s);  /* english key */
const char *channel_name(enum channel c);
const char *dossier_origin_key(enum dossier_origin o);  /* "import", ... */
const char *dossier_origin_name(enum dossier_origin o); /* Vietnamese */
/* Numbered by this system: filed online or at a counter here. */
bool dossier_numbered_here(enum dossier_origin o);

/* Refuses what makes a dossier unusable: a required field missing, a
 * value out of range, a bad citizen ID of a citizen applicant, a status
 * its own times contradict (ended without an end time, ending on an
 * earlier day than it was received, ...). Names the portal field at
 * fault. What is odd but usable is an anomaly, below. */
enum mc_code dossier_check(const struct dossier *d, struct mc_err *err);

/*
 * Anomalies: facts of an old system that are odd but leave the dossier
 * usable, stored as given and reported (docs/internals/import.md). A
 * closed list; a dossier's anomalies are a bit set (1u << kind).
 */
enum dossier_anomaly {
	ANOMALY_RECEIVED_BEFORE_SUBMITTED, /* clock skew at filing */
	ANOMALY_DUE_BEFORE_RECEIVED,       /* appointment before reception */
	ANOMALY_DUE_MISSING,               /* received, no appointment */
	ANOMALY_FINISHED_BEFORE_RECEIVED,  /* earlier the same day */
	ANOMALY_RETURNED_BEFORE_FINISHED,
	ANOMALY_SUPPLEMENT_BACKWARDS, /* completed before it was requested */
	ANOMALY_OPEN_WITH_END,        /* an end time, a status not ended */
	ANOMALY__COUNT
};

struct dossier_anomaly_kind {
	const char *key;    /* stable English key, e.g. "due_missing" */
	const char *label;  /* English, e.g. "missing due date" */
	const char *nhan;   /* Vietnamese label */
	const char *fields; /* the portal fields involved, comma-separated */
};

const struct dossier_anomaly_kind *dossier_anomaly_kind(enum dossier_anomaly a);
/* The kind whose key is `key`, or ANOMALY__COUNT. */
enum dossier_anomaly dossier_anomaly_by_key(const char *key);
/* The anomalies of d as a bit set; 0 for a clean dossier. */
unsigned dossier_anomalies(const struct dossier *d);
/* Take the first kind out of *set and return its description; NULL once
 * the set is empty: `while ((k = dossier_anomaly_next(&set, &a)))`. */
const struct dossier_anomaly_kind *
dossier_anomaly_next(unsigned *set, enum dossier_anomaly *kind);

/* Derived facts the reports and indices read. */
int64_t dossier_fee_total(const struct dossier *d);
bool dossier_all_digitized(const struct dossier *d);
bool dossier_any_reused(const struct dossier *d);
/* An electronic result: a result file this system holds with its
 * signature, or, for a dossier another system numbered (imported), the
 * result address that system recorded. A URL given when finishing a
 * dossier filed here is a link, not an electronic result. */
bool dossier_has_e_result(const struct dossier *d);
bool dossier_supplement_open(const struct dossier *d);
/* Ended: finished or returned (9, 10), stopped (8) or withdrawn (7). */
bool dossier_status_ended(enum dossier_status s);

/* The lifecycle operations and which statuses allow them. */
enum dossier_op {
	OP_REGISTER,                    /* new online filing -> 1 */
	OP_ACCEPT,                      /* reception accepts -> 2 */
	OP_REFUSE,                      /* reception refuses -> 3 */
	OP_ASK_SUPPLEMENT_AT_RECEPTION, /* reception asks to complete -> 5 */
	OP_START,                       /* start processing -> 4 */
	OP_TRANSFER,                    /* to another unit -> 4 */
	OP_REQUEST_SUPPLEMENT,          /* during processing -> 5 */
	OP_COMPLETE_SUPPLEMENT, /* -> 4, or back to 1 before acceptance */
	OP_REQUEST_FINANCIAL,   /* -> 6 */
	OP_FULFIL_FINANCIAL,    /* -> 4 */
	OP_FINISH,              /* result ready -> 9 */
	OP_STOP,                /* refused after appraisal -> 8 */
	OP_RETURN,              /* result handed over -> 10 */
	OP_WITHDRAW,            /* applicant withdraws -> 7 */
	OP_RESCHEDULE, /* a new appointment for a late dossier (form 04);
			  status and due date unchanged: it stays late */
	OP__COUNT
};

const char *dossier_op_name(enum dossier_op op);
/* MC_OK when `op` may run in status `from`, else MC_ERR_STATE naming the
 * status; a new filing has status 0. */
enum mc_code dossier_op_allowed(enum dossier_op op, int from,
				struct mc_err *err);

#endif
