import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../app/i18n';

interface Column {
  readonly id: string;
  readonly name?: string;
  readonly field?: string;
}

interface TableNode {
  readonly id: string;
  readonly name: string;
  readonly content: {
    readonly hitPolicy?: string;
    readonly inputs: readonly Column[];
    readonly outputs: readonly Column[];
    readonly rules: readonly Record<string, string>[];
  };
}

/** The decision-table nodes of a JDM graph; anything else in the graph is not a table. */
export function decisionTableNodes(jdm: unknown): TableNode[] {
  const nodes = (jdm as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  return nodes.filter(
    (node): node is TableNode =>
      typeof node === 'object' &&
      node !== null &&
      (node as { type?: unknown }).type === 'decisionTableNode' &&
      typeof (node as { content?: unknown }).content === 'object',
  );
}

function header(column: Column) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{column.name ?? column.id}</span>
      {column.field ? (
        <Typography.Text type="secondary" code>
          {column.field}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

const cell = (value: string | undefined) =>
  value ? (
    <Typography.Text code>{value}</Typography.Text>
  ) : (
    <Typography.Text type="secondary">-</Typography.Text>
  );

function DecisionTable({ node }: { node: TableNode }) {
  const { t } = useI18n();
  const { inputs, outputs, rules, hitPolicy } = node.content;
  const columns: ColumnsType<Record<string, string>> = [
    { title: '#', key: 'index', render: (_, __, index) => index + 1, fixed: 'left', width: 48 },
    {
      title: t('lender.tables.inputs'),
      children: inputs.map((input) => ({
        key: `in-${input.id}`,
        title: header(input),
        dataIndex: input.id,
        render: cell,
      })),
    },
    {
      title: t('lender.tables.outputs'),
      children: outputs.map((output) => ({
        key: `out-${output.id}`,
        title: header(output),
        dataIndex: output.id,
        render: cell,
      })),
    },
    {
      title: t('lender.tables.description'),
      key: 'description',
      dataIndex: '_description',
      render: (text: string | undefined) => text ?? '',
    },
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`decision-table-${node.id}`}
      title={
        <Space wrap>
          <span>{node.name}</span>
          <Tag color="blue">
            {t('lender.tables.hitPolicy')}:{' '}
            {hitPolicy === 'collect' ? t('lender.tables.collect') : t('lender.tables.first')}
          </Tag>
          <Tag>{t('lender.tables.ruleCount', { count: rules.length })}</Tag>
        </Space>
      }
    >
      <Table<Record<string, string>>
        rowKey={(row, index) => row._id ?? String(index)}
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...rules]}
        columns={columns}
      />
    </Card>
  );
}

/** Each decision table of a JDM graph as a table: inputs, outputs, rule rows, hit policy. */
export function DecisionTables({ jdm }: { jdm: unknown }) {
  const { t } = useI18n();
  const nodes = decisionTableNodes(jdm);
  if (nodes.length === 0) return <Empty description={t('lender.tables.none')} />;
  return (
    <div data-testid="decision-tables">
      {nodes.map((node) => (
        <DecisionTable key={node.id} node={node} />
      ))}
    </div>
  );
}
