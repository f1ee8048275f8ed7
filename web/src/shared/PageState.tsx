import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-api';
import { useI18n } from '../app/i18n';

interface Props<T> {
  readonly loaded: Loaded<T>;
  /** When the data counts as empty (default: an empty array). */
  readonly isEmpty?: (data: T) => boolean;
  readonly empty?: ReactNode;
  readonly children: (data: T) => ReactNode;
}

/**
 * The loading, error and empty states every page shares; renders `children` with the data
 * once it is there. A reload keeps showing the old data under a spinner.
 */
export function PageState<T>({ loaded, isEmpty, empty, children }: Props<T>) {
  const { t } = useI18n();
  if (loaded.error && loaded.data === undefined) {
    return (
      <Result
        status={loaded.error.status === 403 ? '403' : loaded.error.status === 404 ? '404' : 'error'}
        title={t('state.error')}
        subTitle={
          <span data-testid="error-message">
            {loaded.error.code === 'NETWORK' ? t('error.network') : loaded.error.message}
          </span>
        }
        extra={
          <Button type="primary" onClick={loaded.reload}>
            {t('state.retry')}
          </Button>
        }
      />
    );
  }
  if (loaded.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
        <Spin tip={t('state.loading')} size="large">
          <div style={{ minHeight: 48 }} />
        </Spin>
      </div>
    );
  }
  const data = loaded.data;
  const emptyNow = isEmpty ? isEmpty(data) : Array.isArray(data) && data.length === 0;
  if (emptyNow) {
    return <>{empty ?? <Empty description={t('state.empty')} data-testid="empty" />}</>;
  }
  return <Spin spinning={loaded.loading}>{children(data)}</Spin>;
}
