/*
 * demo_dossier.c - one demo dossier's life: filing, reception, processing
 * with supplement rounds and financial obligations, finishing and handing
 * over, each step applied by the real lifecycle arithmetic
 * (core/lifecycle.c) so that statuses, times and due dates are exactly
 * what the live operations would leave. Steps that would fall after the
 * snapshot instant do not happen, which leaves the last weeks' dossiers
 * open. The dossier is stored once, then its steps are logged.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil.h"
#include "core/lifecycle.h"
#include "core/str.h"
#include "demo/demo_int.h"

#define HOUR 3600
#define WDAY (8 * HOUR) /* one working day of working time */
#define MAX_STEPS 16

/* What becomes of a dossier, drawn once at filing. */
enum fate { FATE_RESOLVED, FATE_REFUSED, FATE_WITHDRAWN, FATE_STOPPED };
/* How a resolved dossier finishes against its due date. */
enum pace { PACE_EARLY, PACE_ON_TIME, PACE_LATE, PACE_STUCK };

struct step_rec {
	int64_t at;
	enum dossier_op op;
	int old_status, new_status;
	const char *actor;
	const char *note;
};

struct sim {
	struct demo_ctx *c;
	const struct demo_proc *dp;
	struct demo_rng r;
	struct time_rules tr;
	struct dossier d;
	struct step_rec steps[MAX_STEPS];
	size_t n_steps;
	bool filed;    /* the first step happened */
	bool halted;   /* a step fell after the cut: the story ends here */
	int64_t last;  /* time of the last step */
	size_t ui;     /* the unit it is at (index in the world) */
	size_t logged; /* steps already in the event log */
	size_t moved;  /* transfers at a closing, logged by the operation */
	char note[64];
};

static const char *const refuse_notes[] = {
	"Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
	"Đối tượng không thuộc phạm vi điều chỉnh của thủ tục",
	"Hồ sơ trùng lặp, người nộp đã nộp hồ sơ khác cùng nội dung",
	"Thông tin kê khai không khớp với Cơ sở dữ liệu quốc gia về dân cư"};
static const char *const supplement_notes[] = {
	"Bổ sung bản sao giấy tờ chứng minh nguồn gốc theo quy định",
	"Bổ sung văn bản ủy quyền có chứng thực",
	"Tờ khai chưa ghi đầy đủ thông tin, đề nghị kê khai lại",
	"Bổ sung bản vẽ, sơ đồ vị trí kèm theo hồ sơ",
	"Tài liệu nộp trực tuyến chưa có chữ ký số hợp lệ"};
static const char *const stop_notes[] = {
	"Hồ sơ không đủ điều kiện giải quyết theo quy định",
	"Kết quả thẩm định, xác minh thực tế không đạt",
	"Quá thời hạn bổ sung mà người nộp không bổ sung hồ sơ"};

static const struct {
	const char *code, *file;
} component_names[] = {{"TP1", "To khai.pdf"},
		       {"TP2", "Ban sao CCCD.pdf"},
		       {"TP3", "Giay to chung minh.pdf"},
		       {"TP4", "Van ban uy quyen.pdf"}};

#define PICK(r, arr) ((arr)[demo_rng_below((r), sizeof(arr) / sizeof(*(arr)))])

/* ---- time helpers ---------------------------------------------------- */

static int64_t ws(struct sim *s, int64_t from, int64_t to)
{
	return calendar_working_seconds(s->tr.cal, s->tr.hours, from, to);
}

static int64_t add(struct sim *s, int64_t t, int64_t seconds)
{
	return calendar_add_working(s->tr.cal, s->tr.hours, t,
				    seconds < 0 ? 0 : seconds);
}

static int64_t day_start(int64_t t)
{
	return civil_time_at(civil_local_day(t), 0);
}

