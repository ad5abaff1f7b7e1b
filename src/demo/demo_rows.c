/*
 * demo_rows.c - the hand-written lines of the demo procedure catalogue:
 * real-sounding procedures of each field at the level that settles them,
 * with limits, online levels, fees and relative volumes as provinces see
 * them. Business and investment registration lines are generated in
 * demo_catalog.c. Fees are whole dong; 0 means no fee.
 */
#include "demo/demo_int.h"

const struct proc_row demo_proc_rows[] = {
	/* Đất đai */
	{"DAT-DAI", 'T', 9, 30, 'd', 1, 0, 2,
	 "Thẩm định nhu cầu sử dụng đất; thẩm định điều kiện giao đất, thuê "
	 "đất không thông qua hình thức đấu giá quyền sử dụng đất"},
	{"DAT-DAI", 'T', 9, 20, 'd', 1, 0, 2,
	 "Giao đất, cho thuê đất không thông qua hình thức đấu giá quyền sử "
	 "dụng đất đối với tổ chức"},
	{"DAT-DAI", 'T', 9, 15, 'd', 1, 0, 2,
	 "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có "
	 "thẩm quyền đối với tổ chức"},
	{"DAT-DAI", 'T', 9, 7, 'd', 1, 0, 1,
	 "Gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế"},
	{"DAT-DAI", 'T', 9, 10, 'd', 2, 0, 3,
	 "Đăng ký biến động do thay đổi thông tin về người được cấp Giấy chứng "
	 "nhận đối với tổ chức"},
	{"DAT-DAI", 'T', 9, 3, 'd', 2, 50000, 12, "Cung cấp dữ liệu đất đai"},
	{"DAT-DAI", 'H', 0, 30, 'd', 1, 100000, 60,
	 "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở "
	 "và tài sản khác gắn liền với đất lần đầu"},
	{"DAT-DAI", 'H', 0, 10, 'd', 1, 50000, 120,
	 "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
	 "với đất trong các trường hợp chuyển nhượng, cho thuê, thừa kế, tặng "
	 "cho"},
	{"DAT-DAI", 'H', 0, 15, 'd', 1, 50000, 45,
	 "Tách thửa hoặc hợp thửa đất"},
	{"DAT-DAI", 'H', 0, 7, 'd', 1, 50000, 40,
	 "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài "
	 "sản khác gắn liền với đất"},
	{"DAT-DAI", 'H', 0, 10, 'd', 1, 50000, 8,
	 "Cấp lại Giấy chứng nhận hoặc cấp lại Trang bổ sung của Giấy chứng "
	 "nhận do bị mất"},
	{"DAT-DAI", 'H', 0, 15, 'd', 1, 0, 30,
	 "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có "
	 "thẩm quyền đối với hộ gia đình, cá nhân"},
	{"DAT-DAI", 'H', 0, 10, 'd', 1, 0, 5,
	 "Đính chính Giấy chứng nhận đã cấp"},
	{"DAT-DAI", 'H', 0, 7, 'd', 1, 0, 5,
	 "Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân"},
	{"DAT-DAI", 'X', 0, 45, 'c', 0, 0, 4, "Hòa giải tranh chấp đất đai"},
	/* Đăng ký biện pháp bảo đảm */
	{"BAO-DAM", 'H', 0, 3, 'd', 1, 80000, 70,
	 "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất"},
	{"BAO-DAM", 'H', 0, 3, 'd', 1, 20000, 40,
	 "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất"},
	{"BAO-DAM", 'H', 0, 3, 'd', 1, 60000, 8,
	 "Đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, "
	 "tài sản gắn liền với đất"},
	/* Hộ tịch */
	{"HO-TICH", 'X', 0, 1, 'd', 2, 0, 200, "Đăng ký khai sinh"},
	{"HO-TICH", 'X', 0, 1, 'd', 1, 0, 60, "Đăng ký kết hôn"},
	{"HO-TICH", 'X', 0, 1, 'd', 2, 0, 60, "Đăng ký khai tử"},
	{"HO-TICH", 'X', 0, 3, 'd', 2, 0, 90,
	 "Cấp Giấy xác nhận tình trạng hôn nhân"},
	{"HO-TICH", 'X', 0, 3, 'd', 1, 0, 5, "Đăng ký nhận cha, mẹ, con"},
	{"HO-TICH", 'X', 0, 3, 'd', 1, 0, 20,
	 "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"},
	{"HO-TICH", 'X', 0, 1, 'd', 2, 10000, 80,
	 "Cấp bản sao Trích lục hộ tịch"},
	{"HO-TICH", 'X', 0, 5, 'd', 1, 0, 10, "Đăng ký lại khai sinh"},
	{"HO-TICH", 'X', 0, 3, 'd', 1, 0, 4,
	 "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"},
	{"HO-TICH", 'X', 0, 3, 'd', 1, 0, 2, "Đăng ký giám hộ"},
	{"HO-TICH", 'H', 0, 3, 'd', 1, 75000, 3,
	 "Đăng ký khai sinh có yếu tố nước ngoài"},
	{"HO-TICH", 'H', 0, 15, 'd', 1, 400000, 3,
	 "Đăng ký kết hôn có yếu tố nước ngoài"},
	{"HO-TICH", 'H', 0, 3, 'd', 1, 0, 1,
	 "Đăng ký khai tử có yếu tố nước ngoài"},
	{"HO-TICH", 'H', 0, 3, 'd', 1, 28000, 5,
	 "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại "
	 "dân tộc"},
	{"HO-TICH", 'H', 0, 5, 'd', 1, 75000, 2,
	 "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải "
	 "quyết tại cơ quan có thẩm quyền của nước ngoài"},
	{"HO-TICH", 'T', 2, 1, 'd', 2, 10000, 10,
	 "Cấp bản sao Trích lục hộ tịch"},
	/* Chứng thực */
	{"CHUNG-THUC", 'X', 0, 1, 'd', 1, 10000, 300,
	 "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức "
	 "có thẩm quyền của Việt Nam cấp hoặc chứng nhận"},
	{"CHUNG-THUC", 'X', 0, 1, 'd', 0, 10000, 60,
	 "Chứng thực chữ ký trong các giấy tờ, văn bản"},
	{"CHUNG-THUC", 'X', 0, 2, 'd', 0, 50000, 50,
	 "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, "
	 "quyền sử dụng đất và nhà ở"},
	{"CHUNG-THUC", 'X', 0, 2, 'd', 0, 50000, 3, "Chứng thực di chúc"},
	{"CHUNG-THUC", 'X', 0, 2, 'd', 0, 50000, 6,
	 "Chứng thực văn bản thỏa thuận phân chia di sản"},
	{"CHUNG-THUC", 'X', 0, 1, 'd', 0, 10000, 3,
	 "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được "
	 "chứng thực"},
	{"CHUNG-THUC", 'X', 0, 4, 'h', 2, 10000, 60,
	 "Chứng thực bản sao điện tử từ bản chính"},
	{"CHUNG-THUC", 'H', 0, 8, 'h', 1, 10000, 10,
	 "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức "
	 "có thẩm quyền của nước ngoài cấp"},
	{"CHUNG-THUC", 'H', 0, 1, 'd', 0, 10000, 5,
	 "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch "
	 "thuật của Phòng Tư pháp"},
	{"CHUNG-THUC", 'H', 0, 2, 'd', 0, 30000, 2,
	 "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch"},
	/* Hoạt động xây dựng */
	{"XAY-DUNG", 'H', 0, 15, 'd', 1, 75000, 35,
	 "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"},
	{"XAY-DUNG", 'H', 0, 15, 'd', 1, 75000, 5,
	 "Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ"},
	{"XAY-DUNG", 'H', 0, 5, 'd', 1, 15000, 3, "Gia hạn giấy phép xây dựng"},
	{"XAY-DUNG", 'H', 0, 15, 'd', 1, 75000, 2,
	 "Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ"},
	{"XAY-DUNG", 'H', 0, 5, 'd', 1, 15000, 1, "Cấp lại giấy phép xây dựng"},
	{"XAY-DUNG", 'H', 0, 20, 'd', 1, 0, 4,
	 "Thẩm định Báo cáo kinh tế - kỹ thuật đầu tư xây dựng"},
	{"XAY-DUNG", 'T', 8, 20, 'd', 1, 150000, 3,
	 "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, "
	 "cấp II"},
	{"XAY-DUNG", 'T', 8, 30, 'd', 1, 0, 3,
	 "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng"},
	{"XAY-DUNG", 'T', 8, 30, 'd', 1, 0, 3,
	 "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở"},
	{"XAY-DUNG", 'T', 8, 20, 'd', 2, 300000, 6,
	 "Cấp chứng chỉ hành nghề hoạt động xây dựng"},
	{"XAY-DUNG", 'T', 8, 20, 'd', 2, 500000, 3,
	 "Cấp chứng chỉ năng lực hoạt động xây dựng"},
	{"XAY-DUNG", 'T', 8, 20, 'd', 1, 150000, 1,
	 "Cấp giấy phép sửa chữa, cải tạo đối với công trình"},
	{"XAY-DUNG", 'T', 8, 15, 'd', 1, 0, 2,
	 "Cung cấp thông tin về quy hoạch xây dựng"},
	/* Đầu tư tại Việt Nam, Ban Quản lý Khu kinh tế (not in the pilot) */
	{"DAU-TU", 'T', 16, 15, 'd', 2, 0, 2,
	 "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án đầu tư trong khu "
	 "kinh tế"},
	{"DAU-TU", 'T', 16, 10, 'd', 2, 0, 1,
	 "Điều chỉnh Giấy chứng nhận đăng ký đầu tư đối với dự án đầu tư trong "
	 "khu kinh tế"},
	{"XAY-DUNG", 'T', 16, 20, 'd', 1, 150000, 1,
	 "Cấp giấy phép xây dựng công trình trong khu kinh tế"},
	{"VIEC-LAM", 'T', 16, 5, 'd', 2, 400000, 2,
	 "Cấp giấy phép lao động cho người lao động nước ngoài làm việc trong "
	 "khu kinh tế"},
	/* Hộ kinh doanh, hợp tác xã */
	{"HO-KINH-DOANH", 'H', 0, 3, 'd', 2, 100000, 40,
	 "Đăng ký thành lập hộ kinh doanh"},
	{"HO-KINH-DOANH", 'H', 0, 3, 'd', 2, 50000, 15,
	 "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh"},
	{"HO-KINH-DOANH", 'H', 0, 3, 'd', 2, 0, 6,
	 "Tạm ngừng hoạt động hộ kinh doanh"},
	{"HO-KINH-DOANH", 'H', 0, 3, 'd', 2, 0, 6,
	 "Chấm dứt hoạt động hộ kinh doanh"},
	{"HO-KINH-DOANH", 'H', 0, 3, 'd', 2, 0, 2,
	 "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh"},
	{"HO-KINH-DOANH", 'H', 0, 5, 'd', 2, 100000, 1,
	 "Đăng ký thành lập hợp tác xã"},
	/* Lý lịch tư pháp, bổ trợ tư pháp */
	{"LY-LICH-TU-PHAP", 'T', 2, 10, 'd', 2, 200000, 80,
	 "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài "
	 "đang cư trú tại Việt Nam"},
	{"LY-LICH-TU-PHAP", 'T', 2, 10, 'd', 1, 0, 3,
	 "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng"},
	{"LY-LICH-TU-PHAP", 'T', 2, 10, 'd', 1, 0, 2,
	 "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, "
	 "tổ chức chính trị - xã hội"},
	{"BO-TRO-TU-PHAP", 'T', 2, 10, 'd', 1, 0, 1, "Cấp Thẻ công chứng viên"},
	{"BO-TRO-TU-PHAP", 'T', 2, 10, 'd', 1, 500000, 1,
	 "Đăng ký hoạt động Văn phòng công chứng"},
	{"BO-TRO-TU-PHAP", 'T', 2, 10, 'd', 1, 100000, 1,
	 "Đăng ký hoạt động của tổ chức hành nghề luật sư"},
	{"BO-TRO-TU-PHAP", 'T', 2, 7, 'd', 1, 0, 1,
	 "Đăng ký tập sự hành nghề công chứng"},
	{"BO-TRO-TU-PHAP", 'T', 2, 7, 'd', 1, 0, 1,
	 "Cấp thẻ tư vấn viên pháp luật"},
	/* Đường bộ */
	{"DUONG-BO", 'T', 7, 5, 'd', 2, 135000, 90,
	 "Đổi Giấy phép lái xe do ngành Giao thông vận tải cấp"},
	{"DUONG-BO", 'T', 7, 10, 'd', 1, 135000, 10,
	 "Cấp lại Giấy phép lái xe"},
	{"DUONG-BO", 'T', 7, 5, 'd', 2, 135000, 5,
	 "Cấp Giấy phép lái xe quốc tế"},
	{"DUONG-BO", 'T', 7, 2, 'd', 2, 0, 30,
	 "Cấp phù hiệu xe ô tô kinh doanh vận tải"},
	{"DUONG-BO", 'T', 7, 5, 'd', 2, 200000, 5,
	 "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô"},
	{"DUONG-BO", 'T', 7, 2, 'd', 2, 0, 8,
	 "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên "
	 "đường bộ"},
	{"DUONG-BO", 'T', 7, 7, 'd', 1, 0, 3,
	 "Cấp phép thi công công trình đường bộ trên đường bộ đang khai thác"},
	{"DUONG-BO", 'T', 7, 7, 'd', 1, 0, 1,
	 "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết "
	 "cấu hạ tầng giao thông đường bộ"},
	{"DUONG-BO", 'H', 0, 3, 'd', 1, 70000, 3,
	 "Đăng ký lần đầu phương tiện thủy nội địa"},
	/* Lao động - Việc làm */
	{"VIEC-LAM", 'T', 11, 5, 'd', 2, 400000, 4,
	 "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại "
	 "Việt Nam"},
	{"VIEC-LAM", 'T', 11, 3, 'd', 2, 0, 1,
	 "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép "
	 "lao động"},
	{"VIEC-LAM", 'T', 11, 20, 'd', 1, 0, 60,
	 "Giải quyết hưởng trợ cấp thất nghiệp"},
	{"VIEC-LAM", 'T', 11, 1, 'd', 2, 0, 30,
	 "Thông báo về việc tìm kiếm việc làm hằng tháng"},
	{"VIEC-LAM", 'T', 11, 7, 'd', 2, 0, 3,
	 "Đăng ký nội quy lao động của doanh nghiệp"},
	{"VIEC-LAM", 'T', 11, 10, 'd', 2, 0, 3,
	 "Báo cáo giải trình nhu cầu, thay đổi nhu cầu sử dụng người lao động "
	 "nước ngoài"},
	{"VIEC-LAM", 'T', 11, 7, 'd', 1, 500000, 1,
	 "Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp hoạt động "
	 "dịch vụ việc làm"},
	/* Người có công, bảo trợ xã hội */
	{"NGUOI-CO-CONG", 'H', 0, 10, 'd', 1, 0, 8,
	 "Giải quyết chế độ trợ cấp một lần, mai táng phí khi người có công "
	 "với cách mạng từ trần"},
	{"NGUOI-CO-CONG", 'H', 0, 10, 'd', 1, 0, 3,
	 "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ"},
	{"NGUOI-CO-CONG", 'T', 11, 5, 'd', 1, 0, 2,
	 "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ "
	 "liệt sĩ"},
	{"BAO-TRO-XA-HOI", 'X', 0, 15, 'd', 1, 0, 25,
	 "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ "
	 "kinh phí chăm sóc, nuôi dưỡng hàng tháng"},
	{"BAO-TRO-XA-HOI", 'X', 0, 30, 'c', 1, 0, 6,
	 "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết "
	 "tật"},
	{"BAO-TRO-XA-HOI", 'X', 0, 3, 'd', 1, 0, 6,
	 "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội"},
	{"BAO-TRO-XA-HOI", 'X', 0, 5, 'd', 1, 0, 3,
	 "Xác định hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm "
	 "nghiệp có mức sống trung bình"},
	{"BAO-TRO-XA-HOI", 'H', 0, 10, 'd', 1, 0, 2,
	 "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở"},
	/* Y tế - Dược - An toàn thực phẩm */
	{"Y-TE", 'T', 15, 20, 'd', 2, 360000, 6,
	 "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh đối với người Việt Nam"},
	{"Y-TE", 'T', 15, 30, 'd', 1, 500000, 3,
	 "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa"},
	{"Y-TE", 'T', 15, 20, 'd', 2, 500000, 4,
	 "Cấp Chứng chỉ hành nghề dược"},
	{"Y-TE", 'T', 15, 20, 'd', 1, 500000, 4,
	 "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ "
	 "thuốc"},
	{"Y-TE", 'T', 15, 15, 'd', 1, 500000, 5,
	 "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ "
	 "sở sản xuất thực phẩm"},
	{"Y-TE", 'T', 15, 10, 'd', 2, 500000, 3,
	 "Cấp giấy xác nhận nội dung quảng cáo thực phẩm"},
	{"Y-TE", 'T', 15, 5, 'd', 2, 150000, 1,
	 "Cấp lại chứng chỉ hành nghề khám bệnh, chữa bệnh bị mất hoặc hư "
	 "hỏng"},
	{"Y-TE", 'T', 15, 30, 'c', 1, 0, 2,
	 "Khám giám định lần đầu do tai nạn lao động"},
	{"Y-TE", 'H', 0, 15, 'd', 1, 150000, 4,
	 "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ "
	 "sở kinh doanh dịch vụ ăn uống"},
	/* Giáo dục và Đào tạo */
	{"GIAO-DUC", 'T', 14, 3, 'd', 1, 0, 6,
	 "Chuyển trường đối với học sinh trung học phổ thông"},
	{"GIAO-DUC", 'T', 14, 1, 'd', 2, 0, 15,
	 "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"},
	{"GIAO-DUC", 'T', 14, 5, 'd', 1, 0, 2,
	 "Chỉnh sửa nội dung văn bằng, chứng chỉ"},
	{"GIAO-DUC", 'T', 14, 20, 'd', 1, 0, 1,
	 "Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước "
	 "ngoài cấp"},
	{"GIAO-DUC", 'T', 14, 15, 'd', 1, 0, 1,
	 "Cấp phép hoạt động giáo dục kỹ năng sống"},
	{"GIAO-DUC", 'H', 0, 3, 'd', 1, 0, 8,
	 "Chuyển trường đối với học sinh trung học cơ sở"},
	{"GIAO-DUC", 'H', 0, 10, 'd', 1, 0, 2,
	 "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú ở xã, thôn đặc "
	 "biệt khó khăn"},
	{"GIAO-DUC", 'H', 0, 20, 'd', 1, 0, 1,
	 "Cho phép trường mầm non hoạt động giáo dục"},
	{"GIAO-DUC", 'X', 0, 20, 'd', 1, 0, 1,
	 "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục"},
	/* Tài nguyên và Môi trường */
	{"MOI-TRUONG", 'T', 9, 30, 'd', 1, 0, 2,
	 "Thẩm định báo cáo đánh giá tác động môi trường"},
	{"MOI-TRUONG", 'T', 9, 30, 'd', 1, 0, 2, "Cấp giấy phép môi trường"},
	{"MOI-TRUONG", 'T', 9, 30, 'd', 1, 0, 1,
	 "Cấp giấy phép khai thác, sử dụng nước mặt"},
	{"MOI-TRUONG", 'T', 9, 30, 'd', 1, 0, 1,
	 "Cấp giấy phép khai thác nước dưới đất"},
	{"MOI-TRUONG", 'T', 9, 90, 'c', 1, 0, 1,
	 "Cấp giấy phép khai thác khoáng sản"},
	{"MOI-TRUONG", 'H', 0, 15, 'd', 1, 0, 1,
	 "Cấp giấy phép môi trường (cấp huyện)"},
	{"MOI-TRUONG", 'H', 0, 10, 'd', 1, 0, 2,
	 "Đăng ký khai thác nước dưới đất"},
	{"MOI-TRUONG", 'X', 0, 5, 'd', 2, 0, 3, "Đăng ký môi trường"},
	/* Công thương */
	{"CONG-THUONG", 'T', 5, 15, 'd', 1, 500000, 1,
	 "Cấp Giấy phép kinh doanh bán buôn sản phẩm thuốc lá"},
	{"CONG-THUONG", 'T', 5, 20, 'd', 1, 500000, 2,
	 "Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm đối với cơ sở sản "
	 "xuất, kinh doanh thực phẩm do Sở Công Thương thực hiện"},
	{"CONG-THUONG", 'T', 5, 15, 'd', 1, 500000, 1,
	 "Cấp Giấy phép bán buôn rượu"},
	{"CONG-THUONG", 'T', 5, 15, 'd', 1, 300000, 1,
	 "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai"},
	{"CONG-THUONG", 'T', 5, 15, 'd', 1, 300000, 2,
	 "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"},
	{"CONG-THUONG", 'T', 5, 15, 'd', 1, 400000, 1,
	 "Cấp giấy phép hoạt động điện lực"},
	{"CONG-THUONG", 'T', 5, 7, 'd', 1, 500000, 1,
	 "Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân nước "
	 "ngoài tại Việt Nam"},
	{"CONG-THUONG", 'T', 5, 1, 'd', 2, 0, 10,
	 "Thông báo thực hiện khuyến mại"},
	{"CONG-THUONG", 'T', 5, 5, 'd', 2, 0, 2,
	 "Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi"},
	{"CONG-THUONG", 'H', 0, 10, 'd', 1, 200000, 3,
	 "Cấp Giấy phép bán lẻ rượu"},
	{"CONG-THUONG", 'H', 0, 10, 'd', 1, 200000, 1,
	 "Cấp Giấy phép bán lẻ sản phẩm thuốc lá"},
	{"CONG-THUONG", 'H', 0, 10, 'd', 1, 200000, 1,
	 "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh"},
	/* Nông nghiệp và Thủy sản */
	{"NONG-NGHIEP", 'T', 6, 15, 'd', 1, 500000, 2,
	 "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, "
	 "thủy sản"},
	{"NONG-NGHIEP", 'T', 6, 1, 'd', 1, 30000, 10,
	 "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển "
	 "ra khỏi địa bàn cấp tỉnh"},
	{"NONG-NGHIEP", 'T', 6, 20, 'd', 1, 500000, 2,
	 "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật"},
	{"NONG-NGHIEP", 'T', 6, 20, 'd', 1, 500000, 2,
	 "Cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón"},
	{"NONG-NGHIEP", 'T', 6, 5, 'd', 1, 40000, 4,
	 "Cấp Giấy phép khai thác thủy sản"},
	{"NONG-NGHIEP", 'T', 6, 3, 'd', 1, 0, 2,
	 "Cấp văn bản chấp thuận đóng mới, cải hoán, thuê, mua tàu cá"},
	{"NONG-NGHIEP", 'T', 6, 3, 'd', 1, 70000, 3, "Đăng ký tàu cá"},
	{"NONG-NGHIEP", 'H', 0, 10, 'd', 1, 0, 2,
	 "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh"},
	{"NONG-NGHIEP", 'X', 0, 3, 'd', 0, 0, 2, "Xác nhận bảng kê lâm sản"},
	/* Văn hóa, Thể thao và Du lịch */
	{"VAN-HOA", 'T', 12, 1, 'd', 2, 0, 3,
	 "Thông báo tổ chức biểu diễn nghệ thuật"},
	{"VAN-HOA", 'T', 12, 10, 'd', 1, 500000, 1,
	 "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa"},
	{"VAN-HOA", 'T', 12, 30, 'd', 1, 500000, 1,
	 "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao đối với khách "
	 "sạn"},
	{"VAN-HOA", 'T', 12, 7, 'd', 1, 500000, 2,
	 "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao"},
	{"VAN-HOA", 'T', 12, 10, 'd', 2, 500000, 2,
	 "Cấp thẻ hướng dẫn viên du lịch nội địa"},
	{"VAN-HOA", 'H', 0, 5, 'd', 1, 500000, 2,
	 "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"},
	{"VAN-HOA", 'X', 0, 5, 'd', 0, 0, 8,
	 "Xét tặng danh hiệu Gia đình văn hóa hằng năm"},
	{"VAN-HOA", 'X', 0, 5, 'd', 1, 0, 2, "Thông báo tổ chức lễ hội cấp xã"},
	/* Thi đua - khen thưởng, tôn giáo */
	{"THI-DUA", 'T', 1, 20, 'd', 1, 0, 4,
	 "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh"},
	{"THI-DUA", 'H', 0, 20, 'd', 1, 0, 5,
	 "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện"},
	{"THI-DUA", 'X', 0, 15, 'd', 1, 0, 2,
	 "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thực hiện "
	 "nhiệm vụ chính trị"},
	{"TON-GIAO", 'T', 1, 30, 'd', 1, 0, 1,
	 "Công nhận ban vận động thành lập hội"},
	{"TON-GIAO", 'T', 1, 20, 'd', 1, 0, 1,
	 "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo"},
	{"TON-GIAO", 'X', 0, 15, 'd', 1, 0, 1,
	 "Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn "
	 "hoạt động tôn giáo ở một xã"},
	/* Báo chí - xuất bản - in */
	{"THONG-TIN", 'T', 10, 10, 'd', 1, 0, 1, "Cấp giấy phép hoạt động in"},
	{"THONG-TIN", 'T', 10, 30, 'd', 1, 0, 1,
	 "Cấp giấy phép xuất bản bản tin"},
	{"THONG-TIN", 'T', 10, 10, 'd', 1, 0, 1,
	 "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"},
	{"THONG-TIN", 'T', 10, 5, 'd', 2, 0, 2, "Đăng ký hoạt động cơ sở in"},
	{"THONG-TIN", 'T', 10, 5, 'd', 1, 0, 1,
	 "Cấp giấy xác nhận đăng ký hoạt động phát hành xuất bản phẩm"},
	{"THONG-TIN", 'T', 10, 10, 'd', 2, 0, 2,
	 "Cấp giấy phép xuất bản tài liệu không kinh doanh"},
	/* Khoa học và Công nghệ */
	{"KHOA-HOC", 'T', 13, 15, 'd', 1, 0, 1,
	 "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ"},
	{"KHOA-HOC", 'T', 13, 10, 'd', 1, 500000, 2,
	 "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang "
	 "chẩn đoán trong y tế"},
	{"KHOA-HOC", 'T', 13, 10, 'd', 2, 0, 1,
	 "Cấp chứng chỉ nhân viên bức xạ"},
	{"KHOA-HOC", 'T', 13, 5, 'd', 2, 0, 1,
	 "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử "
	 "dụng ngân sách nhà nước"},
	{"KHOA-HOC", 'T', 13, 7, 'd', 1, 0, 1,
	 "Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ"},
	/* Tài chính - ngân sách */
	{"TAI-CHINH", 'T', 4, 2, 'd', 2, 0, 6,
	 "Đăng ký mã số đơn vị có quan hệ với ngân sách"},
	{"TAI-CHINH", 'T', 4, 15, 'd', 1, 0, 1,
	 "Quyết định giá thuộc thẩm quyền của cấp tỉnh"},
};

const size_t demo_n_proc_rows =
	sizeof(demo_proc_rows) / sizeof(*demo_proc_rows);
