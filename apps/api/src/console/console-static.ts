import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { existsSync } from 'fs';
import { join, resolve } from 'path';

/** Where `npm run build:console` writes the console (apps/console/dist), from the sources or from a tsc build. */
export const CONSOLE_DIST =
  [resolve(__dirname, '..', '..', '..', 'console', 'dist'), resolve(process.cwd(), 'apps', 'console', 'dist')].find(
    (dir) => existsSync(join(dir, 'index.html')),
  ) ?? resolve(process.cwd(), 'apps', 'console', 'dist');

/**
 * Serves the built console at `/`: its files (hashed assets cached for a year), and `index.html`
 * for every other GET that is not the API or the websocket (the console's own routes). Without a
 * build, `/` says how to make one.
 */
export function serveConsole(app: INestApplication, dist = CONSOLE_DIST): void {
  const index = join(dist, 'index.html');
  app.use('/assets', express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: true }));
  app.use(express.static(dist, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/api') || req.path.startsWith('/socket.io') || req.path.startsWith('/assets/'))
      return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Console non construite : lancer « npm run build:console ».');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
