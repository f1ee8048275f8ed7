import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { CONSENT_CATEGORIES, CONSENT_PURPOSES, grantConsent, grantees } from './consent-api';
import { useIntentionKey } from '../api/intention-key';
import { useLabel } from './labels';
import type { Consent, ConsentEvent, ConsentStatus, Organisation } from './types';
import { FormError } from '../shared/FormError';

const STATUS_COLOURS: Readonly<Record<ConsentStatus, string>> = {
  active: 'green',
  revoked: 'default',
  expired: 'orange',
};

/** The borrower's consents: who may use which data for what, until when; grant and revoke. */
export function ConsentsPage() {
  const { t } = useI18n();
  const consents = useApi<Consent[]>('/consents?limit=200');
  const organisations = useApi<Organisation[]>('/organisations');
  const [granting, setGranting] = useState(false);
  const names = useMemo(
    () => new Map((organisations.data ?? []).map((o) => [o.id, o.name])),
    [organisations.data],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('borrower.consents.title')}
        </Typography.Title>
        <Button
          type="primary"
          onClick={() => setGranting(true)}
          disabled={!organisations.data}
          data-testid="consents-grant"
        >
          {t('borrower.consents.grant')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('borrower.consents.intro')}
      </Typography.Paragraph>
      <PageState
        loaded={consents}
        empty={<Alert type="info" showIcon title={t('borrower.consents.empty')} />}
      >
        {(list) => <ConsentTable consents={list} names={names} onChange={consents.reload} />}
      </PageState>
      {granting && organisations.data && (
        <GrantConsentModal
          organisations={grantees(organisations.data)}
          onClose={() => setGranting(false)}
          onGranted={() => {
            setGranting(false);
            consents.reload();
          }}
        />
      )}
    </Space>
  );
}

