import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { I18nProvider } from '../../i18n/I18nProvider';
import { createQueryClient } from '../../queryClient';
import { AnnualReportDownload } from './AnnualReportDownload';
import { reportDays, reportFilename } from './reportPeriod';

describe('reportDays', () => {
  it('is 15 December of the year before to 14 December for the statutory period', () => {
    expect(reportDays(2026, 'statutory')).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(reportDays(2000, 'statutory')).toEqual({ from: '1999-12-15', to: '2000-12-14' });
  });

  it('is 1 January to 31 December for the calendar year', () => {
    expect(reportDays(2025, 'calendar')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('names the workbook for its period', () => {
    expect(reportFilename(2025, 'statutory')).toBe('bao-cao-nam-2025-ky-bao-cao.xlsx');
    expect(reportFilename(2025, 'calendar')).toBe('bao-cao-nam-2025-nam-duong-lich.xlsx');
  });
});

describe('AnnualReportDownload', () => {
  const asked: URL[] = [];
  const saved: string[] = [];
  const { createObjectURL, revokeObjectURL } = URL;
  const year = new Date().getFullYear() - 1;

  beforeEach(() => {
    asked.length = 0;
    session.setToken('jwt-viewer', 3600);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        asked.push(new URL(request.url));
        return new Response('xlsx', {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': 'attachment; filename="named-by-the-server.xlsx"',
          },
        });
      }),
    );
    // The browser's side of a download: a blob address and a link clicked.
    URL.createObjectURL = vi.fn(() => 'blob:report');
    URL.revokeObjectURL = vi.fn();
    saved.length = 0;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });

  afterEach(() => {
    cleanup();
    session.clear();
    vi.unstubAllGlobals();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  const show = (lang: 'vi' | 'en' = 'vi') =>
    render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider initialLang={lang}>
          <AnnualReportDownload />
        </I18nProvider>
      </QueryClientProvider>,
    );

  it('offers the statutory period by default and shows its days', () => {
    show();
    const period = screen.getByLabelText<HTMLSelectElement>('Khoảng thời gian');
    expect(period.value).toBe('statutory');
    expect([...period.options].map((o) => o.text)).toEqual(['Kỳ báo cáo (15/12 năm trước – 14/12)', 'Năm dương lịch']);
    const dates = `Từ 15/12/${year - 1} đến 14/12/${year}`;
    expect(screen.getByText(dates)).toBeTruthy();
    expect(period.getAttribute('aria-describedby')).toBe(screen.getByText(dates).id);
  });

  it('shows the calendar year’s days and asks for it', async () => {
    show();
    fireEvent.change(screen.getByLabelText('Khoảng thời gian'), { target: { value: 'calendar' } });
    expect(screen.getByText(`Từ 01/01/${year} đến 31/12/${year}`)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Năm báo cáo'), { target: { value: String(year - 1) } });
    expect(screen.getByText(`Từ 01/01/${year - 1} đến 31/12/${year - 1}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tải báo cáo năm (Excel)' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0].pathname).toBe('/api/v1/reports/annual');
    expect(Object.fromEntries(asked[0].searchParams)).toEqual({ year: String(year - 1), period: 'calendar', format: 'xlsx' });
    await waitFor(() => expect(saved).toEqual(['named-by-the-server.xlsx']));
  });

  it('speaks English too', () => {
    show('en');
    const period = screen.getByLabelText<HTMLSelectElement>('Period');
    expect([...period.options].map((o) => o.text)).toEqual(['Reporting period (15 Dec of the year before – 14 Dec)', 'Calendar year']);
    expect(screen.getByText(`From 15/12/${year - 1} to 14/12/${year}`)).toBeTruthy();
  });
});