/* A working-time delay between lo and hi seconds, skewed short. */
static int64_t delay(struct sim *s, int64_t lo, int64_t hi)
{
	double u = demo_rng_unit(&s->r);
	return lo + (int64_t)((double)(hi - lo) * u * u);
}

/* The instant a fraction (lo..hi) of the working time before `until`
 * has passed since the last step. */
static int64_t partway(struct sim *s, int64_t until, double lo, double hi)
{
	int64_t w = ws(s, s->last, until);
	double f = lo + (hi - lo) * demo_rng_unit(&s->r);
	return add(s, s->last, 1 + (int64_t)((double)w * f));
}

/* ---- steps ----------------------------------------------------------- */

static enum mc_code log_steps(struct sim *s, struct mc_err *err);

/* The unit closed: what happened so far is stored, the real transfer
 * operation moves the dossier to the successor (and logs it), and its
 * life goes on there. */
static enum mc_code transfer(struct sim *s, size_t to, int64_t at,
			     struct mc_err *err)
{
	enum mc_code rc = app_dossier_put(s->c->app, &s->d, NULL, err);
	if (!rc)
		rc = log_steps(s, err);
	if (rc)
		return rc;
	const struct demo_unit *u = &s->c->w->units[to];
	/* the province's reorganisation, run as a system job */
	const struct actor province = ACTOR_OPERATOR("quantri.tinh");
	struct op_request req = {
		.params = {.op = OP_TRANSFER,
			   .at = at,
			   .to_unit = u->u.code,
			   .note = "Sắp xếp tổ chức, đơn vị hành chính: chuyển "
				   "sang đơn vị kế thừa"},
		.code = s->d.code,
		.actor = &province};
	struct dossier moved;
	if ((rc = app_lifecycle_within(s->c->app, &req, &moved, err)))
		return rc;
	dossier_release(&s->d);
	s->d = moved;
	s->ui = to;
	s->tr.hours = &u->oh;
	s->last = at;
	s->moved++;
	return MC_OK;
}

/* Before a step at `at`: if the dossier's unit has closed by then, in a
 * status the transfer allows (accepted, processing), move it at the
 * closing (or at its last step, if that came later). */
static enum mc_code follow_closing(struct sim *s, int64_t at,
				   struct mc_err *err)
{
	const struct demo_world *w = s->c->w;
	enum mc_code rc = MC_OK;
	while (!rc && s->filed && w->units[s->ui].next >= 0 &&
	       (s->d.status == ST_ACCEPTED || s->d.status == ST_PROCESSING)) {
		int64_t closed =
			civil_time_at(w->units[s->ui].u.valid_to + 1, 0);
		if (closed > at)
			break;
		rc = transfer(s, (size_t)w->units[s->ui].next,
			      closed > s->last ? closed : s->last, err);
	}
	return rc;
}

/* Apply one operation as the live system would, unless it falls after
 * the cut (then the dossier stays as it is at the snapshot). */
static enum mc_code step(struct sim *s, struct op_params p, const char *actor,
			 struct mc_err *err)
{
	if (s->halted)
		return MC_OK;
	enum mc_code rc =
		follow_closing(s, p.at < s->c->cut ? p.at : s->c->cut, err);
	if (rc)
		return rc;
	/* moved before it was started: the transfer started it there */
	if (p.op == OP_START && s->d.status == ST_PROCESSING)
		return MC_OK;
	if (p.at > s->c->cut) {
		s->halted = true;
		return MC_OK;
	}
	if (p.at < s->last)
		p.at = s->last;
	int old = s->filed ? (int)s->d.status : 0;
	rc = dossier_op_allowed(p.op, old, err);
	if (!rc)
		rc = lifecycle_mutate(&s->d, &p, &s->tr, err);
	if (rc)
		return rc;
	if (s->n_steps == MAX_STEPS)
		MC_BUG("demo: a dossier took more than %d steps", MAX_STEPS);
	s->steps[s->n_steps++] = (struct step_rec){
		p.at, p.op, old, (int)s->d.status, actor, p.note};
	s->filed = true;
	s->last = p.at;
	return MC_OK;
}

