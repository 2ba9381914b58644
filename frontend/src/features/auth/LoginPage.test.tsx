import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../auth/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { I18nProvider } from '../../i18n/I18nProvider';
import { en } from '../../i18n/en';
import { vi as viDict } from '../../i18n/vi';
import { createQueryClient } from '../../queryClient';
import LoginPage from './LoginPage';

function problem(status: number, code: string) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Server text', status, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function renderLogin() {
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider initialLang="vi">
        <LanguageSwitch />
        <LoginPage />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

function submit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText(viDict['login.username']), { target: { value: username } });
  fireEvent.change(screen.getByLabelText(viDict['login.password']), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: viDict['login.submit'] }));
}

describe('LoginPage', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    session.clear();
    window.history.replaceState(null, '', '/login');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the translated message for invalid_credentials, then in English', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'invalid_credentials')));
    renderLogin();
    submit('officer', 'wrong-password');
    expect((await screen.findByRole('alert')).textContent).toContain(viDict['errors.invalid_credentials']);
    expect(screen.queryByText('Server text')).toBeNull();

    fireEvent.change(screen.getByLabelText(viDict['lang.label']), { target: { value: 'en' } });
    expect(screen.getByRole('alert').textContent).toContain(en['errors.invalid_credentials']);
    expect(localStorage.getItem('overseas.lang')).toBe('en');
  });

  it('asks for both fields before calling the API', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderLogin();
    submit('', '');
    expect(screen.getByRole('alert').textContent).toContain(viDict['login.required']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('stores the token and leaves for the next page on success', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ access_token: 'jwt-abc', token_type: 'bearer', expires_in: 3600 }, { status: 200 }),
      ),
    );
    window.history.replaceState(null, '', '/login?next=%2Fmarkets');
    renderLogin();
    await act(async () => submit('officer', 'demo-pass-2026'));
    await vi.waitFor(() => expect(session.getToken()).toBe('jwt-abc'));
    await vi.waitFor(() => expect(window.location.pathname).toBe('/markets'));
  });
});
