import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  ExperimentOutlined,
} from '@ant-design/icons';
import type { Portal } from '../app/portal';
import { operatorObjectionPages } from '../disputes/pages';
import { DashboardPage } from './DashboardPage';
import { FairnessPage } from './FairnessPage';
import { LedgerPage } from './LedgerPage';
import { ModelPage } from './ModelPage';
import { ModelsPage } from './ModelsPage';
import { QualityPage } from './QualityPage';

export const regulatorPortal: Portal = {
  key: 'regulator',
  title: 'regulator.title',
  roles: ['regulator', 'operator'],
  home: 'dashboard',
  pages: [
    {
      path: 'dashboard',
      element: <DashboardPage />,
      menu: { label: 'regulator.menu.dashboard', icon: <DashboardOutlined /> },
    },
    {
      path: 'fairness',
      element: <FairnessPage />,
      menu: { label: 'regulator.menu.fairness', icon: <BarChartOutlined /> },
    },
    {
      path: 'quality',
      element: <QualityPage />,
      menu: { label: 'regulator.menu.quality', icon: <DatabaseOutlined /> },
    },
    {
      path: 'models',
      element: <ModelsPage />,
      menu: { label: 'regulator.menu.models', icon: <ExperimentOutlined /> },
    },
    { path: 'models/:id', element: <ModelPage /> },
    {
      path: 'ledger',
      element: <LedgerPage />,
      menu: { label: 'regulator.menu.ledger', icon: <AuditOutlined /> },
    },
    ...operatorObjectionPages,
  ],
};
