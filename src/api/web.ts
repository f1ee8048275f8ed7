import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web portals (built by `npm run build` into dist/web) served by the API server:
 * hashed assets under `/assets/`, and the single page at `/` and at every client route,
 * so a reload or a shared link of `/borrower/applications/…` opens that page.
 */

/** First path segments of the portals' client routes (web/src/app/App.tsx). */
export const CLIENT_ROUTE_PREFIXES = ['borrower', 'lender', 'provider', 'regulator'] as const;
/** Signed-out client pages. */
export const CLIENT_PUBLIC_PAGES = ['login', 'register'] as const;

/** dist/web beside src/ and dist/: both this file and its build sit two levels down. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

// antd writes its styles inline at run time; everything else comes from this origin.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function sendPage(reply: FastifyReply, webDir: string) {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .sendFile('index.html', webDir, { maxAge: 0, immutable: false });
}

export async function installWeb(app: FastifyInstance, webDir = DEFAULT_WEB_DIR) {
  const built = existsSync(`${webDir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: `${webDir}/assets`,
      prefix: '/assets/',
      maxAge: '365d',
      immutable: true,
      index: false,
    });
  }
  const paths = [
    '/',
    ...CLIENT_PUBLIC_PAGES.map((page) => `/${page}`),
    ...CLIENT_ROUTE_PREFIXES.flatMap((prefix) => [`/${prefix}`, `/${prefix}/*`]),
  ];
  for (const url of paths) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => {
      if (built) return sendPage(reply, webDir);
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The web portals are not built: run `npm run build` (npm start does it).\n' +
            '网页门户尚未构建：请运行 npm run build（npm start 会自动构建）。\n',
        );
    });
  }
}
