// Vietnamese is the reference dictionary: its keys define MessageKey, and every other
// language must provide exactly these keys (see en.ts).
export const vi = {
  'app.name': 'Hệ thống quản lý người lao động đi làm việc ở nước ngoài',
  'app.shortName': 'Lao động ngoài nước',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',

  'nav.main': 'Điều hướng chính',
  'nav.home': 'Trang chủ',
  'nav.markets': 'Thị trường',
  'nav.login': 'Đăng nhập',
  'nav.logout': 'Đăng xuất',

  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'common.loading': 'Đang tải…',
  'common.loadMore': 'Xem thêm',
  'common.retry': 'Thử lại',
  'common.empty': 'Chưa có dữ liệu.',
  'common.none': '—',
  'common.shownOf': 'Đang hiển thị {shown} / {total}',
  'common.shown': 'Đang hiển thị {shown}',

  'role.admin': 'Quản trị viên',
  'role.officer': 'Cán bộ nghiệp vụ',
  'role.inspector': 'Thanh tra viên',
  'role.agency': 'Doanh nghiệp',
  'role.viewer': 'Người xem',
  'whoami.label': 'Đang đăng nhập: {username}, vai trò {role}',

  'tier.priority': 'Ưu tiên',
  'tier.potential': 'Tiềm năng',
  'tier.standard': 'Thông thường',
  'tier.suspended': 'Tạm dừng',

  'programme.engineer': 'Kỹ sư',
  'programme.other': 'Khác',

  'agencyStatus.active': 'Đang hoạt động',
  'agencyStatus.suspended': 'Bị đình chỉ',
  'agencyStatus.revoked': 'Bị thu hồi giấy phép',

  'login.title': 'Đăng nhập',
  'login.intro': 'Dành cho cán bộ Sở và doanh nghiệp dịch vụ đưa người lao động đi làm việc ở nước ngoài.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.required': 'Vui lòng nhập tên đăng nhập và mật khẩu.',

  'public.title': 'Thông tin công khai',
  'public.intro':
    'Danh sách thị trường lao động ngoài nước và các doanh nghiệp được cấp phép đưa người lao động đi làm việc ở nước ngoài.',
  'public.markets': 'Thị trường lao động',
  'public.agencies': 'Doanh nghiệp được cấp phép',
  'public.records': 'Thông tin mới',
  'public.noPersonalData': 'Trang công khai không chứa dữ liệu cá nhân của người lao động.',

  'markets.title': 'Thị trường',
  'markets.intro': 'Các thị trường tiếp nhận người lao động, mức độ ưu tiên và các chương trình của từng thị trường.',
  'markets.caption': 'Danh sách thị trường',
  'markets.code': 'Mã',
  'markets.name': 'Tên thị trường',
  'markets.tier': 'Mức độ',
  'markets.programmes': 'Chương trình',
  'markets.updatedAt': 'Cập nhật',

  'agencies.caption': 'Danh sách doanh nghiệp',
  'agencies.licenceNo': 'Số giấy phép',
  'agencies.name': 'Tên doanh nghiệp',
  'agencies.status': 'Tình trạng',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.back': 'Về trang chủ',

  'errors.generic': 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  'errors.network_error': 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  'errors.invalid_credentials': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'errors.too_many_login_attempts': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
  'errors.too_many_requests': 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  'errors.not_authenticated': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  'errors.forbidden': 'Bạn không có quyền thực hiện thao tác này.',
  'errors.not_found': 'Không tìm thấy dữ liệu yêu cầu.',
  'errors.validation_error': 'Dữ liệu không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
  'errors.conflict': 'Dữ liệu xung đột với bản ghi đã có.',
  'errors.invalid_transition': 'Không thể chuyển sang trạng thái này.',
  'errors.precondition_failed': 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
  'errors.idempotency_key_reused': 'Yêu cầu trùng khóa với một yêu cầu khác đã gửi.',
  'errors.bad_request': 'Yêu cầu không hợp lệ.',
  'errors.internal_error': 'Máy chủ gặp sự cố. Vui lòng thử lại sau.',
  'errors.fieldList': 'Trường cần kiểm tra: {fields}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;

/** A complete translation: exactly the keys of the Vietnamese dictionary. */
export type Dictionary = { readonly [K in MessageKey]: string };
