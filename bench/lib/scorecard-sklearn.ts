/**
 * The baseline of `bench/scorecard.ts`: the textbook WOE scorecard in Python on the same
 * CSV files, with numpy and scikit-learn's LogisticRegression (lbfgs, default C). Numeric
 * features get ten quantile bins plus a missing bin, categorical ones a bin per category;
 * WOE with the same 0.5 smoothing of empty cells as ours. The clock covers binning, WOE and
 * the fit (reading the CSV is left out, as on our side); the AUC is on the test file.
 *
 * Looks for a python3 with scikit-learn (BENCH_PYTHON, then Debian's /usr/bin/python3, then
 * python3 on the PATH); without one the figures are null and the reason is said.
 */
import { spawn } from 'node:child_process';

export interface BaselineResult {
  readonly seconds: number | null;
  readonly auc: number | null;
  readonly version: string | null;
  readonly python: string | null;
  /** Why there are no figures, when there are none. */
  readonly unavailable: string | null;
}

const SCRIPT = String.raw`
import csv, json, sys, time
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

def load(path, target):
    with open(path, newline='') as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = list(zip(*reader))
    y = np.array(columns[header.index(target)], dtype=float).astype(int)
    features = {}
    for name, values in zip(header, columns):
        if name == target:
            continue
        try:
            features[name] = np.array([np.nan if v in ('', 'NA') else float(v) for v in values])
        except ValueError:
            features[name] = np.array(values, dtype=object)
    return features, y

def woe_of_codes(codes, y, size):
    total = np.bincount(codes, minlength=size).astype(float)
    bad = np.bincount(codes, weights=y, minlength=size)
    good = total - bad
    smooth = np.where((good == 0) | (bad == 0), 0.5, 0.0)
    with np.errstate(divide='ignore', invalid='ignore'):
        woe = np.log(((good + smooth) / (len(y) - y.sum())) / ((bad + smooth) / y.sum()))
    woe[total == 0] = 0.0
    return woe

def numeric_codes(values, edges):
    codes = np.searchsorted(edges, values, side='right')
    codes[np.isnan(values)] = len(edges) + 1
    return codes

def fit_bins(values, y):
    if values.dtype == object:
        levels, codes = np.unique(values, return_inverse=True)
        return ('categorical', levels, woe_of_codes(codes, y, len(levels) + 1))
    edges = np.unique(np.nanquantile(values, np.linspace(0, 1, 11)[1:-1]))
    return ('numeric', edges, woe_of_codes(numeric_codes(values, edges), y, len(edges) + 2))

def apply_bins(binning, values):
    kind, cuts, woe = binning
    if kind == 'categorical':
        index = {level: i for i, level in enumerate(cuts)}
        codes = np.array([index.get(v, len(cuts)) for v in values])
    else:
        codes = numeric_codes(values, cuts)
    return woe[codes]

train, y_train = load(sys.argv[1], sys.argv[3])
test, y_test = load(sys.argv[2], sys.argv[3])
started = time.perf_counter()
binnings = {name: fit_bins(values, y_train) for name, values in train.items()}
x_train = np.column_stack([apply_bins(binnings[name], train[name]) for name in train])
model = LogisticRegression(max_iter=1000).fit(x_train, y_train)
seconds = time.perf_counter() - started
x_test = np.column_stack([apply_bins(binnings[name], test[name]) for name in train])
auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
print(json.dumps({'seconds': seconds, 'auc': auc, 'version': sklearn.__version__}))
`;

function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', (error) => resolve({ code: null, stdout, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function findPython(): Promise<string | null> {
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    if (!python) continue;
    const probe = await run(python, ['-c', 'import numpy, sklearn']);
    if (probe.code === 0) return python;
  }
  return null;
}

const none = (unavailable: string, python: string | null = null): BaselineResult => ({
  seconds: null,
  auc: null,
  version: null,
  python,
  unavailable,
});

export async function sklearnBaseline(
  trainCsv: string,
  testCsv: string,
  target: string,
): Promise<BaselineResult> {
  const python = await findPython();
  if (!python) return none('no python3 with numpy and scikit-learn (set BENCH_PYTHON)');
  const result = await run(python, ['-c', SCRIPT, trainCsv, testCsv, target]);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code !== 0 || !line.startsWith('{')) {
    return none(
      `the scikit-learn script failed: ${result.stderr.trim().split('\n').at(-1) ?? ''}`,
      python,
    );
  }
  const figures = JSON.parse(line) as { seconds: number; auc: number; version: string };
  return { ...figures, python, unavailable: null };
}
