/**
 * The API reads of the attribution console (`/api/console/*`) on the real PostgreSQL: names
 * alongside ids, libérations by status with paging, the decision panel's reasons as data (sign and
 * figure), flats found by RPLS id or commune name, French 400s, staff only.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import request from 'supertest';
import { account, bootApp, type Account, type TestApp } from '../helpers/app';

jest.setTimeout(120_000);

describe('console API (/api/console)', () => {
  let t: TestApp;
  let app: INestApplication;
  let url: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let charge: Account;
  let manager: Account;
  let reservataire: Account;
  const liberations: string[] = [];

  const get = (c: Account, path: string) =>
    request(url)
      .get(`/api/console${path}`)
      .set({ Authorization: `Bearer ${c.token}` });

  beforeAll(async () => {
    t = await bootApp();
    ({ app, url, demo } = t);
    bailleurId = demo.bailleurs[0].id;
    charge = await account(app, 'CHARGE', [bailleurId], null, 'Camille Martin');
    manager = await account(app, 'MANAGER', [bailleurId], null, 'Claire Dubois');
    const r = demo.reservataires.find((x) =>
      demo.conventions.some((c) => c.reservataireId === x.id && c.bailleurId === bailleurId),
    )!;
    reservataire = await account(app, 'RESERVATAIRE', [], r.id, 'Paul Girard');
    await request(url)
      .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
      .set({ Authorization: `Bearer ${manager.token}` })
      .send({ toujours: true, ecartCible: false, regleSouple: false })
      .expect(200);
    const flats = logementsLiberables(demo, bailleurId).slice(0, 3);
    for (const [i, flat] of flats.entries()) {
      const res = await request(url)
        .post('/api/liberations')
        .set({ Authorization: `Bearer ${charge.token}` })
        .send({ logementId: flat.id, date: `2026-05-0${i + 1}`, motif: 'CONGE' })
        .expect(201);
      liberations.push(res.body.liberation.id);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the libérations to orient, newest first, with the flat in words and the recommended réservataire by name', async () => {
    const res = await get(charge, '/liberations?statut=A_ORIENTER&limit=2').expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((l: { id: string }) => l.id)).toEqual([liberations[2], liberations[1]]);
    const row = res.body.items[0];
    const flat = demo.logements.find((l) => l.id === row.logement.id)!;
    expect(row.logement.communeNom).toBe(demo.communes.find((c) => c.insee === flat.commune)!.nom);
    expect(row.logement.description).toContain(flat.typologie);
    expect(row.bailleurNom).toBe(demo.bailleurs[0].nom);
    if (row.recommandee.destination.kind === 'CONVENTION') {
      const convention = demo.conventions.find((c) => c.id === row.recommandee.destination.conventionId)!;
      expect(row.recommandee.conventionReference).toBe(convention.reference);
      expect(row.recommandee.reservataireNom).toBe(
        demo.reservataires.find((r) => r.id === convention.reservataireId)!.nom,
      );
    }
    const page2 = await get(charge, '/liberations?statut=A_ORIENTER&limit=2&offset=2').expect(200);
    expect(page2.body.items.map((l: { id: string }) => l.id)).toEqual([liberations[0]]);
  });

  it('gives the decision panel: names, lag, reasons with their sign and figure, approval said beforehand', async () => {
    const res = await get(charge, `/liberations/${liberations[0]}/panneau`).expect(200);
    const [reco, ...autres] = res.body.options;
    expect(reco.recommandee).toBe(true);
    expect(reco.approbation).toBeNull();
    expect(reco.pour.length + reco.contre.length).toBeGreaterThan(0);
    for (const r of [...reco.pour, ...reco.contre]) expect(['POUR', 'CONTRE']).toContain(r.sens);
    expect(
      reco.pour.some(
        (r: { valeur: number | null; unite: string | null }) =>
          typeof r.valeur === 'number' && ['logement', 'pourcent', 'jour'].includes(r.unite!),
      ),
    ).toBe(true);
    const alternative = autres.find((o: { eligible: boolean }) => o.eligible);
    expect(alternative.approbation).toEqual({
      requise: true,
      motifs: ['La politique du bailleur soumet toute dérogation à approbation'],
    });
    const exclue = autres.find((o: { eligible: boolean }) => !o.eligible);
    if (exclue) expect(exclue.reglesImperatives.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain('"score"');
  });

  it('moves a libération between statuses: awaiting approval (with the pending override and its history), then decided (with who)', async () => {
    const panneau = (await get(charge, `/liberations/${liberations[1]}/panneau`).expect(200)).body;
    const alternative = panneau.options.find(
      (o: { eligible: boolean; recommandee: boolean }) => o.eligible && !o.recommandee,
    );
    await request(url)
      .post('/api/orientations')
      .set({ Authorization: `Bearer ${charge.token}` })
      .send({
        liberationId: liberations[1],
        destination: alternative.destination.destination,
        motif: 'URGENCE',
        commentaire: 'Relogement urgent',
      })
      .expect(202);
    const attente = (await get(manager, '/liberations?statut=EN_ATTENTE_APPROBATION').expect(200)).body;
    expect(attente.items.map((l: { id: string }) => l.id)).toEqual([liberations[1]]);
    expect(attente.items[0].derogationEnAttente).toMatchObject({
      demandeur: 'Camille Martin',
      motif: 'URGENCE',
      destination: { libelle: alternative.destination.libelle },
    });
    const derogations = (await get(manager, '/derogations').expect(200)).body;
    expect(derogations.total).toBe(1);
    expect(derogations.items[0]).toMatchObject({
      demandeur: 'Camille Martin',
      motifLibelle: 'Urgence',
      commentaire: 'Relogement urgent',
      motifsApprobation: ['La politique du bailleur soumet toute dérogation à approbation'],
    });
    expect(derogations.items[0].historique).toEqual([
      expect.objectContaining({ statut: 'PENDING', par: 'Camille Martin', commentaire: 'Relogement urgent' }),
    ]);
    await request(url)
      .post(`/api/overrides/${derogations.items[0].id}/approve`)
      .set({ Authorization: `Bearer ${manager.token}` })
      .send({ commentaire: 'Vu' })
      .expect(201);
    const decidees = (await get(charge, '/liberations?statut=DECIDEE').expect(200)).body;
    expect(decidees.items[0]).toMatchObject({
      id: liberations[1],
      statut: 'DECIDEE',
      decision: { derogation: true, par: 'Claire Dubois', motif: 'URGENCE', demandeur: 'Camille Martin' },
    });
    // Another flat decided on its recommendation: among the decided, not among the overrides.
    await request(url)
      .post('/api/orientations')
      .set({ Authorization: `Bearer ${charge.token}` })
      .send({ liberationId: liberations[2] })
      .expect(201);
    const ids = async (query: string) =>
      (await get(charge, `/liberations?statut=DECIDEE${query}`).expect(200)).body.items.map(
        (l: { id: string }) => l.id,
      );
    expect(await ids('')).toEqual([liberations[2], liberations[1]]);
    expect(await ids('&derogations=true')).toEqual([liberations[1]]);
    expect(
      (await get(manager, '/derogations?statut=TRAITEES').expect(200)).body.items[0].historique.map(
        (e: { statut: string; par: string }) => `${e.statut} ${e.par}`,
      ),
    ).toEqual(['PENDING Camille Martin', 'APPROVED Claire Dubois']);
  });

  it('finds flats by RPLS id and by commune name', async () => {
    const flat = logementsLiberables(demo, bailleurId)[5];
    const parRpls = (await get(charge, `/logements?q=${flat.rplsId}`).expect(200)).body;
    expect(parRpls[0].id).toBe(flat.id);
    const commune = demo.communes.find((c) => c.insee === flat.commune)!;
    const parCommune = (
      await get(charge, `/logements?q=${encodeURIComponent(commune.nom.slice(0, 6))}&limit=5`).expect(200)
    ).body;
    expect(parCommune.length).toBeGreaterThan(0);
    for (const l of parCommune) expect(l.communeNom.toLowerCase()).toContain(commune.nom.slice(0, 6).toLowerCase());
  });

  it('refuses bad input in French with the field, and every page to a réservataire', async () => {
    const statut = await get(charge, '/liberations?statut=PERDU').expect(400);
    expect(statut.body.erreurs).toEqual([expect.objectContaining({ champ: 'statut' })]);
    const derogations = await get(charge, '/liberations?statut=DECIDEE&derogations=peut-etre').expect(400);
    expect(derogations.body.erreurs).toEqual([{ champ: 'derogations', raison: 'doit valoir true ou false' }]);
    const q = await get(charge, '/logements?q=a').expect(400);
    expect(q.body.erreurs[0]).toEqual({ champ: 'q', raison: 'doit contenir au moins 2 caractères' });
    await get(charge, '/liberations/pas-un-uuid/panneau').expect(400);
    for (const path of ['/liberations', '/derogations', '/noms', `/liberations/${liberations[0]}/panneau`])
      await get(reservataire, path).expect(403);
  });

  it('names a sub-quota by its name, never its code: options, pending override, names for live events', async () => {
    const prefet = demo.conventions.find((c) => c.bailleurId === bailleurId && c.sousQuotas.length > 0)!;
    const [sq] = prefet.sousQuotas;
    const noms = (await get(charge, '/noms').expect(200)).body;
    expect(noms.conventions.find((c: { id: string }) => c.id === prefet.id).sousQuotas).toEqual({
      [sq.code]: sq.libelle,
    });
    // The first freed flat that the sub-quota may take.
    let option: { destination: { destination: unknown; libelle: string; sousQuotaNom: string } } | undefined;
    let liberationId = '';
    for (const [i, flat] of logementsLiberables(demo, bailleurId).slice(10, 40).entries()) {
      const res = await request(url)
        .post('/api/liberations')
        .set({ Authorization: `Bearer ${charge.token}` })
        .send({ logementId: flat.id, date: `2026-06-${String(1 + (i % 28)).padStart(2, '0')}`, motif: 'CONGE' })
        .expect(201);
      liberationId = res.body.liberation.id;
      const panneau = (await get(charge, `/liberations/${liberationId}/panneau`).expect(200)).body;
      option = panneau.options.find(
        (o: { eligible: boolean; recommandee: boolean; destination: { destination: { sousQuota?: string } } }) =>
          o.eligible && !o.recommandee && o.destination.destination.sousQuota === sq.code,
      );
      if (option) break;
    }
    expect(option).toBeDefined();
    const nom = `${prefet.reference}, sous-quota ${sq.libelle}`;
    expect(option!.destination.libelle).toContain(nom);
    expect(option!.destination.sousQuotaNom).toBe(sq.libelle);
    await request(url)
      .post('/api/orientations')
      .set({ Authorization: `Bearer ${charge.token}` })
      .send({ liberationId, destination: option!.destination.destination, motif: 'DEMANDE_RESERVATAIRE' })
      .expect(202);
    const ligne = (await get(charge, `/liberations/${liberationId}`).expect(200)).body;
    expect(ligne.derogationEnAttente.destination.libelle).toContain(nom);
    const derogations = (await get(manager, '/derogations').expect(200)).body;
    const demande = derogations.items.find((d: { liberation: { id: string } }) => d.liberation.id === liberationId);
    expect(demande.demandee.libelle).toContain(nom);
    expect(JSON.stringify(demande)).toContain(nom);
    expect(JSON.stringify([ligne, demande])).not.toContain(`sous-quota ${sq.code}`);
  });
});
