import {
  AlertOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  ExceptionOutlined,
  NodeIndexOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Portal } from '../app/portal';
import { ObjectionCasePage } from '../disputes/ObjectionCasePage';
import { ObjectionQueuePage } from '../disputes/ObjectionQueuePage';
import { BatchesPage, BatchPage } from './BatchesPage';
import { MappingPage } from './MappingPage';
import { QualityPage } from './QualityPage';
import { QuarantinePage } from './QuarantinePage';
import { UploadPage } from './UploadPage';

export const providerPortal: Portal = {
  key: 'provider',
  title: 'provider.title',
  roles: ['provider'],
  home: 'upload',
  pages: [
    {
      path: 'upload',
      element: <UploadPage />,
      menu: { label: 'provider.menu.upload', icon: <CloudUploadOutlined /> },
    },
    {
      path: 'batches',
      element: <BatchesPage />,
      menu: { label: 'provider.menu.batches', icon: <UnorderedListOutlined /> },
    },
    { path: 'batches/:id', element: <BatchPage /> },
    {
      path: 'quarantine',
      element: <QuarantinePage />,
      menu: { label: 'provider.menu.quarantine', icon: <ExceptionOutlined /> },
    },
    {
      path: 'quality',
      element: <QualityPage />,
      menu: { label: 'provider.menu.quality', icon: <BarChartOutlined /> },
    },
    {
      path: 'mappings',
      element: <MappingPage />,
      menu: { label: 'provider.menu.mappings', icon: <NodeIndexOutlined /> },
    },
    {
      path: 'objections',
      element: <ObjectionQueuePage portal="provider" />,
      menu: { label: 'provider.menu.objections', icon: <AlertOutlined /> },
    },
    { path: 'objections/:id', element: <ObjectionCasePage portal="provider" /> },
  ],
};
