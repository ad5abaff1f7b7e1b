/*
 * index_columns.c - the columns of the service index (see
 * index_columns.h), in the order the tables show them.
 */
#include "core/index_columns.h"

#define GROUP(g, k, vi, en)                                               \
	[INDEX_COL_FIRST_GROUP + (g)] = {k,   vi,   en,  INDEX_COL_GROUP, \
					 (g), NULL, NULL}
#define IND(i, k, vi, en)            \
	[INDEX_COL_FIRST_INDICATOR + \
		(i)] = {k, vi, en, INDEX_COL_INDICATOR, (i), NULL, NULL}

const struct index_column index_columns[INDEX_N_COLUMNS] = {
	[0] = {"rank", "Hạng", "Rank", INDEX_COL_RANK, 0, NULL, NULL},
	[1] = {"score", "Điểm", "Score", INDEX_COL_SCORE, 0, NULL, NULL},
	GROUP(GRP_TRANSPARENCY, "transparency", "Công khai, minh bạch",
	      "Transparency"),
	GROUP(GRP_PROGRESS, "progress", "Tiến độ giải quyết", "Progress"),
	GROUP(GRP_ONLINE_SERVICE, "online_service", "Dịch vụ trực tuyến",
	      "Online service"),
	GROUP(GRP_ONLINE_PAYMENT, "online_payment", "Thanh toán trực tuyến",
	      "Online payment"),
	GROUP(GRP_DIGITIZATION, "digitization", "Số hóa hồ sơ", "Digitization"),
	GROUP(GRP_SATISFACTION, "satisfaction", "Mức độ hài lòng",
	      "Satisfaction"),
	IND(IND_ONLINE_DOSSIERS, "online_dossiers", "Hồ sơ trực tuyến",
	    "Online dossiers"),
	IND(IND_ONLINE_PAYMENT, "online_payment", "Thanh toán trực tuyến",
	    "Online payment"),
	IND(IND_DIGITIZED, "digitized_components", "Số hóa thành phần hồ sơ",
	    "Digitized components"),
	IND(IND_E_RESULTS, "electronic_results", "Cấp kết quả điện tử",
	    "Electronic results"),
	IND(IND_DATA_REUSE, "data_reuse", "Khai thác, sử dụng lại dữ liệu",
	    "Reuse of digitized data"),
	IND(IND_POPULATION_DATA, "population_data",
	    "Khai thác CSDL quốc gia về dân cư", "Population database checks"),
	IND(IND_ONLINE_SERVICES, "online_services_with_dossiers",
	    "DVC trực tuyến có phát sinh hồ sơ trực tuyến",
	    "Online services with online dossiers"),
	IND(IND_PAYING_PROCEDURES, "paying_procedures_with_online_payment",
	    "TTHC có phí phát sinh thanh toán trực tuyến",
	    "Paying procedures with online payment"),
	[INDEX_COL_FIRST_INDICATOR + IND_ON_TIME] =
		{"on_time",
		 "Tiến độ giải quyết (chỉ số 766), trên tất cả hồ sơ đã và "
		 "đang giải quyết",
		 "Progress (index 766), of all dossiers handled",
		 INDEX_COL_INDICATOR, IND_ON_TIME,
		 "(Đã giải quyết trước hạn, đúng hạn + Đang giải quyết còn "
		 "trong hạn) ÷ (Đã giải quyết + Đang giải quyết) trong kỳ; hồ "
		 "sơ yêu cầu bổ sung từ 2 lần tính trễ hạn, hồ sơ dừng xử lý "
		 "hoặc rút không tính. Khác tỉ lệ đúng hạn của mẫu II.06a: mẫu "
		 "số gồm cả hồ sơ chưa đến hạn.",
		 "(resolved early or on time + still open and in time) ÷ "
		 "(resolved + still open) in the period; a dossier with two or "
		 "more supplement requests counts as late, stopped and "
		 "withdrawn ones are left out. Unlike the II.06a on-time rate, "
		 "the denominator includes dossiers not yet due."},
	IND(IND_SATISFACTION, "satisfaction", "Mức độ hài lòng",
	    "Satisfaction"),
	IND(IND_FEEDBACK_ON_TIME, "feedback_on_time",
	    "Phản ánh kiến nghị xử lý đúng hạn", "Feedback answered on time"),
	IND(IND_PUBLICATION, "publication_on_time", "Công khai TTHC đúng hạn",
	    "Procedures publicized on time"),
};

const char *index_col_part_name(enum index_col_part p)
{
	static const char *const names[] = {"rank", "score", "group",
					    "indicator"};
	return p <= INDEX_COL_INDICATOR ? names[p] : "?";
}

const char *index_col_type_name(enum index_col_part p)
{
	return p == INDEX_COL_RANK        ? "rank"
	       : p == INDEX_COL_INDICATOR ? "rate"
					  : "points";
}
