import { describe, expect, it } from 'vitest';
import type { FieldError } from '../api/errors';
import { DICTIONARIES } from '../i18n/core';
import { fieldErrorKey, fieldErrorText, fieldLabel } from './fieldMessages';

const item = (field: string, code: string, params: Record<string, unknown> | null = null): FieldError => ({
  field,
  code,
  params,
  message: 'English words that are never shown',
});

describe('fieldErrorText', () => {
  it('says a return before the departure in Vietnamese, naming both dates by label', () => {
    const error = item('return_date', 'before_field', { other: 'departure_date' });
    expect(fieldErrorText('vi', error)).toBe('Ngày về nước không được trước Ngày xuất cảnh.');
    expect(fieldErrorText('en', error)).toBe('Return date may not be before Departure date.');
  });

  it("says a file's unknown word with the words it accepts, and an enterprise name matching several", () => {
    const unknown = item('status', 'unknown_label', { value: 'xong', allowed: ['Đã đăng ký', 'Đã xuất cảnh'] });
    expect(fieldErrorText('vi', unknown, { status: 'Trạng thái' })).toBe(
      'Trạng thái: “xong” không phải là giá trị được chấp nhận. Ghi một trong: Đã đăng ký; Đã xuất cảnh.',
    );
    const several = item('agency_id', 'ambiguous_agency', { value: 'Sao Mai', candidates: ['1 Sao Mai (L1)', '2 Sao Mai (L2)'] });
    expect(fieldErrorText('vi', several, { agency_id: 'Doanh nghiệp' })).toBe(
      'Doanh nghiệp: “Sao Mai” trùng tên nhiều doanh nghiệp (1 Sao Mai (L1); 2 Sao Mai (L2)); ghi số giấy phép hoặc mã doanh nghiệp.',
    );
  });

  it("prefers the form's own labels for the field and for the other field it names", () => {
    const error = item('scope_to', 'before_field', { other: 'scope_from' });
    const labels = { scope_from: 'Từ ngày', scope_to: 'Đến ngày' };
    expect(fieldErrorText('vi', error, labels)).toBe('Đến ngày không được trước Từ ngày.');
  });

  it("fills in Pydantic's limits, formatted for the language", () => {
    expect(fieldErrorText('vi', item('password', 'string_too_short', { min_length: 10 }), { password: 'Mật khẩu' })).toBe(
      'Mật khẩu phải có ít nhất 10 ký tự.',
    );
    expect(fieldErrorText('en', item('password', 'string_too_short', { min_length: 10 }), { password: 'Password' })).toBe(
      'Password must have at least 10 characters.',
    );
    expect(fieldErrorText('vi', item('service_fee_vnd', 'less_than_equal', { le: 1000000000 }))).toBe(
      'Tiền dịch vụ không được lớn hơn 1.000.000.000.',
    );
  });

  it('names a role, a status and a channel by their labels', () => {
    expect(fieldErrorText('vi', item('agency_id', 'required_for_role', { role: 'agency' }), { agency_id: 'Doanh nghiệp' })).toBe(
      'Doanh nghiệp: bắt buộc với vai trò “Doanh nghiệp”.',
    );
    expect(fieldErrorText('en', item('return_date', 'required_for_status', { status: 'returned_early' }))).toMatch(
      /^Return date is required when the status is “.+”\.$/,
    );
    expect(fieldErrorText('vi', item('return_date', 'required_for_status', { status: 'returned' }))).toBe(
      'Ngày về nước: bắt buộc khi trạng thái là “Đã về nước”.',
    );
  });

  it("shows an enum's allowed values as their labels", () => {
    const error = item('status', 'enum', { expected: "'registered', 'training' or 'contracted'" });
    expect(fieldErrorText('vi', error)).toBe(
      'Trạng thái phải là một trong các giá trị: Đã đăng ký, Đang đào tạo hoặc Đã ký hợp đồng.',
    );
  });

  it('says a missing reference with its kind in the language', () => {
    expect(fieldErrorText('vi', item('market_code', 'not_found', { entity: 'market', value: 'ZZ' }))).toBe(
      'Thị trường: không có thị trường “ZZ”.',
    );
  });

  it('falls back to a sentence in the language naming the field, never the English message', () => {
    const error = item('worker.full_name', 'some_code_the_app_does_not_know');
    for (const lang of ['vi', 'en'] as const) {
      const text = fieldErrorText(lang, error);
      expect(text).toContain(lang === 'vi' ? 'Họ và tên' : 'Full name');
      expect(text).not.toContain('English');
    }
    expect(fieldErrorText('vi', { field: 'notes', message: 'no code at all' })).toBe('Ghi chú: giá trị chưa hợp lệ.');
  });

  it("names the field a rule across fields is about (the item's field is the body)", () => {
    expect(fieldErrorText('vi', item('body', 'before_field', { field: 'valid_to', other: 'valid_from' }))).toBe(
      'Hiệu lực đến ngày không được trước Hiệu lực từ ngày.',
    );
  });

  it('has a sentence for every code in both languages, with the same placeholders', () => {
    const keys = Object.keys(DICTIONARIES.vi).filter((k) => k.startsWith('fieldError.'));
    expect(keys.length).toBeGreaterThan(100);
    const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys) {
      const k = key as keyof typeof DICTIONARIES.vi;
      expect(holes(DICTIONARIES.en[k]), key).toEqual(holes(DICTIONARIES.vi[k]));
    }
  });

  it("picks an annual or a monthly report's period by the kind", () => {
    expect(fieldErrorKey({ code: 'period_shape', params: { kind: 'annual' } })).toBe('fieldError.period_shape.annual');
    expect(fieldErrorKey({ code: 'period_shape', params: { kind: 'monthly_changes' } })).toBe(
      'fieldError.period_shape.monthly_changes',
    );
  });

  it('labels fields that are on no form', () => {
    expect(fieldLabel('vi', 'body.worker.national_id')).toBe('Số định danh cá nhân (CCCD)');
    expect(fieldLabel('en', 'decision_date')).toBe('Date of the inspection decision');
  });
});
