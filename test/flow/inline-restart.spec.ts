/**
 * Without Redis (jobs in-process), a restart loses the in-memory timers: the délais still running
 * are scheduled again at boot, and run once.
 */
process.env.FLOW_DUREE_JOUR_MS = '40';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables } from '@aiguillage/demo';
import { InlineJobRunner, JobRunner } from '@aiguillage/core';
import { account, bootApp, openIsolatedDatabase, seedDemo, waitUntil, type IsolatedDatabase } from '../helpers/app';
import { proposerVers } from '../helpers/orientation';

jest.setTimeout(60_000);

describe('in-process jobs across a restart', () => {
  let db: IsolatedDatabase;
  let app: INestApplication | null = null;

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('reschedules the running délais at boot; each expires once', async () => {
    db = await openIsolatedDatabase();
    const demo = await seedDemo(db.dataSource);
    const bailleurId = demo.bailleurs[0].id;
    await db.dataSource.query(
      `INSERT INTO politique_derogation (bailleur_id, toujours, ecart_cible, regle_souple) VALUES ($1, false, false, false)`,
      [bailleurId],
    );
    let url: string;
    ({ app, url } = await bootApp({ databaseUrl: db.url, seed: false }));
    const charge = await account(app, 'CHARGE', [bailleurId]);
    const directe = new Set(
      demo.conventions.filter((c) => c.delegation.mode === 'DIRECTE' && c.delegation.delaiJours > 0).map((c) => c.id),
    );
    const flats = logementsLiberables(demo, bailleurId);
    let propositionId: string | null = null;
    for (const flat of flats) {
      propositionId = await proposerVers(url, charge, { logementId: flat.id, date: '2026-10-01' }, directe, 'URGENCE');
      if (propositionId) break;
    }
    expect(propositionId).not.toBeNull();
    // Relayed to the in-process runner (so only its in-memory timer holds the délai)…
    const pending = async () =>
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n;
    await waitUntil('outbox relayed', async () => (await pending()) === 0);
    await app.close(); // the process stops with the délai running
    app = null;
    ({ app } = await bootApp({ databaseUrl: db.url, seed: false }));
    const expired = async () =>
      (
        await db.dataSource.query(
          `SELECT count(*)::int AS n FROM event_log WHERE type = 'delai.expired' AND payload->>'propositionId' = $1`,
          [propositionId],
        )
      )[0].n;
    await waitUntil('délai expired', async () => (await expired()) > 0);
    // Every job of the restarted process has run (the rescheduled ones included): none expires it twice.
    const jobs = app.get(JobRunner);
    if (!(jobs instanceof InlineJobRunner)) throw new Error('tâches attendues en mémoire');
    await jobs.drain();
    expect(await expired()).toBe(1);
    const [{ status }] = await db.dataSource.query(`SELECT status FROM proposition WHERE id = $1`, [propositionId]);
    expect(status).toBe('EXPIREE');
  });
});