function ConsentTable({
  consents,
  names,
  onChange,
}: {
  consents: readonly Consent[];
  names: ReadonlyMap<string, string>;
  onChange: () => void;
}) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const [filter, setFilter] = useState<ConsentStatus | 'all'>('all');
  const [eventsOf, setEventsOf] = useState<Consent | null>(null);
  const rows = consents.filter((c) => filter === 'all' || c.status === filter);

  const revoke = (consent: Consent) =>
    modal.confirm({
      title: t('borrower.consents.revokeTitle'),
      content: t('borrower.consents.revokeBody', {
        lender: names.get(consent.granteeOrganisationId) ?? '',
      }),
      okText: t('borrower.consents.revoke'),
      okButtonProps: { danger: true, 'data-testid': 'consents-revoke-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        await api(`/consents/${consent.id}/revoke`, { method: 'POST' });
        void message.success(t('borrower.consents.revoked'));
        onChange();
      },
    });

  return (
    <>
      <Segmented<ConsentStatus | 'all'>
        value={filter}
        onChange={setFilter}
        data-testid="consents-filter"
        options={[
          { value: 'all', label: t('borrower.consents.filterAll') },
          ...(['active', 'revoked', 'expired'] as const).map((value) => ({
            value,
            label: label('borrower.consents.status', value),
          })),
        ]}
      />
      <Table<Consent>
        rowKey="id"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="consents-table"
        columns={[
          {
            key: 'lender',
            title: t('borrower.consents.lender'),
            render: (_, c) => names.get(c.granteeOrganisationId) ?? c.granteeOrganisationId,
          },
          {
            key: 'categories',
            title: t('borrower.consents.categories'),
            render: (_, c) => (
              <Space wrap size={[4, 4]} style={{ maxWidth: 360 }}>
                {c.categories.map((category) => (
                  <Tag key={category}>{label('borrower.category', category)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'purpose',
            title: t('borrower.consents.purpose'),
            render: (_, c) => label('borrower.consents.purpose', c.purpose),
          },
          {
            key: 'granted',
            title: t('borrower.consents.grantedAt'),
            render: (_, c) => formatDateTime(c.grantedAt, locale),
          },
          {
            key: 'expires',
            title: t('borrower.consents.expiresAt'),
            render: (_, c) =>
              c.revokedAt
                ? `${t('borrower.consents.revokedAt')} ${formatDateTime(c.revokedAt, locale)}`
                : formatDateTime(c.expiresAt, locale),
          },
          {
            key: 'status',
            title: t('common.status'),
            render: (_, c) => (
              <Tag color={STATUS_COLOURS[c.status]} data-testid="consent-status">
                {label('borrower.consents.status', c.status)}
              </Tag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, c) => (
              <Space size="small">
                <Button size="small" onClick={() => setEventsOf(c)} data-testid="consent-events">
                  {t('borrower.consents.events')}
                </Button>
                {c.status === 'active' && (
                  <Button
                    size="small"
                    danger
                    onClick={() => void revoke(c)}
                    data-testid="consent-revoke"
                  >
                    {t('borrower.consents.revoke')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={eventsOf !== null}
        onClose={() => setEventsOf(null)}
        title={t('borrower.consents.eventsTitle')}
        size={520}
        destroyOnHidden
      >
        {eventsOf && <ConsentEvents consent={eventsOf} names={names} />}
      </Drawer>
    </>
  );
}

function ConsentEvents({
  consent,
  names,
}: {
  consent: Consent;
  names: ReadonlyMap<string, string>;
}) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const events = useApi<ConsentEvent[]>(`/consents/${consent.id}/events`);
  return (
    <PageState loaded={events}>
      {(list) => (
        <Table<ConsentEvent>
          rowKey="id"
          size="small"
          dataSource={[...list].reverse()}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="consent-events-table"
          columns={[
            {
              key: 'at',
              title: t('borrower.consents.eventAt'),
              render: (_, e) => formatDateTime(e.at, locale),
            },
            {
              key: 'event',
              title: t('borrower.consents.eventKind'),
              render: (_, e) => label('borrower.consents.event', e.event),
            },
            {
              key: 'who',
              title: t('borrower.consents.lender'),
              render: (_, e) =>
                e.actorOrganisationId ? (names.get(e.actorOrganisationId) ?? '—') : '—',
            },
            {
              key: 'category',
              title: t('borrower.consents.eventCategory'),
              render: (_, e) => (e.category ? label('borrower.category', e.category) : '—'),
            },
          ]}
        />
      )}
    </PageState>
  );
}

interface GrantValues {
  granteeOrganisationId: string;
  categories: string[];
  purpose: string;
  expiresAt: Dayjs;
}

/** The form of a new consent; the API's refusals show at their fields. */
export function GrantConsentModal({
  organisations,
  initial,
  onClose,
  onGranted,
}: {
  organisations: readonly Organisation[];
  initial?: Partial<Omit<GrantValues, 'expiresAt'>>;
  onClose: () => void;
  onGranted: (consent: Consent) => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const { key, settle } = useIntentionKey();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: GrantValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const consent = await grantConsent(
        {
          granteeOrganisationId: values.granteeOrganisationId,
          categories: values.categories,
          purpose: values.purpose,
          expiresAt: values.expiresAt.endOf('day').toISOString(),
        },
        key,
      );
      settle();
      void message.success(t('borrower.consents.granted'));
      onGranted(consent);
    } catch (error) {
      settle(error);
      setProblem(
        showFieldErrors(form, error, [
          'granteeOrganisationId',
          'categories',
          'purpose',
          'expiresAt',
        ]),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('borrower.consents.formTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'consent-form-submit' }}
      destroyOnHidden
    >
      <FormError message={problem} gap={12} />
      <Form<GrantValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          purpose: 'loan_application',
          categories: ['credit_profile'],
          expiresAt: dayjs().add(90, 'day'),
          ...initial,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="granteeOrganisationId"
          label={t('borrower.consents.lender')}
          rules={[{ required: true, message: t('borrower.consents.chooseLender') }]}
        >
          <Select
            data-testid="consent-form-lender"
            placeholder={t('borrower.consents.chooseLender')}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item
          name="categories"
          label={t('borrower.consents.categories')}
          rules={[{ required: true, message: t('borrower.consents.chooseCategories') }]}
        >
          <Checkbox.Group
            data-testid="consent-form-categories"
            options={CONSENT_CATEGORIES.map((value) => ({
              value,
              label: label('borrower.category', value),
            }))}
          />
        </Form.Item>
        <Form.Item name="purpose" label={t('borrower.consents.purpose')}>
          <Select
            data-testid="consent-form-purpose"
            options={CONSENT_PURPOSES.map((value) => ({
              value,
              label: label('borrower.consents.purpose', value),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="expiresAt"
          label={t('borrower.consents.expiry')}
          rules={[{ required: true, message: t('borrower.consents.chooseExpiry') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="consent-form-expiry" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
