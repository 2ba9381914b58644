import { describe, expect, it } from 'vitest';
import { readNumbers } from '../../forms/numberInputs';
import { blankComplaint, complaintBody } from './formModel';

describe('a new complaint’s body', () => {
  it('trims the texts, leaves blanks null and sends the ids as numbers', () => {
    const read = readNumbers((numbers) =>
      complaintBody(
        {
          ...blankComplaint('2026-03-02'),
          source: 'family',
          agency_id: '2',
          placement_id: ' 1.234 ',
          summary: '  Giữ hộ chiếu  ',
          complainant_name: ' Trần Thị B ',
          complainant_phone: '',
        },
        numbers,
      ),
    );
    expect(read).toEqual({
      ok: true,
      body: {
        received_on: '2026-03-02',
        source: 'family',
        category: 'fees',
        summary: 'Giữ hộ chiếu',
        agency_id: 2,
        placement_id: 1234,
        area_code: null,
        complainant_name: 'Trần Thị B',
        complainant_phone: null,
        complainant_address: null,
      },
    });
  });

  it('refuses a placement number that is no whole number, on its input', () => {
    const read = readNumbers((numbers) => complaintBody({ ...blankComplaint('2026-03-02'), placement_id: '12,5' }, numbers));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.fields.map((f) => f.field)).toEqual(['placement_id']);
  });
});
