/*
 * quality.c - release, and the fields each anomaly involves with their
 * values (see quality.h).
 */
#include "core/quality.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void quality_list_release(struct quality_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].code);
		free(l->items[i].unit_code);
		free(l->items[i].unit_name);
	}
	free(l->items);
	free(l->unit);
	free(l->unit_name);
	memset(l, 0, sizeof(*l));
}

static void field(struct quality_field *f, const char *name, int64_t t)
{
	snprintf(f->name, sizeof(f->name), "%s", name);
	if (t == MC_NO_TIME)
		f->value[0] = '\0';
	else
		civil_format_local(t, f->value);
}

/* The first supplement round completed before it was asked for. */
static size_t supplement_fields(const struct dossier *d,
				struct quality_field out[2])
{
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		if (r->completed == MC_NO_TIME || r->completed >= r->requested)
			continue;
		char name[64];
		snprintf(name, sizeof(name),
			 "DanhSachHoSoBoSung[%zu].NgayBoSung", i);
		field(&out[0], name, r->requested);
		snprintf(name, sizeof(name),
			 "DanhSachHoSoBoSung[%zu].NgayTiepNhanBoSung", i);
		field(&out[1], name, r->completed);
		return 2;
	}
	return 0;
}

size_t quality_fields(const struct dossier *d, enum dossier_anomaly a,
		      struct quality_field out[2])
{
	switch (a) {
	case ANOMALY_RECEIVED_BEFORE_SUBMITTED:
		field(&out[0], "NgayNopHoSo", d->submitted);
		field(&out[1], "NgayTiepNhan", d->received);
		return 2;
	case ANOMALY_DUE_BEFORE_RECEIVED:
	case ANOMALY_DUE_MISSING:
		field(&out[0], "NgayTiepNhan", d->received);
		field(&out[1], "NgayHenTra", d->due);
		return 2;
	case ANOMALY_FINISHED_BEFORE_RECEIVED:
		field(&out[0], "NgayTiepNhan", d->received);
		field(&out[1], "NgayKetThucXuLy", d->finished);
		return 2;
	case ANOMALY_RETURNED_BEFORE_FINISHED:
		field(&out[0], "NgayKetThucXuLy", d->finished);
		field(&out[1], "NgayTra", d->returned);
		return 2;
	case ANOMALY_SUPPLEMENT_BACKWARDS: return supplement_fields(d, out);
	case ANOMALY_OPEN_WITH_END:
		snprintf(out[0].name, sizeof(out[0].name), "TrangThaiHoSo");
		snprintf(out[0].value, sizeof(out[0].value), "%d",
			 (int)d->status);
		field(&out[1], "NgayKetThucXuLy", d->finished);
		return 2;
	case ANOMALY__COUNT: break;
	}
	MC_BUG("unknown anomaly %d", (int)a);
}
