import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { categoryLabel } from './labels';
import type { Mapping, ProviderCategory } from './types';

interface Values {
  rows: { theirs: string; ours: string }[];
  moneyUnit: Mapping['moneyUnit'];
}

/** A provider's own column names for a category's canonical fields, and its money unit. */
export function MappingPage() {
  const { t } = useI18n();
  const user = useUser();
  const categories = useApi<ProviderCategory[]>(
    user.organisationId ? `/organisations/${user.organisationId}/categories` : null,
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const category = chosen ?? categories.data?.[0]?.category;
  const mapping = useApi<Mapping>(category ? `/ingest/mappings/${category}` : null);
  return (
    <Card
      title={t('provider.mapping.title')}
      extra={
        <Select
          value={category}
          onChange={setChosen}
          style={{ minWidth: 160 }}
          options={(categories.data ?? []).map((c) => ({
            value: c.category,
            label: categoryLabel(t, c.category),
          }))}
          data-testid="mapping-category"
        />
      }
    >
      <PageState loaded={categories}>
        {() => (
          <PageState loaded={mapping}>
            {(data) => (
              <MappingForm
                key={`${data.category}-${data.setAt}`}
                mapping={data}
                onSaved={mapping.reload}
              />
            )}
          </PageState>
        )}
      </PageState>
    </Card>
  );
}

function MappingForm({ mapping, onSaved }: { mapping: Mapping; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: Values = {
    rows: Object.entries(mapping.fields).map(([theirs, ours]) => ({ theirs, ours })),
    moneyUnit: mapping.moneyUnit,
  };

  const save = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    const rows = values.rows.filter((row) => row.theirs && row.ours);
    try {
      await api(`/ingest/mappings/${mapping.category}`, {
        method: 'PUT',
        body: {
          fields: Object.fromEntries(rows.map((row) => [row.theirs, row.ours])),
          moneyUnit: values.moneyUnit,
          valueMaps: mapping.valueMaps,
        },
      });
      void message.success(t('provider.mapping.saved'));
      onSaved();
    } catch (error) {
      // The API names a refused row by the provider's column (`fields.<theirs>`).
      const fields = error instanceof ApiError ? error.fields : [];
      form.setFields(
        fields.flatMap((field) => {
          const theirs = field.path.replace(/^\/?(body[./])?fields[./]/, '');
          const index = rows.findIndex((row) => row.theirs === theirs);
          return index < 0 ? [] : [{ name: ['rows', index, 'ours'], errors: [field.message] }];
        }),
      );
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        {t('provider.mapping.hint')}{' '}
        {mapping.setAt
          ? t('provider.mapping.setAt', { at: formatDateTime(mapping.setAt, locale) })
          : t('provider.mapping.canonical')}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} data-testid="mapping-error" />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Form.Item
          name="moneyUnit"
          label={t('provider.mapping.moneyUnit')}
          style={{ maxWidth: 240 }}
        >
          <Select
            options={(['fen', 'yuan', 'wan_yuan'] as const).map((unit) => ({
              value: unit,
              label: t(`provider.mapping.unit.${unit}`),
            }))}
          />
        </Form.Item>
        <Form.List name="rows">
          {(items, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((item, index) => (
                <Space key={item.key} wrap align="start">
                  <Form.Item name={[item.name, 'theirs']} style={{ marginBottom: 0 }}>
                    <Input
                      placeholder={t('provider.mapping.theirs')}
                      style={{ width: 200 }}
                      data-testid={`mapping-theirs-${index}`}
                    />
                  </Form.Item>
                  <span style={{ lineHeight: '32px' }}>→</span>
                  <Form.Item name={[item.name, 'ours']} style={{ marginBottom: 0 }}>
                    <Input
                      placeholder={t('provider.mapping.ours')}
                      style={{ width: 200 }}
                      data-testid={`mapping-ours-${index}`}
                    />
                  </Form.Item>
                  <Button onClick={() => remove(item.name)}>{t('provider.mapping.remove')}</Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ theirs: '', ours: '' })}>
                {t('provider.mapping.add')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          style={{ marginTop: 16 }}
          data-testid="mapping-save"
        >
          {t('common.save')}
        </Button>
      </Form>
    </Space>
  );
}
