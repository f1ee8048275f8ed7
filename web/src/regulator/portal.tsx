import type { Portal } from '../app/portal';
import { operatorObjectionPages } from '../disputes/pages';

export const regulatorPortal: Portal = {
  key: 'regulator',
  title: 'regulator.title',
  roles: ['regulator', 'operator'],
  home: '',
  pages: [...operatorObjectionPages],
};
