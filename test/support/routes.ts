// Every `METHOD path` an express app answers, nested routers included: the access policy and
// the page scans both fail when a route exists that they do not cover.
import type { Express } from 'express';

type Layer = {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string | string[];
};

export function routesOf(app: Express): string[] {
  const out = new Set<string>();
  const walk = (layers: Layer[], prefix: string) => {
    for (const l of layers) {
      if (l.route) {
        const paths = Array.isArray(l.route.path) ? l.route.path : [l.route.path];
        for (const p of paths) {
          for (const m of Object.keys(l.route.methods)) {
            out.add(`${m.toUpperCase()} ${prefix && p === '/' ? prefix : prefix + p}`);
          }
        }
      } else if (l.handle.stack) {
        const raw = l.rawPath === undefined || l.rawPath === '/' ? '' : String(l.rawPath);
        walk(l.handle.stack, prefix + raw);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...out];
}
