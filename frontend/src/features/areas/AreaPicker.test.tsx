import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import type { FormKit, FormValues } from '../../components/form/kit';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { AreaPicker } from './AreaPicker';

const unit = (code: string, name: string, parent_code: string, level: string, valid_from: string | null, valid_to: string | null) => ({
  code,
  name,
  level,
  parent_code,
  valid_from,
  valid_to,
  successor_code: null,
  predecessors: [],
  successors: [],
  updated_at: '',
  version: 1,
});
const AREAS = [
  unit('48', 'Thành phố Đà Nẵng', '', 'province', null, null),
  unit('517', 'Huyện Núi Thành', '49', 'district', null, '2025-06-30'),
  unit('20500', 'Thị trấn Ái Nghĩa', '506', 'commune', null, '2025-06-30'),
  unit('20500', 'Xã Đại Lộc', '48', 'commune', '2025-07-01', null),
  unit('20968', 'Xã Tam Xuân I', '517', 'commune', null, '2025-06-30'),
  unit('20971', 'Xã Tam Xuân II', '517', 'commune', null, '2025-06-30'),
  unit('20971', 'Xã Tam Xuân', '48', 'commune', '2025-07-01', null),
];

/** What the API would answer: the name without diacritics holds `q`, valid on `on`. */
function answer(url: URL) {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
  const q = url.searchParams.get('q');
  const on = url.searchParams.get('on');
  const items = AREAS.filter(
    (a) =>
      (!q || fold(a.name).includes(fold(q))) &&
      (!on || ((!a.valid_from || a.valid_from <= on) && (!a.valid_to || on <= a.valid_to))),
  );
  return Response.json({ items, next_cursor: null, total: null });
}

function Harness({ on, initial = {} }: { on?: string; initial?: FormValues }) {
  const [values, setValues] = useState<FormValues>(initial);
  const kit: FormKit = { id: 'test', values, set: (n, v) => setValues((x) => ({ ...x, [n]: v })), errors: {} };
  return (
    <>
      <AreaPicker kit={kit} name="home" label="Quê quán" on={on} />
      <output data-testid="value">{values.home ?? ''}</output>
    </>
  );
}

const requested: URL[] = [];

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  requested.length = 0;
  session.setToken('jwt-officer', 3600);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      requested.push(url);
      return answer(url);
    }),
  );
});

afterEach(() => {
  cleanup();
  session.clear();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const renderPicker = (props: { on?: string; initial?: FormValues } = {}) =>
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initialLang="vi">
        <Harness {...props} />
      </I18nProvider>
    </QueryClientProvider>,
  );

async function type(text: string) {
  const input = screen.getByRole('combobox', { name: /Quê quán/ });
  fireEvent.change(input, { target: { value: text } });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(300);
  });
  return input;
}

describe('AreaPicker', () => {
  it('finds a commune typed without diacritics, on the day given, and chooses it with the keyboard', async () => {
    renderPicker({ on: '2026-11-30' });
    const input = await type('dai loc');
    const option = await screen.findByRole('option', { name: /Xã Đại Lộc/ });
    expect(option.textContent).toBe('Xã Đại Lộc (từ 01/07/2025) · 20500');
    expect(option.querySelector('mark')?.textContent).toBe('Đại Lộc');
    const last = requested.at(-1)!;
    expect(last.searchParams.get('q')).toBe('dai loc');
    expect(last.searchParams.get('on')).toBe('2026-11-30');
    expect(last.searchParams.get('limit')).toBe('20');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(option.id);
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('value').textContent).toBe('20500');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect((input as HTMLInputElement).value).toBe('Xã Đại Lộc (20500)');
  });

  it('shows each unit with its former district and period when every period is offered', async () => {
    renderPicker();
    await type('tam xuan');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Xã Tam Xuân I — Huyện Núi Thành (đến 30/06/2025) · 20968',
      'Xã Tam Xuân II — Huyện Núi Thành (đến 30/06/2025) · 20971',
      'Xã Tam Xuân (từ 01/07/2025) · 20971',
    ]);
    expect(requested.at(-1)!.searchParams.has('on')).toBe(false);
  });

  it('closes on Escape and keeps the choice; typing again clears it', async () => {
    renderPicker({ initial: { home: '20971' }, on: '2025-06-30' });
    const input = screen.getByRole('combobox', { name: /Quê quán/ });
    await screen.findByDisplayValue('Xã Tam Xuân II (20971)');
    await type('tam');
    expect(screen.getByTestId('value').textContent).toBe('');
    await screen.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });
});
