import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkModelFile,
  MODEL_FILE_FORMAT,
  ModelFileError,
  readModelFile,
  writeModelFile,
  type ModelFile,
} from './model-file.js';
import { trainScorecard } from './scorecard.js';

function model(): ModelFile {
  const rows = 200;
  const amount = Float64Array.from({ length: rows }, (_, i) => i);
  const region = Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 'north' : 'south'));
  const target = Uint8Array.from({ length: rows }, (_, i) =>
    (i < 60 && i % 2 === 0) || i % 3 === 0 ? 1 : 0,
  ) as unknown as ArrayLike<0 | 1>;
  const { scorecard } = trainScorecard({
    columns: [
      { name: 'amount', kind: 'numeric', values: amount },
      { name: 'region', kind: 'categorical', values: region },
    ],
    target,
  });
  const metrics = { rows, bads: 80, auc: 0.8, ks: 0.5, gini: 0.6 };
  return {
    format: MODEL_FILE_FORMAT,
    createdAt: '2025-01-01T00:00:00.000Z',
    source: { file: 'loans.csv', rows },
    target: { column: 'bad', kind: 'numeric', bad: '1' },
    idColumn: null,
    columns: scorecard.features.map((f) => ({ name: f.name, kind: f.kind })),
    excluded: [],
    scorecard,
    report: { train: metrics, test: null, testRows: null },
  };
}

describe('the model file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-model-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through JSON and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'model.json');
    const written = model();
    await writeModelFile(file, written);
    expect(await readModelFile(file)).toEqual(JSON.parse(JSON.stringify(written)));
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('names the first thing wrong in a damaged file', () => {
    const damaged = JSON.parse(JSON.stringify(model())) as {
      scorecard: { features: { bins: { points: unknown }[] }[] };
    };
    const bin = damaged.scorecard.features[0]?.bins[0];
    if (bin) bin.points = 'many';
    expect(() => checkModelFile(damaged, 'm.json')).toThrow(
      'm.json is not a usable model file: scorecard.features[0].bins[0].points should be a number',
    );
    expect(() => checkModelFile({ format: 'other' }, 'm.json')).toThrow(
      `format should be "${MODEL_FILE_FORMAT}"`,
    );
  });

  it('says so when the file is absent or not JSON', async () => {
    await expect(readModelFile(path.join(dir, 'absent.json'))).rejects.toThrow(ModelFileError);
    const file = path.join(dir, 'broken.json');
    await writeModelFile(file, model());
    writeFileSync(file, '{ "format": ');
    await expect(readModelFile(file)).rejects.toThrow(`${file} is not JSON`);
  });
});
