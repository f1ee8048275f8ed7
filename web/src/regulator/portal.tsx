import type { Portal } from '../app/portal';

export const regulatorPortal: Portal = {
  key: 'regulator',
  title: 'regulator.title',
  roles: ['regulator', 'operator'],
  home: '',
  pages: [],
};
