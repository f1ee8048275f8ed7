import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface PacedResult {
  readonly sent: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Open-loop load: requests leave at evenly spaced times (`rate` a second) over at most
 * `connections` kept-alive sockets, whatever the answers; a request's latency runs from
 * the time it was due to leave to its answer, so time spent waiting for a free socket or a
 * slow server counts. (autocannon's own rate limit sends each connection's share at the
 * start of every second: bursts of every connection at once.)
 */
export async function pacedLoad(options: {
  readonly port: number;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly request: (index: number) => PacedRequest;
}): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(agent, options.port, options.request(index)).then(
        (status) => {
          if (status >= 300) failed += 1;
          latencies.push(performance.now() - due);
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    Math.round(
      latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0,
    );
  return { sent: total, failed, p50Ms: at(0.5), p99Ms: at(0.99) };
}

function send(agent: http.Agent, port: number, request: PacedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
