/**
 * Delivery under load: 200 libérations POSTed over HTTP in 10 s across the five bailleurs' channels
 * while the fake Slack answers 429 (Retry-After) for the first 2 s: exactly 200 suggestions posted,
 * each once, in the order of the libérations per channel; then every decision updates its message.
 * Also a Slack answering 500 or not at all: retried, nothing lost, nothing twice.
 */
process.env.FLOW_POLL_MS = '200';

import { logementsLiberables } from '@aiguillage/demo';
import request from 'supertest';
import { account, type Account } from '../helpers/app';
import { auth, mapChannel, startSlackTestApp, type SlackTestApp } from './slack-app';

jest.setTimeout(180_000);

const RAFALE = 200;
const DUREE_MS = 10_000;

describe('livraison Slack en rafale', () => {
  let t: SlackTestApp;
  let charge: Account;
  const canalDe = new Map<string, string>();

  const libDe = (blocks: unknown) => /Libération ([0-9a-f-]{36})/.exec(JSON.stringify(blocks))?.[1];
  const suggestions = () => t.slack.of('chat.postMessage').filter((c) => !c.args.thread_ts && libDe(c.args.blocks));

  beforeAll(async () => {
    t = await startSlackTestApp({ SLACK_DELAI_APPEL_MS: '500' });
    const admin = await account(
      t.app,
      'ADMIN',
      t.demo.bailleurs.map((b) => b.id),
    );
    charge = await account(
      t.app,
      'CHARGE',
      t.demo.bailleurs.map((b) => b.id),
    );
    for (const [i, b] of t.demo.bailleurs.entries()) {
      const canal = `C0RAFALE${i}`;
      canalDe.set(b.id, canal);
      await mapChannel(t, admin, b.id, canal);
    }
  });

  afterAll(() => t?.close());

  it('200 libérations in 10 s with 429 for 2 s: 200 suggestions, each once, in order per channel; every decision updates its message', async () => {
    const bailleurs = t.demo.bailleurs.map((b) => b.id);
    // Interleaved bailleurs, as long as each has flats left.
    const restants = bailleurs.map((b) => logementsLiberables(t.demo, b).slice(0, 80));
    const plan: Array<{ b: number; logementId: string }> = [];
    for (let k = 0; plan.length < RAFALE; k++) {
      const b = k % bailleurs.length;
      const flat = restants[b].shift();
      if (flat) plan.push({ b, logementId: flat.id });
      if (restants.every((r) => r.length === 0)) throw new Error('pas assez de logements libérables');
    }
    t.slack.limiter(2000);
    const debut = Date.now();
    const declarees: Array<{ liberationId: string; bailleurId: string; recommandee: unknown }> = [];
    const envois: Array<Promise<void>> = [];
    for (let i = 0; i < RAFALE; i++) {
      const attente = debut + (i * DUREE_MS) / RAFALE - Date.now();
      if (attente > 0) await new Promise((r) => setTimeout(r, attente)); // the load's pace, not a wait for a result
      const { b, logementId } = plan[i];
      envois.push(
        request(t.url)
          .post('/api/liberations')
          .set(auth(charge))
          .send({ logementId, date: '2026-06-15', motif: 'CONGE' })
          .then((res) => {
            if (res.status !== 201) throw new Error(`libération refusée ${res.status} ${JSON.stringify(res.body)}`);
            declarees.push({
              liberationId: res.body.liberation.id,
              bailleurId: bailleurs[b],
              recommandee: res.body.recommendation.recommandee,
            });
          }),
      );
    }
    await Promise.all(envois);
    expect(declarees).toHaveLength(RAFALE);
    await t.slack.waitFor('200 suggestions', () => suggestions().length >= RAFALE, 90_000);
    expect(t.slack.refused.filter((r) => r.status === 429).length).toBeGreaterThan(0);

    const posted = suggestions().map((c) => ({ canal: c.args.channel as string, liberationId: libDe(c.args.blocks)! }));
    expect(posted).toHaveLength(RAFALE);
    expect(new Set(posted.map((p) => p.liberationId)).size).toBe(RAFALE);
    for (const d of declarees)
      expect(posted.find((p) => p.liberationId === d.liberationId)?.canal).toBe(canalDe.get(d.bailleurId));
    // Order per channel = the order of the recommendations in the event log.
    const ordre: Array<{ liberationId: string }> = await t.db.dataSource.query(
      `SELECT payload->>'liberationId' AS "liberationId" FROM event_log WHERE type = 'recommendation.created' ORDER BY id`,
    );
    for (const canal of canalDe.values()) {
      const attendu = ordre
        .map((o) => o.liberationId)
        .filter((id) => posted.some((p) => p.liberationId === id && p.canal === canal));
      expect(posted.filter((p) => p.canal === canal).map((p) => p.liberationId)).toEqual(attendu);
    }

    // Every decision taken afterwards updates its own message, once.
    const aDecider = declarees.filter((d) => d.recommandee);
    const avant = t.slack.calls.length;
    for (const d of aDecider)
      await request(t.url)
        .post('/api/orientations')
        .set(auth(charge))
        .send({ liberationId: d.liberationId })
        .expect(201);
    const tsDe = new Map<string, string>(
      (await t.db.dataSource.query(`SELECT liberation_id AS l, ts FROM slack_message WHERE kind = 'SUGGESTION'`)).map(
        (r: { l: string; ts: string }) => [r.l, r.ts],
      ),
    );
    const updates = () => t.slack.calls.slice(avant).filter((c) => c.method === 'chat.update');
    await t.slack.waitFor('une mise à jour par décision', () => updates().length >= aDecider.length, 60_000);
    for (const d of aDecider) {
      const u = updates().filter(
        (c) => c.args.ts === tsDe.get(d.liberationId) && c.args.channel === canalDe.get(d.bailleurId),
      );
      expect(u).toHaveLength(1);
      expect(JSON.stringify(u[0].args.blocks)).toContain('Orienté vers');
    }
    expect(suggestions()).toHaveLength(RAFALE);
  });

  it('a Slack answering 500, then posting without answering (timeout): retried, found in the history, posted once', async () => {
    const bailleurId = t.demo.bailleurs[0].id;
    const flat = logementsLiberables(t.demo, bailleurId)[90];
    t.slack.panne('chat.postMessage', 2);
    t.slack.silence('chat.postMessage', 1);
    const refusesAvant = t.slack.refused.length;
    const res = await request(t.url)
      .post('/api/liberations')
      .set(auth(charge))
      .send({ logementId: flat.id, date: '2026-06-16', motif: 'CONGE' })
      .expect(201);
    const id = res.body.liberation.id;
    await t.slack.waitFor(
      'suggestion après les pannes',
      () => suggestions().find((c) => libDe(c.args.blocks) === id),
      30_000,
    );
    expect(t.slack.refused.slice(refusesAvant).map((r) => r.status)).toEqual([500, 500, 'silence']);
    // The silenced call was carried out: the retry finds it in the channel's history (metadata key).
    let ts: string | null = null;
    for (let i = 0; i < 600 && !ts; i++) {
      ts =
        (
          await t.db.dataSource.query(`SELECT ts FROM slack_message WHERE cle = $1 AND sent_at IS NOT NULL`, [
            `suggestion-${id}`,
          ])
        )[0]?.ts ?? null;
      if (!ts) await new Promise((r) => setTimeout(r, 50));
    }
    expect(t.slack.of('conversations.history').length).toBeGreaterThan(0);
    expect(suggestions().filter((c) => libDe(c.args.blocks) === id)).toHaveLength(1);
    expect(suggestions().find((c) => libDe(c.args.blocks) === id)!.args.metadata).toEqual({
      event_type: 'aiguillage_message',
      event_payload: { cle: `suggestion-${id}` },
    });
    expect(ts).toMatch(/^\d+\.\d{6}$/);
    const [row] = await t.db.dataSource.query(`SELECT attempts, ts FROM slack_message WHERE cle = $1`, [
      `suggestion-${id}`,
    ]);
    expect(row.attempts).toBe(4);
    expect(row.ts).toMatch(/^\d+\.\d{6}$/);
  });
});