static enum mc_code op(struct sim *s, enum dossier_op o, int64_t at,
		       const char *actor, const char *note, struct mc_err *err)
{
	struct op_params p = {.op = o, .at = at, .note = note};
	return step(s, p, actor, err);
}

static bool ended(const struct sim *s)
{
	return s->halted || s->d.status == ST_NOT_ACCEPTED ||
	       dossier_status_ended(s->d.status);
}

/* ---- the filing ------------------------------------------------------ */

static bool add_components(struct sim *s)
{
	struct dossier *d = &s->d;
	bool online = d->channel == CHANNEL_ONLINE;
	bool all = online || demo_rng_chance(&s->r, 0.86);
	for (int i = 0; i < s->dp->n_components; i++) {
		struct dossier_component *c = ARRAY_PUSH(
			d->components, d->n_components, d->cap_components);
		if (!c || !str_set(&c->code, component_names[i].code) ||
		    !str_set(&c->file_name, component_names[i].file))
			return false;
		c->digitized = all || demo_rng_chance(&s->r, 0.5);
		/* the ID card comes from the population database */
		c->from_national_store =
			i == 1 && d->verified && demo_rng_chance(&s->r, 0.55);
		c->reused = !c->from_national_store && c->digitized &&
			    demo_rng_chance(&s->r, online ? 0.3 : 0.15);
	}
	d->digitized = dossier_all_digitized(d);
	return true;
}

static bool add_fees(struct sim *s)
{
	struct dossier *d = &s->d;
	const struct procedure *p = &s->dp->p;
	bool online_pay = d->channel == CHANNEL_ONLINE &&
			  procedure_fee_total(p) > 0 &&
			  demo_rng_chance(&s->r, 0.78);
	for (size_t i = 0; i < p->n_fees; i++) {
		struct dossier_fee *f =
			ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
		if (!f || !str_set(&f->code, p->fees[i].code) ||
		    !str_set(&f->name, p->fees[i].name))
			return false;
		f->amount = procedure_fee_charged(&p->fees[i],
						  d->channel == CHANNEL_ONLINE);
		f->method = online_pay ? 3 : 1;
	}
	if (online_pay)
		d->paid_online = demo_rng_chance(&s->r, 0.4) ? PAID_NATIONAL
							     : PAID_PROVINCIAL;
	return true;
}

static enum mc_code fill_filing(struct sim *s, const struct demo_plan *pl,
				struct mc_err *err)
{
	struct dossier *d = &s->d;
	const struct procedure *p = &s->dp->p;
	const struct demo_unit *u = &s->c->w->units[pl->unit];
	d->channel = pl->channel;
	if (!str_set(&d->unit_code, u->u.code) ||
	    !str_set(&d->procedure_code, p->code) ||
	    !str_set(&d->procedure_name, p->name) ||
	    !str_set(&d->field_code, p->field_code) ||
	    !str_set(&d->field_name, p->field_name) ||
	    !demo_applicant(&s->r, s->dp->who, civil_local_day(pl->at),
			    pl->channel, d) ||
	    !add_components(s) || !add_fees(s))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return store_dossier_next_code(s->c->st, u->u.code,
				       civil_local_day(pl->at), &d->code, err);
}

/* ---- reception ------------------------------------------------------- */

static enum mc_code accept(struct sim *s, int64_t at, struct mc_err *err)
{
	struct op_params p = {.op = OP_ACCEPT, .at = at};
	enum mc_code rc = step(s, p, "canbo.motcua", err);
	if (rc || s->halted)
		return rc;
	/* the receipt's appointment, as the event log shows it */
	char buf[CIVIL_BUF];
	snprintf(s->note, sizeof(s->note), "Hẹn trả %s",
		 civil_format_local(s->d.due, buf));
	s->steps[s->n_steps - 1].note = s->note;
	return MC_OK;
}

