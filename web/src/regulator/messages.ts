import { defineCatalogue } from '../i18n/catalogue';

export const regulatorMessages = defineCatalogue(
  {
    'regulator.title': '监管与运营门户',
  },
  {
    'regulator.title': 'Regulator and operator portal',
  },
);
