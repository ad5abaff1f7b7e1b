/*
 * pki.h - the units' signing keys as the application sees them: which
 * units get a demonstration key, a real key for a known unit, the list
 * of units and their certificates, and a signature's verdict with the
 * signer's unit named. The keys themselves are src/pki/'s business.
 */
#ifndef MC_APP_PKI_H
#define MC_APP_PKI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/unit.h"
#include "pki/pki.h"

struct app;

/* Open the key directory dir for app (created, mode 0700, when create
 * is set); closed by app_close. Until then the functions below answer
 * MC_ERR_STATE naming "pki". */
enum mc_code app_pki_open(struct app *app, const char *dir, bool create,
			  struct mc_err *err);

/* What `pki init` did. */
struct app_pki_init_result {
	bool ca_made;  /* the demonstration CA was made now */
	size_t issued; /* units given a key now */
	size_t had;    /* units in service that already had one */
};

/* The demonstration CA (named after the province, the root unit) when
 * there is none, then a key and certificate for every unit in service
 * today that has none. */
enum mc_code app_pki_init(struct app *app, struct app_pki_init_result *res,
			  struct mc_err *err);

/* A real key and certificate for a known unit (MC_ERR_NOT_FOUND naming
 * "unit" when unknown); see pki_import_p12. */
enum mc_code app_pki_import(struct app *app, const char *unit, const void *p12,
			    size_t n, const char *password, const void *ca_pem,
			    size_t ca_n, struct mc_err *err);

/* Each unit in service with its certificate (has false when none). */
typedef enum mc_code (*app_pki_unit_fn)(const struct unit *u, bool has,
					const struct pki_cert_info *cert,
					void *ctx, struct mc_err *err);
enum mc_code app_pki_list(struct app *app, app_pki_unit_fn fn, void *ctx,
			  struct mc_err *err);

/* A signature's verdict (pki_verify) and the name of the signer's unit
 * ("" when the signer is not one of ours). */
struct app_verdict {
	struct pki_verdict v;
	char unit_name[256];
};
enum mc_code app_verify(struct app *app, int fd, const void *sig, size_t sig_n,
			struct app_verdict *out, struct mc_err *err);
/* The same from the file's SHA-256 (pki_verify_digest). */
enum mc_code app_verify_digest(struct app *app, const unsigned char sha256[32],
			       const void *sig, size_t sig_n,
			       struct app_verdict *out, struct mc_err *err);

#endif