static enum mc_code receive_online(struct sim *s, enum fate fate,
				   struct mc_err *err)
{
	int64_t t = add(s, s->last, delay(s, 600, 6 * HOUR));
	enum mc_code rc;
	if (fate == FATE_REFUSED)
		return op(s, OP_REFUSE, t, "canbo.motcua",
			  PICK(&s->r, refuse_notes), err);
	if (demo_rng_chance(&s->r, 0.025)) {
		if ((rc = op(s, OP_ASK_SUPPLEMENT_AT_RECEPTION, t,
			     "canbo.motcua", PICK(&s->r, supplement_notes),
			     err)))
			return rc;
		t = add(s, t, delay(s, WDAY / 2, 5 * WDAY));
		if ((rc = op(s, OP_COMPLETE_SUPPLEMENT, t, "congdan",
			     "Người nộp đã bổ sung hồ sơ trực tuyến", err)))
			return rc;
		t = add(s, t, delay(s, 900, 4 * HOUR));
	}
	if (fate == FATE_WITHDRAWN && demo_rng_chance(&s->r, 0.3))
		return op(s, OP_WITHDRAW, t, "canbo.motcua",
			  "Người nộp đề nghị rút hồ sơ trước khi tiếp nhận",
			  err);
	return accept(s, t, err);
}

static enum mc_code receive(struct sim *s, const struct demo_plan *pl,
			    enum fate fate, struct mc_err *err)
{
	s->last = pl->at;
	if (pl->channel == CHANNEL_ONLINE) {
		enum mc_code rc =
			op(s, OP_REGISTER, pl->at, "dvc.tructuyen", NULL, err);
		return rc ? rc : receive_online(s, fate, err);
	}
	if (pl->channel == CHANNEL_POSTAL) /* posted a few days before */
		s->d.submitted = pl->at - demo_rng_range(&s->r, 1, 3) * 86400 -
				 demo_rng_range(&s->r, 0, 4 * HOUR);
	if (fate == FATE_REFUSED)
		return op(s, OP_REFUSE, pl->at, "canbo.motcua",
			  PICK(&s->r, refuse_notes), err);
	return accept(s, pl->at, err);
}

/* ---- processing ------------------------------------------------------ */

static enum mc_code supplements(struct sim *s, struct mc_err *err)
{
	int rounds = demo_rng_chance(&s->r, 0.065)
			     ? (demo_rng_chance(&s->r, 0.15) ? 2 : 1)
			     : 0;
	enum mc_code rc = MC_OK;
	for (int i = 0; !rc && i < rounds && !ended(s); i++) {
		if (ws(s, s->last, s->d.due) < HOUR)
			break;
		int64_t asked = partway(s, s->d.due, 0.1, 0.7);
		rc = op(s, OP_REQUEST_SUPPLEMENT, asked, "chuyenvien.xuly",
			PICK(&s->r, supplement_notes), err);
		/* most answer within days; some take weeks */
		int64_t wait = demo_rng_chance(&s->r, 0.15)
				       ? delay(s, 10 * WDAY, 40 * WDAY)
				       : delay(s, WDAY / 2, 8 * WDAY);
		if (!rc)
			rc = op(s, OP_COMPLETE_SUPPLEMENT, add(s, asked, wait),
				"canbo.motcua", "Người nộp đã bổ sung hồ sơ",
				err);
	}
	return rc;
}

/* Land dossiers wait while the tax office assesses and the applicant
 * pays; the wait fits before the due date. */
