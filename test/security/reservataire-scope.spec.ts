/**
 * Defect 2: a réservataire account limited to one bailleur received, live and on replay, the events
 * of its conventions at another bailleur (REST answered 404). Rooms and replay now follow the REST
 * scope: réservataire × the bailleurs of the account.
 * Defect 12: a réservataire could not read its own proposition (403) nor list its exercices (403).
 */
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('a réservataire sees exactly its REST scope', () => {
  let s: SecurityApp;
  let reservataireId: string;
  let [bailleurA, bailleurB] = ['', ''];
  let chargeB: Account;
  let limitedToA: Account;
  let atB: Account;
  let decided: { propositionId: string; conventionId: string; liberationId: string };
  let firstEventId: string;

  beforeAll(async () => {
    s = await SecurityApp.start();
    // A réservataire (Action Logement in the demo) with conventions at two bailleurs.
    const byReservataire = new Map<string, Set<string>>();
    for (const c of s.demo.conventions)
      byReservataire.set(c.reservataireId, (byReservataire.get(c.reservataireId) ?? new Set()).add(c.bailleurId));
    const [rid, bailleurs] = [...byReservataire].find(([, b]) => b.size >= 2)!;
    reservataireId = rid;
    [bailleurA, bailleurB] = [...bailleurs];
    chargeB = await s.account('CHARGE', [bailleurB]);
    limitedToA = await s.account('RESERVATAIRE', [bailleurA], reservataireId);
    atB = await s.account('RESERVATAIRE', [bailleurB], reservataireId);
    const [{ max }] = await s.db.dataSource.query(`SELECT coalesce(max(id), 0)::text AS max FROM event_log`);
    firstEventId = max;
  });

  afterAll(() => s?.close());

  it('live: the orientation and progress of a convention at bailleur B reach the account at B, not the one limited to A', async () => {
    const limitedLive = await s.client(limitedToA);
    const bLive = await s.client(atB);
    const isOwn = (d: any) =>
      d?.kind === 'CONVENTION' &&
      s.demo.conventions.find((c) => c.id === d.conventionId)!.reservataireId === reservataireId;
    const body = await s.declareUntil(chargeB, bailleurB, (reco) => isOwn(reco));
    const res = await s.http().post('/api/orientations').set(auth(chargeB)).send({ liberationId: body.liberation.id });
    expect(res.status).toBe(201);
    decided = {
      propositionId: res.body.propositionId,
      conventionId: res.body.destination.conventionId,
      liberationId: body.liberation.id,
    };
    await bLive.waitFor('orientation.decided', () =>
      bLive.of('orientation.decided').find((e) => e.liberationId === decided.liberationId),
    );
    await bLive.waitFor('convention.progress', () =>
      bLive.of('convention.progress').find((e) => e.conventionId === decided.conventionId),
    );
    // A later event for the limited account's own bailleur proves its socket receives what it should.
    const chargeA = await s.account('CHARGE', [bailleurA]);
    const own = await s.declareUntil(chargeA, bailleurA, (reco) => isOwn(reco));
    await s.http().post('/api/orientations').set(auth(chargeA)).send({ liberationId: own.liberation.id }).expect(201);
    await limitedLive.waitFor('own orientation', () =>
      limitedLive.of('orientation.decided').find((e) => e.liberationId === own.liberation.id),
    );
    expect(
      limitedLive.events.filter((e) => e.bailleurId === bailleurB || e.conventionId === decided.conventionId),
    ).toEqual([]);
    expect((await s.http().get(`/api/propositions/${decided.propositionId}`).set(auth(limitedToA))).status).toBe(404);
  });

  it('replay: the account limited to A is replayed nothing of bailleur B', async () => {
    const replayedA = await s.client(limitedToA, firstEventId);
    const replayedB = await s.client(atB, firstEventId);
    await replayedB.waitFor('replay at B', () =>
      replayedB.of('orientation.decided').find((e) => e.liberationId === decided.liberationId),
    );
    await replayedA.waitFor('replay at A', () => replayedA.of('orientation.decided').length > 0);
    expect(
      replayedA.events.filter((e) => e.bailleurId === bailleurB || e.conventionId === decided.conventionId),
    ).toEqual([]);
  });

  it('defect 12: the réservataire reads its own proposition, and lists its exercices with its own objectives only', async () => {
    const proposition = await s.http().get(`/api/propositions/${decided.propositionId}`).set(auth(atB));
    expect(proposition.status).toBe(200);
    expect(proposition.body.id).toBe(decided.propositionId);
    const exercices = await s.http().get('/api/exercices').set(auth(atB));
    expect(exercices.status).toBe(200);
    expect(exercices.body.length).toBeGreaterThan(0);
    expect(exercices.body.every((e: { bailleurId: string }) => e.bailleurId === bailleurB)).toBe(true);
    const mine = new Set(s.demo.conventions.filter((c) => c.reservataireId === reservataireId).map((c) => c.id));
    const objectifs = exercices.body.flatMap((e: { objectifs: Array<{ conventionId: string }> }) => e.objectifs);
    expect(objectifs.length).toBeGreaterThan(0);
    expect(objectifs.every((o: { conventionId: string }) => mine.has(o.conventionId))).toBe(true);
    const progression = await s.http().get(`/api/exercices/${exercices.body[0].id}/progression`).set(auth(atB));
    expect(progression.status).toBe(200);
  });
});
