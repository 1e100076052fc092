/**
 * The live orientation flow end to end, on the real PostgreSQL (jobs in-process): after the
 * decision — délais, delegated designation, exclusions, candidates to the lease, progress snapshot.
 */
process.env.FLOW_DUREE_JOUR_MS = '40'; // a 30-day délai lasts 1.2 s, the warning comes 5 "days" (200 ms) before
process.env.FLOW_POLL_MS = '200';

import { account } from '../helpers/app';
import { LiveFlowSuite } from './flow-app';

jest.setTimeout(60_000);

describe('live orientation flow: propositions and délais (HTTP + socket.io)', () => {
  const s = new LiveFlowSuite();
  const { http, auth, client, declareUntil, conventionOf, isDirecte, orient, settled, delaiJobRun, progressOf } = s;
  beforeAll(() => s.orientAsRecommended(4));

  it('a DIRECTE délai warns, then expires: the flat returns to the bailleur', async () => {
    await http()
      .put(`/api/bailleurs/${s.bailleurId}/politique-derogation`)
      .set(auth(s.manager))
      .send({ toujours: false, ecartCible: false, regleSouple: false })
      .expect(200);
    const chargeLive = await client(s.charge);
    await settled();
    const body = await declareUntil((_d, b) => b.recommendation.options.some(isDirecte));
    const option = body.recommendation.options.find(isDirecte);
    const convention = conventionOf(option.destination.conventionId);
    const before = await progressOf(convention.id);
    const decided = await orient(body.liberation.id, {
      destination: option.destination,
      motif: 'DEMANDE_RESERVATAIRE',
    });
    expect(decided.status).toBe(201);
    expect(decided.body.delaiExpireAt).not.toBeNull();
    expect((await progressOf(convention.id)).enAttente).toBe(before.enAttente + 1);

    const propositionId = decided.body.propositionId;
    await chargeLive.waitFor(
      'delai.expiring',
      () => chargeLive.of('delai.expiring').find((e) => e.propositionId === propositionId),
      5000,
    );
    const expired = await chargeLive.waitFor(
      'delai.expired',
      () => chargeLive.of('delai.expired').find((e) => e.propositionId === propositionId),
      5000,
    );
    expect(expired.retourCompte).toBe(convention.delegation.retourCompte);
    const after = await progressOf(convention.id);
    expect(after.retours).toBe(before.retours + 1);
    expect(after.enAttente).toBe(before.enAttente);
    expect(after.propositions).toBe(before.propositions + (convention.delegation.retourCompte ? 1 : 0));
    const proposition = await http().get(`/api/propositions/${propositionId}`).set(auth(s.charge));
    expect(proposition.body.status).toBe('EXPIREE');
    const late = await http()
      .post(`/api/propositions/${propositionId}/candidats`)
      .set(auth(s.charge))
      .send({ candidats: [{ numeroSne: 'SNE1', rang: 1, tailleMenage: 2, quartile: 1, prioritaire: false }] });
    expect(late.status).toBe(409);
  });

  it('a PARTIELLE convention: the bailleur designates its delegated share itself, the rest waits for the réservataire', async () => {
    const isPartielle = (o: any) =>
      o.eligible &&
      o.destination.kind === 'CONVENTION' &&
      !o.destination.sousQuota &&
      conventionOf(o.destination.conventionId).delegation.mode === 'PARTIELLE';
    const first = await declareUntil((_d, b) => b.recommendation.options.some(isPartielle));
    const convention = conventionOf(first.recommendation.options.find(isPartielle).destination.conventionId);
    const part = convention.delegation.partDeleguee!;
    const counts = async () =>
      (
        await s.db.dataSource.query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE delai_expire_at IS NULL)::int AS delegues FROM proposition WHERE convention_id = $1`,
          [convention.id],
        )
      )[0] as { total: number; delegues: number };
    const kinds = new Set<string>();
    let body = first;
    for (let i = 0; i < 4; i++) {
      if (i > 0)
        body = await declareUntil((_d, b) =>
          b.recommendation.options.some((o: any) => isPartielle(o) && o.destination.conventionId === convention.id),
        );
      await settled();
      const before = await progressOf(convention.id);
      const decided = await http()
        .post('/api/orientations')
        .set(auth(s.charge))
        .send({
          liberationId: body.liberation.id,
          destination: { kind: 'CONVENTION', conventionId: convention.id },
          motif: 'DEMANDE_RESERVATAIRE',
        });
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
    const decided = await orient(body.liberation.id, { destination: option.destination, motif: 'MUTATION' });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ propositionId: null, delaiExpireAt: null, destination: option.destination });
    const rows = await s.db.dataSource.query(`SELECT usage FROM exclusion_use WHERE orientation_decision_id = $1`, [
      decided.body.decisionId,
    ]);
    expect(rows).toEqual([{ usage: option.destination.usage }]);

    const other = await declareUntil((_d, b) =>
      b.recommendation.options.some((o: any) => o.eligible && o.destination.kind === 'BAILLEUR'),
    );
    const own = await http()
      .post('/api/orientations')
      .set(auth(s.charge))
      .send({
        liberationId: other.liberation.id,
        destination: { kind: 'BAILLEUR' },
        motif: 'AUTRE',
        commentaire: 'Relogement interne',
      });
    expect(own.status).toBe(201);
    expect(own.body.propositionId).toBeNull();
  });

  it('candidates, CAL attribution, a refusal and the lease move the convention as its décompte says', async () => {
    const body = await declareUntil((_d, b) => b.recommendation.options.some(isDirecte));
    const option = body.recommendation.options.find(isDirecte);
    const convention = conventionOf(option.destination.conventionId);
    await settled();
    const before = await progressOf(convention.id);
    const decided = await orient(body.liberation.id, { destination: option.destination, motif: 'MUTATION' });
    const propositionId = decided.body.propositionId;
    const reservataire = await account(s.app, 'RESERVATAIRE', [s.bailleurId], convention.reservataireId);

    const withCandidats = await http()
      .post(`/api/propositions/${propositionId}/candidats`)
      .set(auth(reservataire))
      .send({
        candidats: [
          { numeroSne: '0690123456789', rang: 1, tailleMenage: 3, quartile: 1, prioritaire: true },
          { numeroSne: '0690123456790', rang: 2, tailleMenage: 2, quartile: 3, prioritaire: false },
        ],
      });
    expect(withCandidats.status).toBe(200);
    expect(withCandidats.body.status).toBe('CANDIDATS_RECUS');
    const [first, second] = withCandidats.body.candidats;
    expect((await progressOf(convention.id)).enAttente).toBe(before.enAttente);
    const forbidden = await http()
      .post(`/api/propositions/${propositionId}/cal`)
      .set(auth(reservataire))
      .send({ candidatId: first.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-01' });
    expect(forbidden.status).toBe(403);

    await http()
      .post(`/api/propositions/${propositionId}/cal`)
      .set(auth(s.charge))
      .send({ candidatId: first.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-01' })
      .expect(200);
    let p = await progressOf(convention.id);
    expect([p.attributions, p.attributionsPrioritaires]).toEqual([
      before.attributions + 1,
      before.attributionsPrioritaires + 1,
    ]);

    await http()
      .post(`/api/propositions/${propositionId}/refus`)
      .set(auth(s.charge))
      .send({ candidatId: first.id })
      .expect(200);
    p = await progressOf(convention.id);
    expect([p.attributions, p.refus]).toEqual([before.attributions, (before.refus ?? 0) + 1]);

    await http()
      .post(`/api/propositions/${propositionId}/cal`)
      .set(auth(s.charge))
      .send({ candidatId: second.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-08' })
      .expect(200);
    const bail = await http()
      .post(`/api/propositions/${propositionId}/bail`)
      .set(auth(s.charge))
      .send({ candidatId: second.id, signedAt: '2026-07-20' });
    expect(bail.status).toBe(200);
    p = await progressOf(convention.id);
    expect([p.attributions, p.baux]).toEqual([before.attributions + 1, before.baux + 1]);
    // The délai job came and went without effect: candidates had arrived.
    await delaiJobRun(propositionId);
    expect((await http().get(`/api/propositions/${propositionId}`).set(auth(s.charge))).body.status).toBe('ATTRIBUEE');
  });

  it('gives the progress snapshot of an exercice, equal to the live events; a réservataire reads only its own', async () => {
    const body = await declareUntil((d) => d.kind === 'CONVENTION');
    const conventionId = (body.recommendation.recommandee as { conventionId: string }).conventionId;
    await http().post('/api/orientations').set(auth(s.charge)).send({ liberationId: body.liberation.id }).expect(201);
    await settled();
    const [exercice] = (
      await http().get(`/api/exercices?bailleurId=${s.bailleurId}&annee=2026`).set(auth(s.charge)).expect(200)
    ).body;
    const snapshot = (
      await http().get(`/api/exercices/${exercice.id}/progression?date=2026-06-30`).set(auth(s.charge)).expect(200)
    ).body;
    expect(snapshot).toMatchObject({
      exerciceId: exercice.id,
      bailleurId: s.bailleurId,
      annee: 2026,
      date: '2026-06-30',
    });
    expect(snapshot.fractionAttendue).toBeGreaterThan(0.3);
    expect(snapshot.fractionAttendue).toBeLessThan(0.7);
    expect(typeof snapshot.bailleurPropositions).toBe('number');
    const row = snapshot.conventions.find((c: any) => c.conventionId === conventionId);
    const last = await progressOf(conventionId);
    expect(row.progress).toMatchObject(last);
    expect(row.ecart).toBeCloseTo(row.realise - row.attendu, 1);
    expect(new Set(snapshot.conventions.map((c: any) => c.reservataireId)).size).toBeGreaterThan(1);

    const reservataireId = conventionOf(conventionId).reservataireId;
    const reader = await account(s.app, 'RESERVATAIRE', [s.bailleurId], reservataireId);
    const own = (
      await http().get(`/api/exercices/${exercice.id}/progression?date=2026-06-30`).set(auth(reader)).expect(200)
    ).body;
    expect(own.conventions.length).toBeGreaterThan(0);
    expect(own.conventions.every((c: any) => c.reservataireId === reservataireId)).toBe(true);
    expect(own.bailleurPropositions).toBeUndefined();

    const bad = await http().get(`/api/exercices/${exercice.id}/progression?date=2026-13-01`).set(auth(s.charge));
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs[0].champ).toBe('date');
    const stranger = await account(s.app, 'CHARGE', [s.demo.bailleurs[1].id]);
    expect((await http().get(`/api/exercices/${exercice.id}/progression`).set(auth(stranger))).status).toBe(404);
  });
});
