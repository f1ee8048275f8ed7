import { Card, Collapse, Table } from 'antd';
import type { Loan } from '../api/loans';
import { useI18n } from '../app/i18n';
import { formatDate } from '../shared/format';
import { formatFen } from '../shared/money';

type EarlierSchedule = Loan['earlierSchedules'][number];
type I18n = ReturnType<typeof useI18n>;

/** The columns every version of a schedule has: number, due date, principal, interest. */
export function scheduleColumns(t: I18n['t'], locale: I18n['locale']) {
  return [
    { title: '#', dataIndex: 'number' },
    {
      title: t('lender.loan.dueDate'),
      dataIndex: 'dueDate',
      render: (d: string) => formatDate(d, locale),
    },
    {
      title: t('lender.loan.principal'),
      dataIndex: 'principalFen',
      render: (f: string) => formatFen(f),
    },
    {
      title: t('lender.loan.interest'),
      dataIndex: 'interestFen',
      render: (f: string) => formatFen(f),
    },
  ];
}

/** The schedules an early settlement replaced, as they were: nothing is overwritten. */
export function EarlierSchedules({ loan }: { loan: Loan }) {
  const { t, locale } = useI18n();
  if (loan.earlierSchedules.length === 0) return null;
  return (
    <Card
      title={t('lender.loan.earlierSchedules')}
      style={{ marginBottom: 16 }}
      data-testid="loan-earlier-schedules"
    >
      <Collapse
        items={loan.earlierSchedules.map((schedule: EarlierSchedule) => ({
          key: schedule.version,
          label: t('lender.loan.schedule', { version: schedule.version }),
          children: (
            <Table
              rowKey="number"
              size="small"
              dataSource={[...schedule.instalments]}
              scroll={{ x: 'max-content' }}
              pagination={false}
              columns={scheduleColumns(t, locale)}
            />
          ),
        }))}
      />
    </Card>
  );
}
