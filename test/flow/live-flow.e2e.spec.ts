/**
 * The live orientation flow end to end, on the real PostgreSQL (jobs in-process): HTTP in,
 * socket.io out, scoping by rooms, exactly-once decisions, overrides with approval, délais.
 */
process.env.FLOW_DUREE_JOUR_MS = '40'; // a 30-day délai lasts 1.2 s, the warning comes 5 "days" (200 ms) before
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import type { Destination } from '@aiguillage/engine';
import { OPTIONS_POUSSEES } from '@aiguillage/core/platform/live';
import { EventLogRepository } from '@aiguillage/persistence';
import request from 'supertest';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { account, LiveClient, seedDemo, startApi, type Account } from './flow-app';

jest.setTimeout(60_000);

describe('live orientation flow (HTTP + socket.io)', () => {
  let db: IsolatedDatabase;
  let app: INestApplication;
  let url: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let charge: Account;
  let manager: Account;
  let manager2: Account;
  const clients: LiveClient[] = [];
  let dayCounter = 0;
  let flatCursor = 0;

  const http = () => request(url);
  const auth = (a: Account) => ({ Authorization: `Bearer ${a.token}` });
  const client = async (a: Account, lastEventId?: string) => {
    const c = new LiveClient(url, a.token, lastEventId);
    clients.push(c);
    await c.connected();
    return c;
  };
  /** A fresh libération date in 2026 (so flat × day never repeats). */
  const nextDate = () => {
    const d = new Date(Date.UTC(2026, 5, 1) + dayCounter++ * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const flats = () => logementsLiberables(demo, bailleurId);
  const declare = async (logementId = flats()[flatCursor++].id, date = nextDate(), key?: string) => {
    const res = await http().post('/api/liberations').set(auth(charge)).set(key ? { 'Idempotency-Key': key } : {}).send({ logementId, date, motif: 'CONGE' });
    return res;
  };
  /** Declares flats until the recommendation is a convention matching `wanted`. */
  const declareUntil = async (wanted: (d: Destination, body: any) => boolean) => {
    for (let i = 0; i < 40; i++) {
      const res = await declare();
      if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
      const reco = res.body.recommendation.recommandee as Destination | null;
      if (reco && wanted(reco, res.body)) return res.body;
    }
    throw new Error('aucune libération ne donne la recommandation voulue');
  };
  const conventionOf = (id: string) => demo.conventions.find((c) => c.id === id)!;

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    demo = await seedDemo(db.dataSource);
    bailleurId = demo.bailleurs[0].id;
    ({ app, url } = await startApi(db.url));
    charge = await account(app, 'CHARGE', [bailleurId]);
    manager = await account(app, 'MANAGER', [bailleurId]);
    manager2 = await account(app, 'MANAGER', [bailleurId]);
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await app?.close();
    await db?.drop();
  });

  it('pushes the recommendation, the decision and the progress to the right rooms only', async () => {
    const chargeLive = await client(charge);
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (body.recommendation.recommandee as { conventionId: string }).conventionId;
    const reservataireId = conventionOf(conventionId).reservataireId;
    const other = demo.conventions.find((c) => c.bailleurId === bailleurId && c.reservataireId !== reservataireId)!.reservataireId;
    const concerned = await client(await account(app, 'RESERVATAIRE', [bailleurId], reservataireId));
    const stranger = await client(await account(app, 'RESERVATAIRE', [bailleurId], other));

    const reco = await chargeLive.waitFor('recommendation.created', () => chargeLive.of('recommendation.created').find((e) => e.liberationId === body.liberation.id));
    expect(reco.recommendationId).toBe(body.recommendation.id);
    expect(reco.eventId).toMatch(/^\d+$/);
    const options = reco.options as Array<{ eligible: boolean; raisons: string[]; score: number; satisfies?: unknown }>;
    expect(options.length).toBeGreaterThan(2);
    expect(options.every((o) => o.eligible && o.raisons.length > 0 && o.satisfies === undefined)).toBe(true);
    expect(options.map((o) => o.score)).toEqual([...options.map((o) => o.score)].sort((a, b) => b - a));
    expect(reco.inputsVersion).toMatch(/^[0-9a-f-]{36}@\d+$/);
    // The push carries the best eligible options; the whole ranked list is one GET away.
    const full = await http().get(`/api/liberations/${body.liberation.id}/recommendation`).set(auth(charge)).expect(200);
    const eligibles = full.body.options.filter((o: any) => o.eligible);
    expect(options.length).toBe(Math.min(OPTIONS_POUSSEES, eligibles.length));
    expect(reco.optionsEligibles).toBe(eligibles.length);
    expect(reco.optionsTotal).toBe(full.body.options.length);
    expect(reco.optionsTotal).toBeGreaterThan(options.length);
    expect(eligibles.slice(0, options.length).map((o: any) => [o.destination, o.score, o.raisons])).toEqual(options.map((o: any) => [o.destination, o.score, o.raisons]));
    expect(full.body.options[0].satisfies.length).toBeGreaterThan(0);

    const decided = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ status: 'DECIDEE', isOverride: false, destination: { kind: 'CONVENTION', conventionId } });

    for (const live of [chargeLive, concerned]) {
      await live.waitFor('orientation.decided', () => live.of('orientation.decided').find((e) => e.liberationId === body.liberation.id));
      const progress = await live.waitFor('convention.progress', () => live.of('convention.progress').find((e) => e.conventionId === conventionId));
      expect((progress.progress as { propositions: number }).propositions).toBe(1);
    }
    expect(concerned.of('recommendation.created')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.events.map((e) => e.type)).toEqual(['connecte']);
    const ids = chargeLive.events.filter((e) => e.eventId).map((e) => BigInt(e.eventId as string));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('is idempotent: same key, or same flat and day, returns the first result and creates nothing', async () => {
    const logementId = flats()[flatCursor++].id;
    const date = nextDate();
    const first = await declare(logementId, date, 'cle-idem-1');
    expect(first.status).toBe(201);
    const again = await declare(logementId, date, 'cle-idem-1');
    const sameDay = await declare(logementId, date);
    for (const res of [again, sameDay]) {
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(false);
      expect(res.body.liberation.id).toBe(first.body.liberation.id);
      expect(res.body.recommendation.id).toBe(first.body.recommendation.id);
    }
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => declare(flats()[flatCursor].id, '2026-05-05', 'cle-concurrente')));
    flatCursor++;
    expect(concurrent.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(concurrent.map((r) => r.body.liberation.id)).size).toBe(1);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM liberation WHERE idempotency_key IN ('cle-idem-1', 'cle-concurrente')`);
    const [{ r }] = await db.dataSource.query(
      `SELECT count(*)::int AS r FROM recommendation WHERE liberation_id IN (SELECT id FROM liberation WHERE idempotency_key IN ('cle-idem-1', 'cle-concurrente'))`,
    );
    expect([n, r]).toEqual([2, 2]);
  });

  it('recommends once a libération declared earlier without one (bulk load), creating no libération', async () => {
    const old = demo.liberations.find((l) => demo.logements.some((x) => x.id === l.logementId && x.bailleurId === bailleurId))!;
    const first = await declare(old.logementId, old.date);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: false, liberation: { id: old.id } });
    expect(first.body.recommendation.options.length).toBeGreaterThan(0);
    const again = await declare(old.logementId, old.date);
    expect(again.body.recommendation.id).toBe(first.body.recommendation.id);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM recommendation WHERE liberation_id = $1`, [old.id]);
    expect(n).toBe(1);
  });

  it('refuses bad input with the field and a French reason (400), an unknown flat with 422', async () => {
    const bad = await http().post('/api/liberations').set(auth(charge)).send({ logementId: 'x', date: '2026-13-01', motif: 'VACANCES' });
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs.map((e: { champ: string }) => e.champ).sort()).toEqual(['date', 'logementId', 'motif']);
    const unknown = await http().post('/api/liberations').set(auth(charge)).send({ logementId: '00000000-0000-4000-8000-000000000000', date: '2026-06-01', motif: 'CONGE' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.erreurs[0]).toEqual({ champ: 'liberation.logementId', raison: 'logement inconnu « 00000000-0000-4000-8000-000000000000 »' });
    const forbidden = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: '00000000-0000-4000-8000-000000000000', destination: { kind: 'NULLE_PART' } });
    expect(forbidden.status).toBe(400);
  });

  it('orients a flat exactly once under 20 concurrent decisions; the losers learn who decided', async () => {
    const body = await declareUntil(() => true);
    const results = await Promise.all(Array.from({ length: 20 }, () => http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers.every((r) => r.status === 409)).toBe(true);
    expect(losers[0].body.message).toMatch(/^Logement déjà orienté par .+ le \d{4}-/);
    expect(losers[0].body.decision.decidedBy).toBe(charge.userId);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM orientation_decision WHERE liberation_id = $1`, [body.liberation.id]);
    expect(n).toBe(1);
  });

  it('keeps an override pending until a manager approves it; progress moves only then', async () => {
    await http().put(`/api/bailleurs/${bailleurId}/politique-derogation`).set(auth(manager)).send({ toujours: true, ecartCible: true, regleSouple: true }).expect(200);
    const chargeLive = await client(charge);
    const body = await declareUntil((_d, b) => b.recommendation.options.filter((o: any) => o.eligible && o.destination.kind === 'CONVENTION').length >= 2);
    const reco = body.recommendation.recommandee as Destination;
    const alt = body.recommendation.options.find((o: any) => o.eligible && o.destination.kind === 'CONVENTION' && o.destination.conventionId !== (reco as any).conventionId).destination;
    const before = await progressOf(alt.conventionId);

    const noReason = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: alt });
    expect(noReason.status).toBe(400);
    expect(noReason.body.erreurs[0].champ).toBe('motif');

    const pending = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: alt, motif: 'URGENCE', commentaire: 'Relogement après sinistre' });
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('EN_ATTENTE_APPROBATION');
    expect(pending.body.motifsApprobation).toContain('La politique du bailleur soumet toute dérogation à approbation');
    const requested = await chargeLive.waitFor('override.requested', () => chargeLive.of('override.requested').find((e) => e.overrideRequestId === pending.body.overrideRequestId));
    expect(requested.reason).toBe('URGENCE');
    expect(await progressOf(alt.conventionId)).toEqual(before);

    const blocked = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/attend l'approbation/);
    const byCharge = await http().post(`/api/overrides/${pending.body.overrideRequestId}/approve`).set(auth(charge)).send({});
    expect(byCharge.status).toBe(403);

    const approved = await http().post(`/api/overrides/${pending.body.overrideRequestId}/approve`).set(auth(manager)).send({ commentaire: 'Validé' });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'DECIDEE', isOverride: true, destination: alt });
    await chargeLive.waitFor('override.approved', () => chargeLive.of('override.approved').find((e) => e.overrideRequestId === pending.body.overrideRequestId));
    const progress = await chargeLive.waitFor('convention.progress', () =>
      chargeLive.of('convention.progress').find((e) => e.conventionId === alt.conventionId && (e.progress as any).propositions === before.propositions + 1),
    );
    expect(progress).toBeTruthy();
    expect((await progressOf(alt.conventionId)).propositions).toBe(before.propositions + 1);

    const twice = await http().post(`/api/overrides/${pending.body.overrideRequestId}/approve`).set(auth(manager2)).send({});
    expect(twice.status).toBe(409);
    const steps = await http().get(`/api/overrides/${pending.body.overrideRequestId}/steps`).set(auth(manager));
    expect(steps.body.map((s: { status: string; actorId: string }) => [s.status, s.actorId])).toEqual([
      ['PENDING', charge.userId],
      ['APPROVED', manager.userId],
    ]);
  });

  it('a rejected override leaves the flat to be decided again', async () => {
    const body = await declareUntil((_d, b) => b.recommendation.options.filter((o: any) => o.eligible).length >= 2);
    const reco = body.recommendation.recommandee as Destination;
    const alt = body.recommendation.options.find((o: any) => o.eligible && JSON.stringify(o.destination) !== JSON.stringify(reco)).destination;
    const pending = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: alt, motif: 'AUTRE', commentaire: 'Essai' });
    expect(pending.status).toBe(202);
    const rejected = await http().post(`/api/overrides/${pending.body.overrideRequestId}/reject`).set(auth(manager)).send({ commentaire: 'Non justifié' });
    expect(rejected.status).toBe(200);
    const accepted = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id });
    expect(accepted.status).toBe(201);
    expect(accepted.body.isOverride).toBe(false);
  });

  it('a DIRECTE délai warns, then expires: the flat returns to the bailleur', async () => {
    await http().put(`/api/bailleurs/${bailleurId}/politique-derogation`).set(auth(manager)).send({ toujours: false, ecartCible: false, regleSouple: false }).expect(200);
    const chargeLive = await client(charge);
    await settled();
    const isDirecte = (o: any) => o.eligible && o.destination.kind === 'CONVENTION' && conventionOf(o.destination.conventionId).delegation.mode === 'DIRECTE';
    const body = await declareUntil((_d, b) => b.recommendation.options.some(isDirecte));
    const option = body.recommendation.options.find(isDirecte);
    const convention = conventionOf(option.destination.conventionId);
    const before = await progressOf(convention.id);
    const decided = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: option.destination, motif: 'DEMANDE_RESERVATAIRE' });
    expect(decided.status).toBe(201);
    expect(decided.body.delaiExpireAt).not.toBeNull();
    expect((await progressOf(convention.id)).enAttente).toBe(before.enAttente + 1);

    const propositionId = decided.body.propositionId;
    await chargeLive.waitFor('delai.expiring', () => chargeLive.of('delai.expiring').find((e) => e.propositionId === propositionId), 5000);
    const expired = await chargeLive.waitFor('delai.expired', () => chargeLive.of('delai.expired').find((e) => e.propositionId === propositionId), 5000);
    expect(expired.retourCompte).toBe(convention.delegation.retourCompte);
    const after = await progressOf(convention.id);
    expect(after.retours).toBe(before.retours + 1);
    expect(after.enAttente).toBe(before.enAttente);
    expect(after.propositions).toBe(before.propositions + (convention.delegation.retourCompte ? 1 : 0));
    const proposition = await http().get(`/api/propositions/${propositionId}`).set(auth(charge));
    expect(proposition.body.status).toBe('EXPIREE');
    const late = await http().post(`/api/propositions/${propositionId}/candidats`).set(auth(charge)).send({ candidats: [{ numeroSne: 'SNE1', rang: 1, tailleMenage: 2, quartile: 1, prioritaire: false }] });
    expect(late.status).toBe(409);
  });

  it('a PARTIELLE convention: the bailleur designates its delegated share itself, the rest waits for the réservataire', async () => {
    const isPartielle = (o: any) => o.eligible && o.destination.kind === 'CONVENTION' && !o.destination.sousQuota && conventionOf(o.destination.conventionId).delegation.mode === 'PARTIELLE';
    const first = await declareUntil((_d, b) => b.recommendation.options.some(isPartielle));
    const convention = conventionOf(first.recommendation.options.find(isPartielle).destination.conventionId);
    const part = convention.delegation.partDeleguee!;
    const counts = async () =>
      (
        await db.dataSource.query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE delai_expire_at IS NULL)::int AS delegues FROM proposition WHERE convention_id = $1`,
          [convention.id],
        )
      )[0] as { total: number; delegues: number };
    const kinds = new Set<string>();
    let body = first;
    for (let i = 0; i < 4; i++) {
      if (i > 0) body = await declareUntil((_d, b) => b.recommendation.options.some((o: any) => isPartielle(o) && o.destination.conventionId === convention.id));
      await settled();
      const before = await progressOf(convention.id);
      const decided = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: { kind: 'CONVENTION', conventionId: convention.id }, motif: 'DEMANDE_RESERVATAIRE' });
      expect(decided.status).toBe(201);
      const delegue = decided.body.delaiExpireAt === null;
      kinds.add(delegue ? 'déléguée' : 'directe');
      expect((await progressOf(convention.id)).enAttente).toBe(before.enAttente + (delegue ? 0 : 1));
      // The delegated share stays within one flat of `partDeleguee` after every decision.
      const { total, delegues } = await counts();
      expect(Math.abs(delegues - part * total)).toBeLessThan(1);
    }
    expect([...kinds].sort()).toEqual(['directe', 'déléguée']);
  });

  it("an excluded use or the bailleur's share is recorded without a proposition", async () => {
    const isExclu = (o: any) => o.eligible && o.destination.kind === 'EXCLU';
    const body = await declareUntil((_d, b) => b.recommendation.options.some(isExclu));
    const option = body.recommendation.options.find(isExclu);
    const decided = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: option.destination, motif: 'MUTATION' });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ propositionId: null, delaiExpireAt: null, destination: option.destination });
    const rows = await db.dataSource.query(`SELECT usage FROM exclusion_use WHERE orientation_decision_id = $1`, [decided.body.decisionId]);
    expect(rows).toEqual([{ usage: option.destination.usage }]);

    const other = await declareUntil((_d, b) => b.recommendation.options.some((o: any) => o.eligible && o.destination.kind === 'BAILLEUR'));
    const own = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: other.liberation.id, destination: { kind: 'BAILLEUR' }, motif: 'AUTRE', commentaire: 'Relogement interne' });
    expect(own.status).toBe(201);
    expect(own.body.propositionId).toBeNull();
  });

  it('candidates, CAL attribution, a refusal and the lease move the convention as its décompte says', async () => {
    const isDirecte = (o: any) => o.eligible && o.destination.kind === 'CONVENTION' && conventionOf(o.destination.conventionId).delegation.mode === 'DIRECTE';
    const body = await declareUntil((_d, b) => b.recommendation.options.some(isDirecte));
    const option = body.recommendation.options.find(isDirecte);
    const convention = conventionOf(option.destination.conventionId);
    await settled();
    const before = await progressOf(convention.id);
    const decided = await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id, destination: option.destination, motif: 'MUTATION' });
    const propositionId = decided.body.propositionId;
    const reservataire = await account(app, 'RESERVATAIRE', [bailleurId], convention.reservataireId);

    const withCandidats = await http().post(`/api/propositions/${propositionId}/candidats`).set(auth(reservataire)).send({
      candidats: [
        { numeroSne: '0690123456789', rang: 1, tailleMenage: 3, quartile: 1, prioritaire: true },
        { numeroSne: '0690123456790', rang: 2, tailleMenage: 2, quartile: 3, prioritaire: false },
      ],
    });
    expect(withCandidats.status).toBe(200);
    expect(withCandidats.body.status).toBe('CANDIDATS_RECUS');
    const [first, second] = withCandidats.body.candidats;
    expect((await progressOf(convention.id)).enAttente).toBe(before.enAttente);
    const forbidden = await http().post(`/api/propositions/${propositionId}/cal`).set(auth(reservataire)).send({ candidatId: first.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-01' });
    expect(forbidden.status).toBe(403);

    await http().post(`/api/propositions/${propositionId}/cal`).set(auth(charge)).send({ candidatId: first.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-01' }).expect(200);
    let p = await progressOf(convention.id);
    expect([p.attributions, p.attributionsPrioritaires]).toEqual([before.attributions + 1, before.attributionsPrioritaires + 1]);

    await http().post(`/api/propositions/${propositionId}/refus`).set(auth(charge)).send({ candidatId: first.id }).expect(200);
    p = await progressOf(convention.id);
    expect([p.attributions, p.refus]).toEqual([before.attributions, (before.refus ?? 0) + 1]);

    await http().post(`/api/propositions/${propositionId}/cal`).set(auth(charge)).send({ candidatId: second.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-08' }).expect(200);
    const bail = await http().post(`/api/propositions/${propositionId}/bail`).set(auth(charge)).send({ candidatId: second.id, signedAt: '2026-07-20' });
    expect(bail.status).toBe(200);
    p = await progressOf(convention.id);
    expect([p.attributions, p.baux]).toEqual([before.attributions + 1, before.baux + 1]);
    // The délai job came and went without effect: candidates had arrived.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await http().get(`/api/propositions/${propositionId}`).set(auth(charge))).body.status).toBe('ATTRIBUEE');
  });

  it('replays what a reconnecting client missed, only what its rooms may see', async () => {
    const [{ max }] = await db.dataSource.query(`SELECT max(id)::text AS max FROM event_log`);
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id }).expect(201);
    const conventionId = body.recommendation.recommandee.conventionId;
    const reservataireId = conventionOf(conventionId).reservataireId;
    const otherId = demo.conventions.find((c) => c.bailleurId === bailleurId && c.reservataireId !== reservataireId)!.reservataireId;

    const chargeBack = await client(charge, max);
    const concernedBack = await client(await account(app, 'RESERVATAIRE', [bailleurId], reservataireId), max);
    const strangerBack = await client(await account(app, 'RESERVATAIRE', [bailleurId], otherId), max);
    await chargeBack.waitFor('replayed decision', () => chargeBack.of('orientation.decided').find((e) => e.liberationId === body.liberation.id));
    expect(chargeBack.of('recommendation.created').some((e) => e.liberationId === body.liberation.id)).toBe(true);
    await concernedBack.waitFor('replayed progress', () => concernedBack.of('convention.progress').find((e) => e.conventionId === conventionId));
    expect(concernedBack.of('recommendation.created')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(strangerBack.events.filter((e) => (e as any).liberationId === body.liberation.id || (e as any).conventionId === conventionId)).toEqual([]);
    const ids = chargeBack.events.filter((e) => e.eventId).map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => BigInt(id as string) > BigInt(max))).toBe(true);
  });

  /** Waits until every earlier DIRECTE délai has run out (they move the same conventions in the background). */
  it('delivers every event once and in id order, across id widths (99 → 100, 999 → 1000)', async () => {
    const live = await client(charge);
    const [{ max }] = await db.dataSource.query(`SELECT coalesce(max(id), 0)::int AS max FROM event_log`);
    // Batches that straddle a change of width (…98, 99, 100, 101…): read back in one go by the tail.
    const widths = [100, 1000, 10000].filter((w) => w > max + 5);
    const sizes = widths.map((w, i) => w - (i === 0 ? max : widths[i - 1]) + 5);
    let n = 0;
    for (const size of sizes) {
      await db.dataSource.transaction(async (manager) => {
        const events = Array.from({ length: size }, () => ({
          type: 'designation.updated', bailleurId, payload: { propositionId: `ordre-${n++}`, conventionId: 'c', logementId: 'l', status: 'EN_ATTENTE', etape: 'ordre' },
        }));
        const logged = await new EventLogRepository(manager).append(events);
        await manager.query(`SELECT pg_notify('aiguillage_events', $1)`, [logged[logged.length - 1].id]);
      });
    }
    const ours = () => live.of('designation.updated').filter((e) => String(e.propositionId).startsWith('ordre-'));
    await live.waitFor(`${n} événements`, () => ours().length >= n, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const ids = ours().map((e) => Number(e.eventId));
    expect(ids).toHaveLength(n);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ours().map((e) => e.propositionId)).toEqual(Array.from({ length: n }, (_, i) => `ordre-${i}`));
  });

  it('a convention changed through the API weighs on the next recommendations (live state rebuilt)', async () => {
    const first = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (first.recommendation.recommandee as { conventionId: string }).conventionId;
    const { body: convention } = await http().get(`/api/conventions/${conventionId}`).set(auth(manager)).expect(200);
    const { id: _id, ...input } = convention;
    await http().put(`/api/conventions/${conventionId}`).set(auth(manager)).send({ ...input, dateFin: '2026-01-31' }).expect(200);
    const optionOf = (body: any) => body.recommendation.options.find((o: any) => o.destination.kind === 'CONVENTION' && o.destination.conventionId === conventionId && !o.destination.sousQuota);
    let seen: any;
    for (let i = 0; i < 30 && !(seen && !seen.eligible); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      seen = optionOf((await declare()).body);
    }
    expect(seen).toMatchObject({ eligible: false, raisons: ['Convention échue le 31/01/2026'] });
    await http().put(`/api/conventions/${conventionId}`).set(auth(manager)).send(input).expect(200);
  });

  it('gives the progress snapshot of an exercice, equal to the live events; a réservataire reads only its own', async () => {
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (body.recommendation.recommandee as { conventionId: string }).conventionId;
    await http().post('/api/orientations').set(auth(charge)).send({ liberationId: body.liberation.id }).expect(201);
    await settled();
    const [exercice] = (await http().get(`/api/exercices?bailleurId=${bailleurId}&annee=2026`).set(auth(charge)).expect(200)).body;
    const snapshot = (await http().get(`/api/exercices/${exercice.id}/progression?date=2026-06-30`).set(auth(charge)).expect(200)).body;
    expect(snapshot).toMatchObject({ exerciceId: exercice.id, bailleurId, annee: 2026, date: '2026-06-30' });
    expect(snapshot.fractionAttendue).toBeGreaterThan(0.3);
    expect(snapshot.fractionAttendue).toBeLessThan(0.7);
    expect(typeof snapshot.bailleurPropositions).toBe('number');
    const row = snapshot.conventions.find((c: any) => c.conventionId === conventionId);
    const last = await progressOf(conventionId);
    expect(row.progress).toMatchObject(last);
    expect(row.ecart).toBeCloseTo(row.realise - row.attendu, 1);
    expect(new Set(snapshot.conventions.map((c: any) => c.reservataireId)).size).toBeGreaterThan(1);

    const reservataireId = conventionOf(conventionId).reservataireId;
    const reader = await account(app, 'RESERVATAIRE', [bailleurId], reservataireId);
    const own = (await http().get(`/api/exercices/${exercice.id}/progression?date=2026-06-30`).set(auth(reader)).expect(200)).body;
    expect(own.conventions.length).toBeGreaterThan(0);
    expect(own.conventions.every((c: any) => c.reservataireId === reservataireId)).toBe(true);
    expect(own.bailleurPropositions).toBeUndefined();

    const bad = await http().get(`/api/exercices/${exercice.id}/progression?date=2026-13-01`).set(auth(charge));
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs[0].champ).toBe('date');
    const stranger = await account(app, 'CHARGE', [demo.bailleurs[1].id]);
    expect((await http().get(`/api/exercices/${exercice.id}/progression`).set(auth(stranger))).status).toBe(404);
  });

  async function settled() {
    for (;;) {
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM proposition WHERE status = 'EN_ATTENTE' AND delai_expire_at IS NOT NULL`);
      if (n === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function progressOf(conventionId: string) {
    const rows = await db.dataSource.query(
      `SELECT payload FROM event_log WHERE type = 'convention.progress' AND payload->>'conventionId' = $1 ORDER BY id DESC LIMIT 1`,
      [conventionId],
    );
    return (rows[0]?.payload.progress ?? { propositions: 0, attributions: 0, baux: 0, enAttente: 0, retours: 0, refus: 0, attributionsPrioritaires: 0 }) as {
      propositions: number; attributions: number; baux: number; enAttente: number; retours: number; refus?: number; attributionsPrioritaires: number;
    };
  }
});
