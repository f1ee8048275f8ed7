import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const server = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/xinyi' };

describe('XINYI_HTTP_WORKERS', () => {
  it('serves from the main process unless told otherwise', () => {
    expect(loadConfig({}).httpWorkers).toBe(1);
    expect(loadConfig(server).httpWorkers).toBe(1);
  });

  it('takes a count, or one per core with auto, on PostgreSQL', () => {
    expect(loadConfig({ ...server, XINYI_HTTP_WORKERS: '3' }).httpWorkers).toBe(3);
    expect(loadConfig({ ...server, XINYI_HTTP_WORKERS: 'auto' }).httpWorkers).toBe(
      os.availableParallelism(),
    );
  });

  it('keeps the embedded database in one process', () => {
    expect(loadConfig({ XINYI_HTTP_WORKERS: 'auto' }).httpWorkers).toBe(1);
    expect(() => loadConfig({ XINYI_HTTP_WORKERS: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...server, XINYI_HTTP_WORKERS: '0' })).toThrow(/>= 1/);
  });
});
