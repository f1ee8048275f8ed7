import {
  AppstoreOutlined,
  FileTextOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Portal } from '../app/portal';
import { borrowerObjectionPages } from '../disputes/pages';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsPage } from './ApplicationsPage';
import { ConsentsPage } from './ConsentsPage';
import { MessagesIcon, MessagesPage } from './MessagesPage';
import { ProductPage } from './ProductPage';
import { ProductsPage } from './ProductsPage';
import { ProfilePage } from './ProfilePage';
import { RegisterPage } from './RegisterPage';

export const borrowerPortal: Portal = {
  key: 'borrower',
  title: 'borrower.title',
  roles: ['borrower'],
  home: 'profile',
  pages: [
    {
      path: 'profile',
      element: <ProfilePage />,
      menu: { label: 'borrower.menu.profile', icon: <UserOutlined /> },
    },
    {
      path: 'consents',
      element: <ConsentsPage />,
      menu: { label: 'borrower.menu.consents', icon: <SafetyOutlined /> },
    },
    {
      path: 'products',
      element: <ProductsPage />,
      menu: { label: 'borrower.menu.products', icon: <AppstoreOutlined /> },
    },
    { path: 'products/:id', element: <ProductPage /> },
    {
      path: 'applications',
      element: <ApplicationsPage />,
      menu: { label: 'borrower.menu.applications', icon: <FileTextOutlined /> },
    },
    { path: 'applications/:id', element: <ApplicationPage /> },
    {
      path: 'messages',
      element: <MessagesPage />,
      menu: { label: 'borrower.menu.messages', icon: <MessagesIcon /> },
    },
    ...borrowerObjectionPages,
  ],
  publicPages: [{ path: 'register', element: <RegisterPage /> }],
};
