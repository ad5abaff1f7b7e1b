// notfound.js - the page the server answers for an address that names no
// page (404.html): what happened and the way back, in the chosen language.
import { addWords, chrome } from './common.js';

addWords({
	vi: {
		'nf.title': 'Không tìm thấy trang', 'nf.home': 'Về trang Dịch vụ công',
		'nf.text': 'Địa chỉ này không có trang nào. Có thể đường dẫn bị gõ sai hoặc trang đã được chuyển.',
	},
	en: {
		'nf.title': 'Page not found', 'nf.home': 'Back to public services',
		'nf.text': 'There is no page at this address. The link may be mistyped, or the page has moved.',
	},
});

chrome('', 'nf.title');
document.body.dataset.ready = '1';
