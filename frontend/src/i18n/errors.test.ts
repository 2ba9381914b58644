import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/errors';
import { errorMessage, errorMessageKey } from './errors';
import { en } from './en';
import { vi } from './vi';

const apiError = (code: string, status = 400) => new ApiError({ status, code, title: 'English title from the server' });

describe('errorMessage', () => {
  it('translates a known code', () => {
    expect(errorMessage('vi', apiError('invalid_credentials', 401))).toBe(vi['errors.invalid_credentials']);
    expect(errorMessage('en', apiError('invalid_credentials', 401))).toBe(en['errors.invalid_credentials']);
  });

  it('falls back to the generic message for an unknown code', () => {
    expect(errorMessageKey(apiError('something_new'))).toBe('errors.generic');
    expect(errorMessage('vi', apiError('something_new'))).toBe(vi['errors.generic']);
  });

  it('never shows the server text', () => {
    expect(errorMessage('en', apiError('something_new'))).not.toContain('English title');
  });

  it('falls back to the generic message for errors that are not from the API', () => {
    expect(errorMessage('en', new Error('boom'))).toBe(en['errors.generic']);
    expect(errorMessage('en', undefined)).toBe(en['errors.generic']);
  });

  it('does not treat a code that only looks like a key as translated', () => {
    expect(errorMessageKey(apiError('generic'))).toBe('errors.generic');
    expect(errorMessageKey(apiError('__proto__'))).toBe('errors.generic');
  });

  it('translates a network failure', () => {
    expect(errorMessage('vi', networkError(new TypeError('fetch failed')))).toBe(vi['errors.network_error']);
  });
});
