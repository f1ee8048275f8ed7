import type { Portal } from '../app/portal';

export const lenderPortal: Portal = {
  key: 'lender',
  title: 'lender.title',
  roles: ['lender_officer', 'lender_admin'],
  home: '',
  pages: [],
};
