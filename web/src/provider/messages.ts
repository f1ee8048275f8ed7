import { defineCatalogue } from '../i18n/catalogue';

export const providerMessages = defineCatalogue(
  {
    'provider.title': '数据提供方门户',
  },
  {
    'provider.title': 'Data provider portal',
  },
);
