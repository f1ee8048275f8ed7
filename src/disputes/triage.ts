/**
 * Triage help for an objection: does the source's own later data contradict the record? A
 * record is adverse by its category's rule (`ingest/adverse.ts`); when every later record of
 * the same category is clean, the operator is told which, so the source can be asked whether
 * it corrected itself. Pure.
 */
import { ADVERSE_RULES } from '../ingest/adverse.js';

export interface TriageRecord {
  readonly id: string;
  readonly category: string;
  readonly period: string | null;
  readonly content: Readonly<Record<string, unknown>>;
}

export interface Contradiction {
  readonly field: string;
  readonly laterRecordIds: readonly string[];
  readonly message: Readonly<Record<'zh-CN' | 'en', string>>;
}

export function contradictions(
  record: TriageRecord,
  others: readonly TriageRecord[],
): Contradiction[] {
  const rule = ADVERSE_RULES[record.category];
  if (!rule?.isAdverse(record.content)) return [];
  const { field } = rule;
  const later = others.filter(
    (other) =>
      other.id !== record.id &&
      other.category === record.category &&
      other.period !== null &&
      record.period !== null &&
      other.period > record.period,
  );
  if (later.length === 0 || later.some((other) => rule.isAdverse(other.content))) return [];
  const periods = later.map((other) => other.period).join(', ');
  return [
    {
      field,
      laterRecordIds: later.map((other) => other.id),
      message: {
        'zh-CN': `同一来源此后的记录（${periods}）中“${field}”均正常，与被异议记录不一致，建议向数据源核实该记录是否已更正。`,
        en: `The source's later records (${periods}) show "${field}" as normal, unlike the record objected to: ask the source whether it has been corrected.`,
      },
    },
  ];
}
