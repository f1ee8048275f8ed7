import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  FileSearchOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { Portal } from '../app/portal';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsPage } from './ApplicationsPage';
import { LoanPage } from './LoanPage';
import { LoansPage } from './LoansPage';
import { ProductFormPage } from './ProductFormPage';
import { ProductsPage } from './ProductsPage';
import { ReviewPage } from './ReviewPage';
import { ReviewsPage } from './ReviewsPage';
import { RulesPage } from './RulesPage';
import { RuleVersionPage } from './RuleVersionPage';
import { WarningsPage } from './WarningsPage';

export const lenderPortal: Portal = {
  key: 'lender',
  title: 'lender.title',
  roles: ['lender_officer', 'lender_admin'],
  home: 'reviews',
  pages: [
    {
      path: 'reviews',
      element: <ReviewsPage />,
      menu: { label: 'lender.menu.reviews', icon: <AuditOutlined /> },
    },
    { path: 'reviews/:id', element: <ReviewPage /> },
    {
      path: 'applications',
      element: <ApplicationsPage />,
      menu: { label: 'lender.menu.applications', icon: <FileSearchOutlined /> },
    },
    { path: 'applications/:id', element: <ApplicationPage /> },
    {
      path: 'loans',
      element: <LoansPage />,
      menu: { label: 'lender.menu.loans', icon: <BankOutlined /> },
    },
    { path: 'loans/:id', element: <LoanPage /> },
    {
      path: 'warnings',
      element: <WarningsPage />,
      menu: { label: 'lender.menu.warnings', icon: <AlertOutlined /> },
    },
    {
      path: 'products',
      element: <ProductsPage />,
      menu: { label: 'lender.menu.products', icon: <AppstoreOutlined /> },
    },
    { path: 'products/new', element: <ProductFormPage />, roles: ['lender_admin'] },
    {
      path: 'rules',
      element: <RulesPage />,
      menu: { label: 'lender.menu.rules', icon: <TableOutlined /> },
    },
    { path: 'rules/:id', element: <RuleVersionPage /> },
  ],
};