static enum mc_code financial(struct sim *s, struct mc_err *err)
{
	if (!s->dp->financial || !demo_rng_chance(&s->r, 0.4) ||
	    ws(s, s->last, day_start(s->d.due)) < 2 * HOUR)
		return MC_OK;
	int64_t ds = day_start(s->d.due);
	enum mc_code rc = op(s, OP_REQUEST_FINANCIAL, partway(s, ds, 0.05, 0.3),
			     "chuyenvien.xuly",
			     "Chuyển thông tin xác định nghĩa vụ tài chính "
			     "sang cơ quan thuế",
			     err);
	if (rc || ended(s))
		return rc;
	return op(s, OP_FULFIL_FINANCIAL, partway(s, ds, 0.3, 0.85),
		  "canbo.motcua",
		  "Người sử dụng đất đã hoàn thành nghĩa vụ "
		  "tài chính",
		  err);
}

static enum pace draw_pace(struct sim *s)
{
	double x = demo_rng_unit(&s->r);
	return x < 0.89    ? PACE_EARLY
	       : x < 0.98  ? PACE_ON_TIME
	       : x < 0.995 ? PACE_LATE
			   : PACE_STUCK;
}

/* When the result is signed: before, on or after the due date. */
static int64_t finish_time(struct sim *s, enum pace pace)
{
	int64_t due = s->d.due, ds = day_start(due);
	if (s->last > due && pace < PACE_LATE)
		pace = PACE_LATE;
	if (pace == PACE_EARLY && ws(s, s->last, ds) >= 600)
		return partway(s, ds, 0.1, 0.95);
	if (pace <= PACE_ON_TIME) {
		int64_t from = s->last > ds ? s->last : ds;
		int64_t w = ws(s, from, due);
		return add(s, from,
			   (int64_t)((double)w *
				     (0.3 + 0.7 * demo_rng_unit(&s->r))));
	}
	int64_t next = civil_time_at(civil_local_day(due) + 1, 0);
	if (next < s->last)
		next = s->last;
	return pace == PACE_LATE ? add(s, next, delay(s, HOUR, 5 * WDAY))
				 : add(s, next, delay(s, 8 * WDAY, 40 * WDAY));
}

static enum mc_code finish(struct sim *s, struct mc_err *err)
{
	char code[96], url[160];
	bool e_result =
		!s->dp->p.paper_result ||
		demo_rng_chance(&s->r,
				s->d.channel == CHANNEL_ONLINE ? 0.97 : 0.86);
	snprintf(code, sizeof(code), "KQ-%s", s->d.code);
	snprintf(url, sizeof(url),
		 "https://dichvucong.binhan.gov.vn/ketqua/%s.pdf", s->d.code);
	struct dossier_result res = {
		.name = "Kết quả giải quyết thủ tục hành chính",
		.code = code,
		.url = e_result ? url : NULL};
	struct op_params p = {.op = OP_FINISH,
			      .at = finish_time(s, draw_pace(s)),
			      .results = &res,
			      .n_results = 1};
	return step(s, p, "lanhdao.donvi", err);
}

static enum mc_code hand_over(struct sim *s, struct mc_err *err)
{
	/* a few results are never collected */
	if (demo_rng_chance(&s->r, 0.004))
		return MC_OK;
	bool post =
		s->d.channel == CHANNEL_POSTAL || demo_rng_chance(&s->r, 0.04);
	int64_t wait = !s->dp->p.paper_result ? delay(s, 60, HOUR)
		       : post                 ? delay(s, WDAY, 3 * WDAY)
					      : delay(s, HOUR / 2, 4 * WDAY);
	struct op_params p = {.op = OP_RETURN,
			      .at = add(s, s->last, wait),
			      .delivery =
				      post ? DELIVERY_POST : DELIVERY_COUNTER};
	return step(s, p, "canbo.motcua", err);
}

