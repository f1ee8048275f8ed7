import { MailOutlined } from '@ant-design/icons';
import { Badge, Card, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import type { Notification } from './types';

/**
 * "Unread" is what arrived since the borrower last opened the messages, in this browser:
 * the inbox has no read marks to set, and this costs one request.
 */
const SEEN_KEY = 'xinyi.borrower.messagesSeenAt';
const SEEN_EVENT = 'xinyi:messages-seen';
const REFRESH_MS = 60_000;

const seenAt = () => Number(localStorage.getItem(SEEN_KEY) ?? 0);
const isNew = (n: Notification, since: number) => new Date(n.sentAt).getTime() > since;

/**
 * The menu icon of the messages, with the count of new ones. The menu gives its icons a
 * class (for the gap before the label): it goes on the badge, the icon's outer element.
 */
export function MessagesIcon({ className, style }: { className?: string; style?: CSSProperties }) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      api<Notification[]>('/me/notifications').then(
        (list) => {
          if (live) setCount(list.filter((n) => isNew(n, seenAt())).length);
        },
        () => undefined,
      );
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const seen = () => setCount(0);
    window.addEventListener(SEEN_EVENT, seen);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(SEEN_EVENT, seen);
    };
  }, []);
  return (
    <Badge
      count={count}
      size="small"
      offset={[4, 0]}
      className={className}
      style={style}
      data-testid="messages-badge"
    >
      <MailOutlined />
    </Badge>
  );
}

/** The borrower's in-app notifications, newest first, in the reader's language. */
export function MessagesPage() {
  const { t, locale } = useI18n();
  const loaded = useApi<Notification[]>('/me/notifications');
  const [since] = useState(seenAt);
  useEffect(() => {
    if (!loaded.data) return;
    localStorage.setItem(SEEN_KEY, String(Date.now()));
    window.dispatchEvent(new Event(SEEN_EVENT));
  }, [loaded.data]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('borrower.messages.title')}
      </Typography.Title>
      <PageState
        loaded={loaded}
        empty={
          <Typography.Text type="secondary" data-testid="empty">
            {t('borrower.messages.empty')}
          </Typography.Text>
        }
      >
        {(list) => (
          <Space
            orientation="vertical"
            size="small"
            style={{ width: '100%' }}
            data-testid="messages"
          >
            {[...list]
              .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
              .map((n) => (
                <Card key={n.id} size="small" data-testid="message" data-template={n.template}>
                  <Space wrap size="small">
                    {isNew(n, since) && <Tag color="red">{t('borrower.messages.new')}</Tag>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.sentAt, locale)}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                    {n.text}
                  </Typography.Paragraph>
                </Card>
              ))}
          </Space>
        )}
      </PageState>
    </Space>
  );
}
