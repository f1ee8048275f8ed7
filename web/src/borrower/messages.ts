import { defineCatalogue } from '../i18n/catalogue';

export const borrowerMessages = defineCatalogue(
  {
    'borrower.title': '借款人门户',
  },
  {
    'borrower.title': 'Borrower portal',
  },
);
