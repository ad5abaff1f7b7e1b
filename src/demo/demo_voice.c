/*
 * demo_voice.c - what the demo's citizens say about their dossiers
 * (ratings, feedback) and when the demo's procedures were publicized:
 * the inputs of the service index's satisfaction, feedback and
 * publication indicators. Each draw has its own stream (purpose 7, 8, 9),
 * so adding them shifted no dossier.
 */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "demo/demo_int.h"

#define HOUR 3600
#define DAY 86400

enum { PURPOSE_RATING = 7, PURPOSE_FEEDBACK = 8, PURPOSE_PUBLICATION = 9 };

static bool finished_late(const struct dossier *d)
{
	return d->finished != MC_NO_TIME && d->due != MC_NO_TIME &&
	       civil_local_day(d->finished) > civil_local_day(d->due);
}

/* About a third of the results handed over are rated, within three days,
 * on the channel the citizen has at hand; a late result is far more
 * often rated dissatisfied. */
static enum mc_code rate(struct demo_ctx *c, const struct dossier *d,
			 uint32_t seq, struct mc_err *err)
{
	static const char *const channels[] = {"portal", "kiosk", "zalo",
					       "sms"};
	struct demo_rng r = demo_rng_for(c->seed, PURPOSE_RATING, seq);
	if (d->status != ST_RETURNED || d->returned == MC_NO_TIME ||
	    !demo_rng_chance(&r, 0.35))
		return MC_OK;
	struct rating rt = {
		.dossier_code = d->code,
		.at = d->returned + demo_rng_range(&r, 600, 3 * DAY),
		.channel = channels[demo_rng_below(&r, 4)],
	};
	if (rt.at > c->cut)
		return MC_OK;
	double bad = finished_late(d) ? 0.30 : 0.04, x = demo_rng_unit(&r);
	rt.value = x < bad          ? RATING_DISSATISFIED
		   : x < bad + 0.10 ? RATING_NEUTRAL
				    : RATING_SATISFIED;
	enum mc_code rc = store_rating_put(c->st, &rt, err);
	if (!rc && c->sum) {
		c->sum->ratings++;
		c->sum->dissatisfied += rt.value == RATING_DISSATISFIED;
	}
	return rc;
}

/* A few accepted dossiers draw feedback (phản ánh, kiến nghị) to their
 * unit, late ones more: most answered within the ten days allowed, some
 * later, some not at all; nothing is answered after the snapshot. */
static enum mc_code complain(struct demo_ctx *c, const struct dossier *d,
			     uint32_t seq, struct mc_err *err)
{
	struct demo_rng r = demo_rng_for(c->seed, PURPOSE_FEEDBACK, seq);
	if (d->received == MC_NO_TIME ||
	    !demo_rng_chance(&r, finished_late(d) ? 0.06 : 0.008))
		return MC_OK;
	char id[96];
	snprintf(id, sizeof(id), "PA-%s", d->code);
	struct feedback f = {
		.id = id,
		.unit_code = d->unit_code,
		.dossier_code = d->code,
		.received_at = d->received + demo_rng_range(&r, HOUR, 20 * DAY),
		.answered_at = MC_NO_TIME,
	};
	if (f.received_at > c->cut)
		return MC_OK;
	double x = demo_rng_unit(&r);
	if (x < 0.80)
		f.answered_at =
			f.received_at + demo_rng_range(&r, HOUR, 10 * DAY);
	else if (x < 0.92)
		f.answered_at = f.received_at +
				demo_rng_range(&r, 10 * DAY + HOUR, 25 * DAY);
	if (f.answered_at > c->cut)
		f.answered_at = MC_NO_TIME;
	f.outcome = f.answered_at == MC_NO_TIME ? NULL : "answered";
	enum mc_code rc = store_feedback_put(c->st, &f, err);
	if (!rc && c->sum)
		c->sum->feedback++;
	return rc;
}

enum mc_code demo_voice(struct demo_ctx *c, const struct dossier *d,
			uint32_t seq, struct mc_err *err)
{
	enum mc_code rc = rate(c, d, seq, err);
	return rc ? rc : complain(c, d, seq, err);
}

/* Every procedure was decided some time before the demo's last day and
 * took effect 10-45 days later; most were publicized by then, some
 * after. */
enum mc_code demo_publication(struct store *st, const struct demo_world *w,
			      uint64_t seed, int64_t until, int64_t days,
			      struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < w->n_procs; i++) {
		struct demo_rng r =
			demo_rng_for(seed, PURPOSE_PUBLICATION, (uint64_t)i);
		struct procedure_publication p = {
			.procedure_code = w->procs[i].p.code,
			.decided = until - demo_rng_range(&r, 30, days + 365),
		};
		p.effective = p.decided + demo_rng_range(&r, 10, 45);
		p.publicized =
			demo_rng_chance(&r, 0.85)
				? p.decided + demo_rng_range(&r, 1,
							     p.effective -
								     p.decided)
				: p.effective + demo_rng_range(&r, 1, 20);
		rc = store_publication_put(st, &p, err);
	}
	return rc;
}
