import type { Portal } from '../app/portal';

export const borrowerPortal: Portal = {
  key: 'borrower',
  title: 'borrower.title',
  roles: ['borrower'],
  home: '',
  pages: [],
};
