/**
 * The daily digest with a fixed clock: nothing before the configured hour; at 08:30 Europe/Paris,
 * one digest per mapped bailleur, sent once although two processes plan it (and plan it again, as
 * after a restart); its content in French (conventions behind, délais, pending overrides,
 * yesterday's decisions).
 */
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { dateFr, heureLocale } from '@aiguillage/engine';
import { minuitLocal, SlackDigestService } from '@aiguillage/core/slack';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { account } from '../helpers/app';
import { auth, Liberations, mapChannel, startSlackTestApp, type SlackTestApp } from './slack-app';

jest.setTimeout(90_000);

describe('résumé quotidien Slack', () => {
  let t: SlackTestApp;
  let second: INestApplication;

  beforeAll(async () => {
    t = await startSlackTestApp({ SLACK_DIGEST_HEURE: '08:30' });
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot({ config: t.config, databaseUrl: t.db.url, processJobs: true })],
    }).compile();
    second = moduleRef.createNestApplication({ logger: false });
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('local time and midnight in Europe/Paris', () => {
    expect(heureLocale(new Date('2026-06-10T06:30:00Z'), 'Europe/Paris')).toEqual({
      jour: '2026-06-10',
      heure: '08:30',
    });
    expect(heureLocale(new Date('2026-01-10T07:29:00Z'), 'Europe/Paris')).toEqual({
      jour: '2026-01-10',
      heure: '08:29',
    });
    expect(minuitLocal('2026-06-10', 'Europe/Paris').toISOString()).toBe('2026-06-09T22:00:00.000Z');
    expect(minuitLocal('2026-01-10', 'Europe/Paris').toISOString()).toBe('2026-01-09T23:00:00.000Z');
  });

  it('sent once per bailleur and day across two processes and a restart, at the configured hour', async () => {
    const [a, b] = t.demo.bailleurs;
    const admin = await account(t.app, 'ADMIN', [a.id, b.id]);
    const charge = await account(t.app, 'CHARGE', [a.id]);
    await mapChannel(t, admin, a.id, 'C0DIGESTA');
    await mapChannel(t, admin, b.id, 'C0DIGESTB');
    // Decisions taken now count as « yesterday » for tomorrow's digest.
    const libs = new Liberations(t);
    for (let i = 0; i < 2; i++) {
      const { liberationId } = await libs.declarer(charge, a.id);
      await request(t.url).post('/api/orientations').set(auth(charge)).send({ liberationId }).expect(201);
    }
    const demain = heureLocale(new Date(Date.now() + 86_400_000), 'Europe/Paris').jour;
    const at = (hhmm: string) =>
      new Date(
        minuitLocal(demain, 'Europe/Paris').getTime() +
          (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000,
      );
    const processus = [t.app.get(SlackDigestService), second.get(SlackDigestService)];

    expect(await Promise.all(processus.map((p) => p.planifier(at('08:29'))))).toEqual([0, 0]);
    const planifies = await Promise.all(processus.map((p) => p.planifier(at('08:30'))));
    expect(planifies.reduce((x, y) => x + y, 0)).toBe(2);
    const digests = () =>
      t.slack.of('chat.postMessage').filter((c) => String(c.args.text).startsWith(`Résumé du ${dateFr(demain)}`));
    await t.slack.waitFor('deux résumés', () => digests().length >= 2);
    // Again later in the day, from both processes (a restart, another tick): nothing more.
    expect(await Promise.all(processus.map((p) => p.planifier(at('09:15'))))).toEqual([0, 0]);
    await Promise.all([
      t.app.get(SlackDigestService).onDigest({ bailleurId: a.id, date: demain }),
      second.get(SlackDigestService).onDigest({ bailleurId: a.id, date: demain }),
    ]);
    const [{ n }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM slack_message WHERE kind = 'DIGEST' AND ref->>'date' = $1`,
      [demain],
    );
    expect(n).toBe(2);
    expect(
      digests()
        .map((d) => d.args.channel)
        .sort(),
    ).toEqual(['C0DIGESTA', 'C0DIGESTB']);

    const digestA = digests().find((d) => d.args.channel === 'C0DIGESTA')!;
    const texte = JSON.stringify(digestA.args.blocks);
    expect(digestA.args.text).toMatch(
      new RegExp(
        `^Résumé du ${dateFr(demain)} — ${a.nom} : \\d+ convention\\(s\\) en retard, \\d+ délai\\(s\\) proche\\(s\\), \\d+ dérogation\\(s\\) en attente, 2 décision\\(s\\) hier$`,
      ),
    );
    for (const titre of [
      '*Conventions en retard*',
      '*Délais qui expirent dans les 3 jours*',
      "*Dérogations en attente d'approbation*",
      '*Hier* : 2 logement(s) orienté(s), dont 0 dérogation(s)',
    ]) {
      expect(texte).toContain(titre);
    }
  });
});
