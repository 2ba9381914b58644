import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { AcceptedValues, wordsFor } from '../import/AcceptedValues';
import { ExportButtons } from './ExportButtons';

describe('ExportButtons (GET /placements/export, mocked)', () => {
  const asked: URL[] = [];

  beforeEach(() => {
    asked.length = 0;
    session.setToken('jwt-officer', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        asked.push(new URL(request.url));
        return new Response('x', { headers: { 'Content-Disposition': 'attachment; filename="placements.csv"' } });
      }),
    );
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.unstubAllGlobals();
  });

  const renderButtons = () =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang="vi">
          <ExportButtons filters={{ status: 'departed', market_code: 'JP' }} />
        </I18nProvider>
      </QueryClientProvider>,
    );

  it('asks for labelled files from the main buttons, which offer no NDJSON', async () => {
    renderButtons();
    const main = screen.getByRole('group', { name: 'Xuất danh sách' });
    expect(within(main).getAllByRole('button').map((b) => b.textContent)).toEqual(['Xuất Excel', 'Xuất CSV']);
    fireEvent.click(within(main).getByRole('button', { name: 'Xuất CSV' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(Object.fromEntries(asked[0].searchParams)).toEqual({ status: 'departed', market_code: 'JP', format: 'csv', labels: 'true' });
  });

  it('offers NDJSON with codes to developers, saying how to ask the API', async () => {
    renderButtons();
    const developers = screen.getByText('Cho lập trình viên').closest('details');
    expect(developers).not.toBeNull();
    expect(developers!.textContent).toContain('GET http://localhost:3000/api/v1/placements/export?status=departed&market_code=JP&format=ndjson&labels=false');
    fireEvent.click(within(developers!).getByRole('button', { name: 'Tải NDJSON', hidden: true }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0].searchParams.get('format')).toBe('ndjson');
    expect(asked[0].searchParams.get('labels')).toBe('false');
  });
});

describe('AcceptedValues', () => {
  afterEach(cleanup);

  it('lists the Vietnamese words the import takes, with their codes, whatever the language', () => {
    expect(wordsFor('status', 'registered')).toBe('Đã đăng ký');
    expect(wordsFor('programme', 'TITP')).toBe('TITP');
    render(
      <I18nProvider initialLang="en">
        <AcceptedValues />
      </I18nProvider>,
    );
    const shown = screen.getByTestId('import-accepted-values').textContent ?? '';
    expect(shown).toContain('Doanh nghiệp dịch vụ (service_enterprise)');
    expect(shown).toContain('Hộ nghèo (poor_household)');
    expect(shown).toContain('Values the coded columns take');
  });
});
