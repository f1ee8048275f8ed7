import type { Portal } from '../app/portal';

export const providerPortal: Portal = {
  key: 'provider',
  title: 'provider.title',
  roles: ['provider'],
  home: '',
  pages: [],
};
