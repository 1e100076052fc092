/**
 * The live orientation flow end to end, on the real PostgreSQL (jobs in-process): HTTP in,
 * socket.io out — scoping by rooms, replay on reconnect, delivery in id order.
 */
process.env.FLOW_DUREE_JOUR_MS = '40'; // a 30-day délai lasts 1.2 s, the warning comes 5 "days" (200 ms) before
process.env.FLOW_POLL_MS = '200';

import { EventTail, OPTIONS_POUSSEES } from '@aiguillage/core/platform/live';
import { EventLogRepository } from '@aiguillage/persistence';
import { account, appendMarker, waitUntil } from '../helpers/app';
import { LiveFlowSuite } from './flow-app';

jest.setTimeout(60_000);

describe('live orientation flow: pushes to rooms (HTTP + socket.io)', () => {
  const s = new LiveFlowSuite();
  const { http, auth, client, declareUntil, conventionOf } = s;

  it('pushes the recommendation, the decision and the progress to the right rooms only', async () => {
    const chargeLive = await client(s.charge);
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (body.recommendation.recommandee as { conventionId: string }).conventionId;
    const reservataireId = conventionOf(conventionId).reservataireId;
    const other = s.demo.conventions.find(
      (c) => c.bailleurId === s.bailleurId && c.reservataireId !== reservataireId,
    )!.reservataireId;
    const concerned = await client(await account(s.app, 'RESERVATAIRE', [s.bailleurId], reservataireId));
    const stranger = await client(await account(s.app, 'RESERVATAIRE', [s.bailleurId], other));

    const reco = await chargeLive.waitFor('recommendation.created', () =>
      chargeLive.of('recommendation.created').find((e) => e.liberationId === body.liberation.id),
    );
    expect(reco.recommendationId).toBe(body.recommendation.id);
    expect(reco.eventId).toMatch(/^\d+$/);
    const options = reco.options as Array<{ eligible: boolean; raisons: string[]; score: number; satisfies?: unknown }>;
    expect(options.length).toBeGreaterThan(2);
    expect(options.every((o) => o.eligible && o.raisons.length > 0 && o.satisfies === undefined)).toBe(true);
    expect(options.map((o) => o.score)).toEqual([...options.map((o) => o.score)].sort((a, b) => b - a));
    expect(reco.inputsVersion).toMatch(/^[0-9a-f-]{36}@\d+$/);
    // The push carries the best eligible options; the whole ranked list is one GET away.
    const full = await http()
      .get(`/api/liberations/${body.liberation.id}/recommendation`)
      .set(auth(s.charge))
      .expect(200);
    const eligibles = full.body.options.filter((o: any) => o.eligible);
    expect(options.length).toBe(Math.min(OPTIONS_POUSSEES, eligibles.length));
    expect(reco.optionsEligibles).toBe(eligibles.length);
    expect(reco.optionsTotal).toBe(full.body.options.length);
    expect(reco.optionsTotal).toBeGreaterThan(options.length);
    expect(eligibles.slice(0, options.length).map((o: any) => [o.destination, o.score, o.raisons])).toEqual(
      options.map((o: any) => [o.destination, o.score, o.raisons]),
    );
    expect(full.body.options[0].satisfies.length).toBeGreaterThan(0);

    const decided = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: body.liberation.id });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      status: 'DECIDEE',
      isOverride: false,
      destination: { kind: 'CONVENTION', conventionId },
    });

    for (const live of [chargeLive, concerned]) {
      await live.waitFor('orientation.decided', () =>
        live.of('orientation.decided').find((e) => e.liberationId === body.liberation.id),
      );
      const progress = await live.waitFor('convention.progress', () =>
        live.of('convention.progress').find((e) => e.conventionId === conventionId),
      );
      expect((progress.progress as { propositions: number }).propositions).toBe(1);
    }
    expect(concerned.of('recommendation.created')).toHaveLength(0);
    // A marker routed to the stranger's room, logged after all of the above: nothing came before it.
    const beforeMarker = await stranger.barrier(s.db.dataSource, s.bailleurId, [other]);
    expect(beforeMarker.map((e) => e.type)).toEqual(['connecte']);
    const ids = chargeLive.events.filter((e) => e.eventId).map((e) => BigInt(e.eventId as string));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('replays what a reconnecting client missed, only what its rooms may see', async () => {
    const [{ max }] = await s.db.dataSource.query(`SELECT max(id)::text AS max FROM event_log`);
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    await http().post('/api/orientations').set(auth(s.charge)).send({ liberationId: body.liberation.id }).expect(201);
    const conventionId = body.recommendation.recommandee.conventionId;
    const reservataireId = conventionOf(conventionId).reservataireId;
    const otherId = s.demo.conventions.find(
      (c) => c.bailleurId === s.bailleurId && c.reservataireId !== reservataireId,
    )!.reservataireId;

    // A marker routed to the stranger's room, handed out by the tail before anyone reconnects: the
    // replays reach up to it, in id order, so once the stranger has it, it has all it will be replayed.
    const marker = await appendMarker(s.db.dataSource, s.bailleurId, [otherId]);
    const [{ last }] = await s.db.dataSource.query(`SELECT max(id)::text AS last FROM event_log`);
    const tail = s.app.get(EventTail);
    await waitUntil('marqueur diffusé', () => BigInt(tail.watermark) >= BigInt(last));

    const chargeBack = await client(s.charge, max);
    const concernedBack = await client(await account(s.app, 'RESERVATAIRE', [s.bailleurId], reservataireId), max);
    const strangerBack = await client(await account(s.app, 'RESERVATAIRE', [s.bailleurId], otherId), max);
    await chargeBack.waitFor('replayed decision', () =>
      chargeBack.of('orientation.decided').find((e) => e.liberationId === body.liberation.id),
    );
    expect(chargeBack.of('recommendation.created').some((e) => e.liberationId === body.liberation.id)).toBe(true);
    await concernedBack.waitFor('replayed progress', () =>
      concernedBack.of('convention.progress').find((e) => e.conventionId === conventionId),
    );
    expect(concernedBack.of('recommendation.created')).toHaveLength(0);
    const replayed = await strangerBack.before(marker);
    expect(
      replayed.filter(
        (e) => (e as any).liberationId === body.liberation.id || (e as any).conventionId === conventionId,
      ),
    ).toEqual([]);
    const ids = chargeBack.events.filter((e) => e.eventId).map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => BigInt(id as string) > BigInt(max))).toBe(true);
  });

  it('pushes the convention’s row of the progress page at the libération’s date, real-year objective included', async () => {
    await s.orientAsRecommended(3); // a flux observed: a share convention's real-year objective leaves the forecast
    const body = await declareUntil(
      (d) => d.kind === 'CONVENTION' && conventionOf(d.conventionId).delegation.mode === 'DELEGUEE',
    );
    const conventionId = (body.recommendation.recommandee as { conventionId: string }).conventionId;
    expect(conventionOf(conventionId).cible.type).toBe('TAUX');
    await s.settled(); // no délai left to move the state between the decision and the read
    const live = await client(s.charge);
    await http().post('/api/orientations').set(auth(s.charge)).send({ liberationId: body.liberation.id }).expect(201);
    const decided = await live.waitFor('orientation.decided', () =>
      live.of('orientation.decided').find((e) => e.liberationId === body.liberation.id),
    );
    const event = await live.waitFor('convention.progress', () =>
      live
        .of('convention.progress')
        .find(
          (e) => e.conventionId === conventionId && BigInt(e.eventId as string) > BigInt(decided.eventId as string),
        ),
    );
    const page = await http()
      .get(`/api/exercices/${event.exerciceId as string}/progression?date=${body.liberation.date as string}`)
      .set(auth(s.charge))
      .expect(200);
    expect(BigInt(page.body.version)).toBeLessThan(BigInt(event.eventId as string)); // the state the event was computed on
    const row = page.body.conventions.find((c: { conventionId: string }) => c.conventionId === conventionId);
    const chiffres = ({ objectif, objectifPrevu, realise, attendu, ecart }: Record<string, unknown>) => ({
      objectif,
      objectifPrevu,
      realise,
      attendu,
      ecart,
    });
    expect(chiffres(event)).toEqual(chiffres(row));
    expect((event.progress as { propositions: number }).propositions).toBe(row.progress.propositions);
    expect(event.objectif).not.toBe(event.objectifPrevu);
    expect(event.attendu).toBeGreaterThan(0);
  });

  it('delivers every event once and in id order, across id widths (99 → 100, 999 → 1000)', async () => {
    const live = await client(s.charge);
    const [{ max }] = await s.db.dataSource.query(`SELECT coalesce(max(id), 0)::int AS max FROM event_log`);
    // Batches that straddle a change of width (…98, 99, 100, 101…): read back in one go by the tail.
    const widths = [100, 1000, 10000].filter((w) => w > max + 5);
    const sizes = widths.map((w, i) => w - (i === 0 ? max : widths[i - 1]) + 5);
    let n = 0;
    for (const size of sizes) {
      await s.db.dataSource.transaction(async (manager) => {
        const events = Array.from({ length: size }, () => ({
          type: 'designation.updated',
          bailleurId: s.bailleurId,
          payload: {
            propositionId: `ordre-${n++}`,
            conventionId: 'c',
            logementId: 'l',
            status: 'EN_ATTENTE',
            etape: 'ordre',
          },
        }));
        const logged = await new EventLogRepository(manager).append(events);
        await manager.query(`SELECT pg_notify('aiguillage_events', $1)`, [logged[logged.length - 1].id]);
      });
    }
    const ours = () => live.of('designation.updated').filter((e) => String(e.propositionId).startsWith('ordre-'));
    await live.waitFor(`${n} événements`, () => ours().length >= n, 20_000);
    // A marker after them all: once it is in, nothing else of ours is on its way.
    await live.barrier(s.db.dataSource, s.bailleurId);
    const ids = ours().map((e) => Number(e.eventId));
    expect(ids).toHaveLength(n);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ours().map((e) => e.propositionId)).toEqual(Array.from({ length: n }, (_, i) => `ordre-${i}`));
  });
});
