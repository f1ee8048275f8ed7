import { AlertOutlined, AuditOutlined } from '@ant-design/icons';
import type { PortalPage } from '../app/portal';
import { BorrowerObjectionPage } from './BorrowerObjectionPage';
import { BorrowerObjectionsPage } from './BorrowerObjections';
import { BorrowerRecordPage } from './BorrowerRecordPage';
import { NewObjectionPage } from './NewObjectionPage';
import { ObjectionCasePage } from './ObjectionCasePage';
import { ObjectionQueuePage } from './ObjectionQueuePage';

/** The borrower's objection pages, for the borrower portal's page list. */
export const borrowerObjectionPages: readonly PortalPage[] = [
  {
    path: 'objections',
    element: <BorrowerObjectionsPage />,
    menu: { label: 'disputes.menu.mine', icon: <AlertOutlined /> },
  },
  { path: 'objections/new', element: <NewObjectionPage /> },
  { path: 'objections/:id', element: <BorrowerObjectionPage /> },
  { path: 'records/:id', element: <BorrowerRecordPage /> },
];

/** The operator's objection queue and case pages, for the regulator portal's page list. */
export const operatorObjectionPages: readonly PortalPage[] = [
  {
    path: 'objections',
    element: <ObjectionQueuePage portal="regulator" />,
    menu: { label: 'disputes.menu.queue', icon: <AuditOutlined /> },
    roles: ['operator'],
  },
  {
    path: 'objections/:id',
    element: <ObjectionCasePage portal="regulator" />,
    roles: ['operator'],
  },
];
