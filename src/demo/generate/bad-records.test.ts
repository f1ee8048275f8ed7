import { describe, expect, it } from 'vitest';
import { schemaOf } from '../../ingest/schemas.js';
import { parseResidentId, parseUscc } from '../../registry/identifiers.js';
import { buildResidentId, buildUscc } from '../seed.js';
import { BAD_KINDS, damageRow, kindApplies, planRequiredKinds } from './bad-records.js';
import { cellText, renderCell, type RowDraft } from './formats.js';
import { createRng } from './prng.js';
import { PROVIDERS } from './providers.js';

const uscc = buildUscc('9', '1', '330106', 'MA2CD3E4');
const residentId = buildResidentId('330106', '19851212', '042');

describe('planRequiredKinds', () => {
  it('puts every kind into a file where it applies', () => {
    const plan = planRequiredKinds(PROVIDERS);
    const planned = [...plan.values()].flat();
    expect([...planned].sort()).toEqual([...BAD_KINDS].sort());
    for (const [file, kinds] of plan) {
      const spec = PROVIDERS.find((provider) => provider.file === file);
      for (const kind of kinds)
        expect(spec && kindApplies(kind, spec), `${kind} in ${file}`).toBe(true);
    }
  });

  it('spreads the kinds over most categories', () => {
    const used = [...planRequiredKinds(PROVIDERS).values()].filter((kinds) => kinds.length > 0);
    expect(used.length).toBeGreaterThanOrEqual(10);
  });
});

describe('damageRow', () => {
  const socialSecurity = PROVIDERS.find((provider) => provider.category === 'social_security');
  if (socialSecurity === undefined) throw new Error('no social security provider');
  const spec = { ...socialSecurity, noise: 0 };
  const record = {
    resident_id: residentId,
    period: '2025-03',
    employer_uscc: uscc,
    contribution_base: 800_000,
    paid: 276_000,
    status: 'paid',
    city: '330100',
  };
  const fields = schemaOf('social_security').fields;
  const draft = (): RowDraft => ({
    cells: spec.columns.map(([, name]) => {
      const field = fields.find((candidate) => candidate.name === name);
      if (field === undefined) throw new Error(name);
      return renderCell(spec, field, record[name as keyof typeof record], createRng('render'));
    }),
  });
  const cellOf = (row: RowDraft, field: string) =>
    row.cells[spec.columns.findIndex(([, ours]) => ours === field)];

  it('breaks identifiers so that their parsers report the named problem', () => {
    const expectations = {
      USCC_LENGTH: ['employer_uscc', 'length'],
      USCC_CHARSET: ['employer_uscc', 'charset'],
      USCC_CHECK_CHARACTER: ['employer_uscc', 'check_character'],
      USCC_REGION: ['employer_uscc', 'region'],
      RESIDENT_ID_LENGTH: ['resident_id', 'length'],
      RESIDENT_ID_CHECK_CHARACTER: ['resident_id', 'check_character'],
      RESIDENT_ID_DATE: ['resident_id', 'date'],
      RESIDENT_ID_REGION: ['resident_id', 'region'],
    } as const;
    for (const [kind, [field, problem]] of Object.entries(expectations)) {
      for (let i = 0; i < 20; i++) {
        const row = draft();
        const reported = damageRow(kind as keyof typeof expectations, {
          spec,
          record,
          row,
          rng: createRng(`${kind}/${i}`),
        });
        expect(reported).toBe(field);
        const cell = cellOf(row, field);
        const value = cell === undefined ? '' : cellText(cell);
        const parsed = field === 'employer_uscc' ? parseUscc(value) : parseResidentId(value);
        expect(parsed.ok ? 'ok' : parsed.problem, `${kind}: ${value}`).toBe(problem);
      }
    }
  });

  it('puts a valid USCC where a resident ID belongs for wrong_subject_kind', () => {
    const row = draft();
    expect(damageRow('wrong_subject_kind', { spec, record, row, rng: createRng('w') })).toBe(
      'resident_id',
    );
    expect(cellOf(row, 'resident_id')).toBe(uscc);
  });

  it('cuts a column for column_count and reports no field', () => {
    const row = draft();
    expect(damageRow('column_count', { spec, record, row, rng: createRng('c') })).toBeNull();
    expect(row.damage).toBe('drop_column');
  });

  it('uses enum words that no value map knows', () => {
    for (const provider of PROVIDERS) {
      for (const field of schemaOf(provider.category).fields) {
        if (field.type.kind !== 'enum') continue;
        const known = new Set(
          [...Object.keys(provider.valueMaps[field.name] ?? {}), ...field.type.values].map((word) =>
            word.toLowerCase(),
          ),
        );
        for (let i = 0; i < 10; i++) {
          const row: RowDraft = { cells: provider.columns.map(() => 'x') };
          const recordFor = Object.fromEntries(provider.columns.map(([, ours]) => [ours, 'x']));
          damageRow('not_in_enum', {
            spec: provider,
            record: recordFor,
            row,
            rng: createRng(`${provider.file}/${i}`),
          });
          for (const cell of row.cells) {
            if (typeof cell === 'string' && cell !== 'x')
              expect(known.has(cell.toLowerCase())).toBe(false);
          }
        }
      }
    }
  });
});
