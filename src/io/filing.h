/*
 * filing.h - a new filing as its applicant declares it, read from the
 * national portal's field names: the procedure (MaTTHC), the unit
 * (DonViXuLy), the applicant (ChuHoSo, SoGiayToChuHoSo,
 * LoaiGiayToChuHoSo, LoaiDoiTuong), the contact (SoDienThoai, Email), the
 * summary (TrichYeuHoSo) and the components with their files
 * (TaiLieuNop: MaThanhPhanHoSo, TenTepDinhKem, DuongDanTaiTepTin). At the
 * counter the clerk also records the channel (KenhThucHien, direct or
 * postal). Whether a component is digitized (DuocSoHoa) is the system's:
 * it holds the component's file (app/files.c).
 *
 * Everything else in the portal format is the system's or the staff's:
 * times, status, fees, results, supplement rounds, the VNeID, payment,
 * reuse and data-store flags. A filing that sends one is refused with
 * the field named and who sets it; the catalogue's copies of the
 * procedure's and field's names (TenTTHC, MaLinhVuc, TenLinhVuc) are
 * ignored, since the system takes them from the catalogue. Imports read
 * the complete format with portal.h instead.
 */
#ifndef MC_IO_FILING_H
#define MC_IO_FILING_H

#include <jansson.h>
#include <stddef.h>

#include "core/dossier.h"
#include "core/error.h"

enum filing_kind {
	FILING_ONLINE, /* a citizen on the portal: channel 2 */
	FILING_COUNTER /* received at the counter: channel 1 or 3 */
};

/* Read the filing object o into out (dossier_init'ed; released first).
 * On failure err names the field, e.g. "TaiLieuNop[1].DuocTaiSuDung". */
enum mc_code filing_read(json_t *o, enum filing_kind kind, struct dossier *out,
			 struct mc_err *err);
/* The same from JSON text (the command line's --file). */
enum mc_code filing_parse(const char *text, size_t len, enum filing_kind kind,
			  struct dossier *out, struct mc_err *err);

#endif
