import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/core';
import { fieldMessage } from './fieldMessages';

const shown = (lang: 'vi' | 'en', message: string) => {
  const m = fieldMessage(message);
  return translate(lang, m.key, m.params);
};

describe('fieldMessage', () => {
  it('translates the rules of recruitment notices', () => {
    expect(shown('vi', "the notice is submitted: name one the department has acknowledged")).toBe(
      'Thông báo tuyển dụng chưa được Sở xác nhận.',
    );
    expect(shown('vi', "no recruitment notice 12 of the placement's enterprise")).toBe(
      'Không có thông báo tuyển dụng này của doanh nghiệp.',
    );
    expect(shown('vi', "'506' (Huyện Đại Lộc) is a district: name its communes, or the province ('48') for the whole of it")).toBe(
      'Mã 506 không phải xã, phường: hãy chọn xã, phường hoặc toàn thành phố.',
    );
    expect(shown('en', "'20521' (Xã Đại Nghĩa) ended on 2025-06-30; name 20500 Xã Đại Lộc")).toBe(
      'The area 20521 ended on 2025-06-30: choose the unit that replaced it.',
    );
    expect(shown('vi', "'99999': no area with this code")).toBe('Không có địa bàn mã 99999.');
  });

  it('translates the rules of the registry', () => {
    expect(shown('vi', 'digits 5-6 (97) do not match the year of birth 1998')).toBe(
      'Chữ số thứ 5–6 (97) không khớp với năm sinh 1998.',
    );
    expect(shown('vi', 'the worker is under 18 on 2024-01-10')).toBe('Người lao động chưa đủ 18 tuổi vào ngày 2024-01-10.');
    expect(shown('en', 'Input should be less than or equal to 120')).toBe('Must be at most 120.');
    expect(shown('vi', 'Field required')).toBe('Vui lòng nhập thông tin này.');
    expect(shown('vi', 'may not be null')).toBe('Vui lòng nhập thông tin này.');
    expect(shown('vi', "no market with code 'XX'")).toBe('Không có thị trường với mã này.');
    expect(shown('vi', "'31/02/2024' is not a valid date (day is out of range for month)")).toContain('Ngày không hợp lệ');
  });

  // As backend/overseas/inspections words them (findings.py, procedure.py).
  it('translates the fine range and the signer power of a sanction, with amounts in đồng', () => {
    expect(
      shown('vi', 'must lie between 80000000 and 120000000 VND for an organisation under Decree 283/2026/NĐ-CP Art. 49(7)(b)'),
    ).toBe('Tiền phạt phải từ 80.000.000 đến 120.000.000 đồng (Decree 283/2026/NĐ-CP Art. 49(7)(b)).');
    expect(shown('en', 'must lie between 30000000 and 60000000 VND for an organisation under X Art. 49(2)(a), 3 workers')).toBe(
      'The fine must be between 30.000.000 and 60.000.000 VND (X Art. 49(2)(a)).',
    );
    expect(
      shown(
        'vi',
        'Decree 283/2026/NĐ-CP Art. 49(7)(b) reaches 120000000 VND for an organisation, above the 100000000 VND Chairman may fine (Decree 283/2026/NĐ-CP, Art. 63(1))',
      ),
    ).toBe('Decree 283/2026/NĐ-CP Art. 49(7)(b) có mức phạt đến 120.000.000 đồng, vượt thẩm quyền 100.000.000 đồng của người ký.');
    expect(shown('vi', 'Border Guard soldier on duty may not sanction Decree 283/2026/NĐ-CP Art. 49(1)(e) (Decree 283/2026/NĐ-CP Art. 63)')).toBe(
      'Người ký không có thẩm quyền xử phạt hành vi Decree 283/2026/NĐ-CP Art. 49(1)(e) (Điều 63 Nghị định 283/2026/NĐ-CP).',
    );
  });

  it("translates a periodic report's period and file problems as the API words them", () => {
    expect(shown('vi', 'the monthly changes cover one calendar month, from its first to its last day')).toBe(
      'Báo cáo tháng tính từ ngày đầu đến ngày cuối của một tháng.',
    );
    expect(shown('vi', 'an annual report covers 15 December of the year before to 14 December')).toBe(
      'Báo cáo năm tính từ ngày 15/12 năm trước đến ngày 14/12.',
    );
    expect(shown('vi', 'the period has not ended yet')).toBe('Kỳ báo cáo chưa kết thúc, chưa nộp được.');
    expect(shown('vi', 'at most 10 MiB')).toBe('Tệp không được lớn quá 10 MB.');
    expect(shown('en', 'not a PDF, PNG, JPEG, XLSX, XLS, DOCX or DOC file')).toBe('Only PDF, PNG, JPEG, XLSX, XLS, DOCX or DOC files.');
    expect(shown('vi', 'the file is empty')).toBe('Tệp rỗng.');
    expect(shown('vi', 'may not be in the future')).toBe('Không được là ngày trong tương lai.');
    expect(shown('en', 'only the department records when a paper report was received')).toBe(
      'Only the department records when a paper report arrived.',
    );
    // A text limit in characters is not a file's size.
    expect(fieldMessage('at most 2000 characters').key).toBe('fieldError.tooLong');
  });

  it('translates the rules of a complaint (docs/complaints.md)', () => {
    expect(shown('vi', 'resolving a complaint needs its finding: true or false')).toBe(
      'Cần ghi kết quả xác minh (có cơ sở hay không) khi giải quyết đơn.',
    );
    expect(shown('en', 'the complaint names no enterprise to inspect')).toBe('The complaint names no enterprise.');
    expect(shown('vi', 'is given only when the complaint is resolved or referred')).toBe('Chỉ ghi khi đơn đã được giải quyết hoặc đã chuyển.');
    expect(shown('vi', 'is before received_on')).toBe('Không được trước ngày nhận đơn.');
    expect(shown('vi', 'no placement with id 9')).toBe('Không có hồ sơ với mã này.');
    expect(shown('vi', "inspection 12 is of another enterprise than the complaint's")).toBe('Cuộc kiểm tra này là của doanh nghiệp khác.');
    expect(fieldMessage('no inspection with id 12').generic).toBe(true);
  });

  it('translates how a typed number was misread, whatever was typed', () => {
    expect(shown('vi', "'1..5' is not a number; write it like 180000, 180.000 or 1,5")).toBe(
      'Không phải là số. Ghi ví dụ 180000, 180.000 hoặc 1,5.',
    );
    expect(shown('en', "'in the future' is not a number; write it like 180000, 180.000 or 1,5")).toBe(
      'Not a number. Write it like 180000, 180.000 or 1,5.',
    );
    expect(shown('vi', "'36,5' must be a whole number")).toBe('Phải là số nguyên, không có phần thập phân.');
    expect(shown('en', "'-5' must not be negative")).toBe('Must not be negative.');
  });

  it("names the period of the cap row a new one overlaps (409 rule_overlaps, docs/law.md)", () => {
    const detail = 'overlaps rule 1 (*/*/*, 2022-01-01 to open-ended): end that rule first';
    expect(shown('vi', detail)).toBe('Trùng thời gian với dòng áp dụng từ 2022-01-01, chưa có ngày kết thúc, của cùng thị trường, chương trình và hình thức.');
    expect(shown('en', 'overlaps rule 3 (JP/TITP/*, 2024-05-15 to 2026-06-29): end that rule first')).toBe(
      'Overlaps the row in force from 2024-05-15 to 2026-06-29 for the same market, programme and channel.',
    );
  });

  it('marks an unknown message as generic so the server words are shown beside it', () => {
    const m = fieldMessage('something the SPA has never seen');
    expect(m.generic).toBe(true);
    expect(translate('vi', m.key)).toBe('Giá trị chưa hợp lệ.');
    expect(fieldMessage('must not be empty').generic).toBe(false);
  });
});
