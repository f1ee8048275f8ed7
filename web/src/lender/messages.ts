import { defineCatalogue } from '../i18n/catalogue';

export const lenderMessages = defineCatalogue(
  {
    'lender.title': '银行门户',
  },
  {
    'lender.title': 'Lender portal',
  },
);