static enum mc_code process(struct sim *s, enum fate fate, struct mc_err *err)
{
	/* the counter hands over within a day, sooner for short limits */
	int64_t quarter = ws(s, s->last, s->d.due) / 4;
	int64_t wait = delay(s, 0, quarter < WDAY ? quarter : WDAY);
	enum mc_code rc = op(s, OP_START, add(s, s->last, wait),
			     "chuyenvien.xuly", NULL, err);
	if (!rc && !ended(s))
		rc = supplements(s, err);
	if (!rc && !ended(s))
		rc = financial(s, err);
	if (rc || ended(s))
		return rc;
	if (fate == FATE_STOPPED)
		return op(s, OP_STOP, partway(s, s->d.due, 0.2, 0.9),
			  "lanhdao.donvi", PICK(&s->r, stop_notes), err);
	if (fate == FATE_WITHDRAWN)
		return op(s, OP_WITHDRAW, partway(s, s->d.due, 0.1, 0.8),
			  "canbo.motcua", "Người nộp có đơn xin rút hồ sơ",
			  err);
	if ((rc = finish(s, err)) || s->halted)
		return rc;
	return hand_over(s, err);
}

/* ---- storing --------------------------------------------------------- */

static enum mc_code log_steps(struct sim *s, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (; !rc && s->logged < s->n_steps; s->logged++) {
		const struct step_rec *st = &s->steps[s->logged];
		struct dossier_event ev = {
			.dossier_code = s->d.code,
			.at = st->at,
			.actor = (char *)st->actor,
			.unit_code = s->d.unit_code,
			.old_status = st->old_status,
			.new_status = st->new_status,
			.action = (char *)dossier_op_name(st->op),
			.note = (char *)st->note};
		rc = store_event_append(s->c->st, &ev, err);
	}
	return rc;
}

static void count(struct demo_summary *sum, const struct sim *s)
{
	const struct dossier *d = &s->d;
	sum->dossiers++;
	sum->events += s->n_steps + s->moved;
	sum->transferred += s->moved;
	sum->by_status[d->status]++;
	sum->by_channel[d->channel]++;
	for (size_t i = 0; i < d->n_supplements; i++)
		if (d->received != MC_NO_TIME &&
		    d->supplements[i].requested >= d->received) {
			sum->supplemented++;
			break;
		}
	if (d->finished != MC_NO_TIME && d->status >= ST_FINISHED &&
	    civil_local_day(d->finished) > civil_local_day(d->due))
		sum->late++;
	if (d->due != MC_NO_TIME && !dossier_status_ended(d->status) &&
	    d->due < s->c->cut)
		sum->overdue_open++;
}

static enum fate draw_fate(struct sim *s)
{
	double x = demo_rng_unit(&s->r);
	return x < 0.01   ? FATE_REFUSED
	       : x < 0.02 ? FATE_WITHDRAWN
	       : x < 0.03 ? FATE_STOPPED
			  : FATE_RESOLVED;
}

enum mc_code demo_dossier_make(struct demo_ctx *c, const struct demo_plan *pl,
			       struct mc_err *err)
{
	struct sim s = {.c = c, .dp = &c->w->procs[pl->proc], .ui = pl->unit};
	s.r = demo_rng_for(c->seed, 1, pl->seq);
	s.tr = (struct time_rules){&s.dp->p, c->cal, &c->w->units[pl->unit].oh};
	dossier_init(&s.d);
	enum fate fate = draw_fate(&s);
	enum mc_code rc = fill_filing(&s, pl, err);
	if (!rc)
		rc = receive(&s, pl, fate, err);
	if (!rc && !ended(&s) && s.d.status == ST_ACCEPTED)
		rc = process(&s, fate, err);
	/* numbered here, as the counter or the portal would */
	s.d.origin =
		s.d.channel == CHANNEL_ONLINE ? ORIGIN_ONLINE : ORIGIN_COUNTER;
	if (!rc && (rc = dossier_check(&s.d, err)) == MC_OK &&
	    (rc = app_dossier_put(c->app, &s.d, NULL, err)) == MC_OK &&
	    (rc = log_steps(&s, err)) == MC_OK)
		rc = demo_voice(c, &s.d, pl->seq, err);
	if (!rc && c->sum)
		count(c->sum, &s);
	dossier_release(&s.d);
	return rc;
}
