/**
 * The live orientation flow end to end, on the real PostgreSQL (jobs in-process): declarations
 * (idempotent, validated), exactly-once decisions, overrides with approval, live state rebuilt.
 */
process.env.FLOW_DUREE_JOUR_MS = '40'; // a 30-day délai lasts 1.2 s, the warning comes 5 "days" (200 ms) before
process.env.FLOW_POLL_MS = '200';

import type { Destination } from '@aiguillage/engine';
import { LiveFlowSuite } from './flow-app';

jest.setTimeout(60_000);

describe('live orientation flow: declarations and decisions (HTTP + socket.io)', () => {
  const s = new LiveFlowSuite();
  const { http, auth, client, flats, nextDate, declare, declareUntil, orient, progressOf } = s;

  it('is idempotent: same key, or same flat and day, returns the first result and creates nothing', async () => {
    const logementId = flats()[s.flatCursor++].id;
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
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => declare(flats()[s.flatCursor].id, '2026-05-05', 'cle-concurrente')),
    );
    s.flatCursor++;
    expect(concurrent.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(concurrent.map((r) => r.body.liberation.id)).size).toBe(1);
    const [{ n }] = await s.db.dataSource.query(
      `SELECT count(*)::int AS n FROM liberation WHERE idempotency_key IN ('cle-idem-1', 'cle-concurrente')`,
    );
    const [{ r }] = await s.db.dataSource.query(
      `SELECT count(*)::int AS r FROM recommendation WHERE liberation_id IN (SELECT id FROM liberation WHERE idempotency_key IN ('cle-idem-1', 'cle-concurrente'))`,
    );
    expect([n, r]).toEqual([2, 2]);
  });

  it('recommends once a libération declared earlier without one (bulk load), creating no libération', async () => {
    const old = s.demo.liberations.find((l) =>
      s.demo.logements.some((x) => x.id === l.logementId && x.bailleurId === s.bailleurId),
    )!;
    const first = await declare(old.logementId, old.date);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: false, liberation: { id: old.id } });
    expect(first.body.recommendation.options.length).toBeGreaterThan(0);
    const again = await declare(old.logementId, old.date);
    expect(again.body.recommendation.id).toBe(first.body.recommendation.id);
    const [{ n }] = await s.db.dataSource.query(
      `SELECT count(*)::int AS n FROM recommendation WHERE liberation_id = $1`,
      [old.id],
    );
    expect(n).toBe(1);
  });

  it('refuses bad input with the field and a French reason (400), an unknown flat with 422', async () => {
    const bad = await http()
      .post('/api/liberations')
      .set(auth(s.charge))
      .send({ logementId: 'x', date: '2026-13-01', motif: 'VACANCES' });
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs.map((e: { champ: string }) => e.champ).sort()).toEqual(['date', 'logementId', 'motif']);
    const unknown = await http()
      .post('/api/liberations')
      .set(auth(s.charge))
      .send({ logementId: '00000000-0000-4000-8000-000000000000', date: '2026-06-01', motif: 'CONGE' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.erreurs[0]).toEqual({
      champ: 'liberation.logementId',
      raison: 'logement inconnu « 00000000-0000-4000-8000-000000000000 »',
    });
    const forbidden = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: '00000000-0000-4000-8000-000000000000', destination: { kind: 'NULLE_PART' } });
    expect(forbidden.status).toBe(400);
  });

  it('orients a flat exactly once under 20 concurrent decisions; the losers learn who decided', async () => {
    const body = await declareUntil(() => true);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        http().post('/api/orientations').set(auth(s.charge)).send({ liberationId: body.liberation.id }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = results.filter((r) => r.status !== 201);
    expect(losers.every((r) => r.status === 409)).toBe(true);
    expect(losers[0].body.message).toMatch(/^Logement déjà orienté par .+ le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);
    expect(losers[0].body.decision.decidedBy).toBe(s.charge.userId);
    const [{ n }] = await s.db.dataSource.query(
      `SELECT count(*)::int AS n FROM orientation_decision WHERE liberation_id = $1`,
      [body.liberation.id],
    );
    expect(n).toBe(1);
  });

  it('keeps an override pending until a manager approves it; progress moves only then', async () => {
    await http()
      .put(`/api/bailleurs/${s.bailleurId}/politique-derogation`)
      .set(auth(s.manager))
      .send({ toujours: true, ecartCible: true, regleSouple: true })
      .expect(200);
    const chargeLive = await client(s.charge);
    const body = await declareUntil(
      (_d, b) =>
        b.recommendation.options.filter((o: any) => o.eligible && o.destination.kind === 'CONVENTION').length >= 2,
    );
    const reco = body.recommendation.recommandee as Destination;
    const alt = body.recommendation.options.find(
      (o: any) =>
        o.eligible && o.destination.kind === 'CONVENTION' && o.destination.conventionId !== (reco as any).conventionId,
    ).destination;
    const before = await progressOf(alt.conventionId);

    const noReason = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: body.liberation.id, destination: alt });
    expect(noReason.status).toBe(400);
    expect(noReason.body.erreurs[0].champ).toBe('motif');

    const urgence = { destination: alt, motif: 'URGENCE', commentaire: 'Relogement après sinistre' };
    const pending = await orient(body.liberation.id, urgence);
    expect(pending.status).toBe(202);
    expect(pending.body.status).toBe('EN_ATTENTE_APPROBATION');
    expect(pending.body.motifsApprobation).toContain('La politique du bailleur soumet toute dérogation à approbation');
    const requested = await chargeLive.waitFor('override.requested', () =>
      chargeLive.of('override.requested').find((e) => e.overrideRequestId === pending.body.overrideRequestId),
    );
    expect(requested.reason).toBe('URGENCE');
    expect(await progressOf(alt.conventionId)).toEqual(before);

    const blocked = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: body.liberation.id });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/attend l'approbation/);
    const byCharge = await http()
      .post(`/api/overrides/${pending.body.overrideRequestId}/approve`)
      .set(auth(s.charge))
      .send({});
    expect(byCharge.status).toBe(403);

    const approved = await http()
      .post(`/api/overrides/${pending.body.overrideRequestId}/approve`)
      .set(auth(s.manager))
      .send({ commentaire: 'Validé' });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'DECIDEE', isOverride: true, destination: alt });
    await chargeLive.waitFor('override.approved', () =>
      chargeLive.of('override.approved').find((e) => e.overrideRequestId === pending.body.overrideRequestId),
    );
    const progress = await chargeLive.waitFor('convention.progress', () =>
      chargeLive
        .of('convention.progress')
        .find(
          (e) => e.conventionId === alt.conventionId && (e.progress as any).propositions === before.propositions + 1,
        ),
    );
    expect(progress).toBeTruthy();
    expect((await progressOf(alt.conventionId)).propositions).toBe(before.propositions + 1);

    const twice = await http()
      .post(`/api/overrides/${pending.body.overrideRequestId}/approve`)
      .set(auth(s.manager2))
      .send({});
    expect(twice.status).toBe(409);
    const steps = await http().get(`/api/overrides/${pending.body.overrideRequestId}/steps`).set(auth(s.manager));
    expect(steps.body.map((s: { status: string; actorId: string }) => [s.status, s.actorId])).toEqual([
      ['PENDING', s.charge.userId],
      ['APPROVED', s.manager.userId],
    ]);
  });

  it('a rejected override leaves the flat to be decided again', async () => {
    const body = await declareUntil((_d, b) => b.recommendation.options.filter((o: any) => o.eligible).length >= 2);
    const reco = body.recommendation.recommandee as Destination;
    const alt = body.recommendation.options.find(
      (o: any) => o.eligible && JSON.stringify(o.destination) !== JSON.stringify(reco),
    ).destination;
    const pending = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: body.liberation.id, destination: alt, motif: 'AUTRE', commentaire: 'Essai' });
    expect(pending.status).toBe(202);
    const rejected = await http()
      .post(`/api/overrides/${pending.body.overrideRequestId}/reject`)
      .set(auth(s.manager))
      .send({ commentaire: 'Non justifié' });
    expect(rejected.status).toBe(200);
    const accepted = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({ liberationId: body.liberation.id });
    expect(accepted.status).toBe(201);
    expect(accepted.body.isOverride).toBe(false);
  });

  it('a convention changed through the API weighs on the next recommendations (live state rebuilt)', async () => {
    const first = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (first.recommendation.recommandee as { conventionId: string }).conventionId;
    const { body: convention } = await http().get(`/api/conventions/${conventionId}`).set(auth(s.manager)).expect(200);
    const { id: _id, ...input } = convention;
    await http()
      .put(`/api/conventions/${conventionId}`)
      .set(auth(s.manager))
      .send({ ...input, dateFin: '2026-01-31' })
      .expect(200);
    const optionOf = (body: any) =>
      body.recommendation.options.find(
        (o: any) =>
          o.destination.kind === 'CONVENTION' &&
          o.destination.conventionId === conventionId &&
          !o.destination.sousQuota,
      );
    // The store forgets the bailleur's state when its listener hears of the change (a NOTIFY at the
    // commit). Before each try, a marker through the same listener, heard after that NOTIFY, back to a
    // live client (the tail's poll may bring it sooner: then the next try).
    const staff = await s.client(s.manager);
    let seen: any;
    for (let i = 0; i < 30 && !(seen && !seen.eligible); i++) {
      await staff.barrier(s.db.dataSource, s.bailleurId);
      seen = optionOf((await declare()).body);
    }
    expect(seen).toMatchObject({ eligible: false, raisons: ['Convention échue le 31/01/2026'] });
    await http().put(`/api/conventions/${conventionId}`).set(auth(s.manager)).send(input).expect(200);
  });
});
