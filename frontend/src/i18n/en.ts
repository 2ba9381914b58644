import type { Dictionary } from './vi';

// Typed as Dictionary: a missing or an extra key is a compile error.
export const en: Dictionary = {
  'app.name': 'Overseas Work Registry',
  'app.shortName': 'Overseas Work',
  'app.skipToContent': 'Skip to main content',

  'nav.main': 'Main navigation',
  'nav.home': 'Home',
  'nav.markets': 'Markets',
  'nav.login': 'Log in',
  'nav.logout': 'Log out',

  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'common.loading': 'Loading…',
  'common.loadMore': 'Load more',
  'common.retry': 'Try again',
  'common.empty': 'No data yet.',
  'common.none': '—',
  'common.shownOf': 'Showing {shown} of {total}',
  'common.shown': 'Showing {shown}',

  'role.admin': 'Administrator',
  'role.officer': 'Officer',
  'role.inspector': 'Inspector',
  'role.agency': 'Enterprise',
  'role.viewer': 'Viewer',
  'whoami.label': 'Signed in as {username}, role {role}',

  'tier.priority': 'Priority',
  'tier.potential': 'Potential',
  'tier.standard': 'Standard',
  'tier.suspended': 'Suspended',

  'programme.engineer': 'Engineer',
  'programme.other': 'Other',

  'agencyStatus.active': 'Active',
  'agencyStatus.suspended': 'Suspended',
  'agencyStatus.revoked': 'Licence revoked',

  'login.title': 'Log in',
  'login.intro': 'For department staff and licensed recruitment enterprises.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.required': 'Please enter your username and password.',

  'public.title': 'Public information',
  'public.intro':
    'Destination markets for overseas work and the enterprises licensed to send workers abroad.',
  'public.markets': 'Destination markets',
  'public.agencies': 'Licensed enterprises',
  'public.records': 'Latest information',
  'public.noPersonalData': 'The public pages contain no personal data of workers.',

  'markets.title': 'Markets',
  'markets.intro': 'Destination markets for workers, their priority and their programmes.',
  'markets.caption': 'Markets',
  'markets.code': 'Code',
  'markets.name': 'Market',
  'markets.tier': 'Tier',
  'markets.programmes': 'Programmes',
  'markets.updatedAt': 'Updated',

  'agencies.caption': 'Enterprises',
  'agencies.licenceNo': 'Licence no.',
  'agencies.name': 'Enterprise',
  'agencies.status': 'Status',

  'notFound.title': 'Page not found',
  'notFound.back': 'Back to home',

  'errors.generic': 'Something went wrong. Please try again.',
  'errors.network_error': 'Cannot reach the server. Check your connection and try again.',
  'errors.invalid_credentials': 'Wrong username or password.',
  'errors.too_many_login_attempts': 'Too many failed logins. Please try again in a few minutes.',
  'errors.too_many_requests': 'Too many requests. Please try again in a few minutes.',
  'errors.not_authenticated': 'Your session has expired. Please log in again.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.not_found': 'The requested data was not found.',
  'errors.validation_error': 'Some data is not valid. Please check the highlighted fields.',
  'errors.conflict': 'This conflicts with an existing record.',
  'errors.invalid_transition': 'The record cannot move to this status.',
  'errors.precondition_failed': 'Someone else changed this record. Reload it and try again.',
  'errors.idempotency_key_reused': 'This request reuses the key of a different request.',
  'errors.bad_request': 'The request is not valid.',
  'errors.internal_error': 'The server ran into a problem. Please try again later.',
  'errors.fieldList': 'Fields to check: {fields}',
};
