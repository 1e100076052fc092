/**
 * Issue 9, finding 14: quartiles were a typed digit. The thresholds of the préfets' arrêtés are kept
 * per EPCI (or Île-de-France) and year, imported from CSV; a candidate's quartile is computed from its
 * income per consumption unit, a typed quartile staying possible without the income.
 */
// One "day" of a délai lasts a second: the DIRECTE délais opened here end within the run, so that
// closing the app does not wait a month for their jobs (as in test/domain/cycle-vie-api.spec.ts).
process.env.FLOW_DUREE_JOUR_MS = '1000';

import type { OptionOrientation } from '@aiguillage/engine';
import { createTestApi, count, orienterUnLogement, type TestApi } from '../api/api-test-app';

jest.setTimeout(60_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 120_000);

const importer = async (csv: string, role: 'ADMIN' | 'MANAGER' = 'ADMIN') =>
  api.http
    .post('/api/quartiles/seuils/import')
    .set(await api.auth(role))
    .set('Content-Type', 'text/csv')
    .send(csv);

/** A flat freed in 2026 and oriented to a convention: its proposition, awaiting candidates, and its EPCI. */
async function proposition(): Promise<{ propositionId: string; epci: string; commune: string }> {
  const versUneConvention = (o: OptionOrientation) => o.destination.kind === 'CONVENTION';
  const { propositionId, logementId } = await orienterUnLogement(api, '2026-05-12', versUneConvention, {
    where: 'epci IS NOT NULL',
  });
  const [l] = await api.db.query(`SELECT epci, commune FROM logement WHERE id = $1`, [logementId]);
  return { propositionId, epci: l.epci, commune: l.commune };
}

const seuils = (territoire: string, q1: number, q2?: number, q3?: number) =>
  api.db.query(
    `INSERT INTO seuil_quartile (territoire, annee, seuil_q1_centimes, seuil_q2_centimes, seuil_q3_centimes) VALUES ($1, 2026, $2, $3, $4)
     ON CONFLICT (territoire, annee) DO UPDATE SET seuil_q1_centimes = $2, seuil_q2_centimes = $3, seuil_q3_centimes = $4`,
    [territoire, q1 * 100, q2 === undefined ? null : q2 * 100, q3 === undefined ? null : q3 * 100],
  );
const candidat = (extra: Record<string, unknown>) => ({
  numeroSne: `SNE-${Math.random().toString(36).slice(2, 10)}`,
  rang: 1,
  tailleMenage: 4,
  prioritaire: false,
  ...extra,
});
const poster = async (propositionId: string, c: Record<string, unknown>) =>
  api.http
    .post(`/api/propositions/${propositionId}/candidats`)
    .set(await api.auth('CHARGE'))
    .send({ candidats: [c] });

describe('seuils de quartile : import CSV et liste (constat 14)', () => {
  it('la démo charge les seuils de ses EPCI soumis aux objectifs de quartile pour son année', async () => {
    const r = await api.http.get('/api/quartiles/seuils?annee=2026').set(await api.auth('CHARGE'));
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(3);
    for (const s of r.body) expect(s.seuilQ1Centimes).toBeLessThan(s.seuilQ2Centimes);
  });

  it('importe les seuils par EPCI et pour l’Île-de-France, les liste par année ; réimporter ne change rien', async () => {
    const csv =
      'territoire;annee;seuil_q1;seuil_q2;seuil_q3;arrete\n200046977;2025;10 440;16 000;23 500;Arrêté du 3 mars 2025\n11;2025;13267,50;;;Arrêté régional IDF 2025\n';
    const r = await importer(csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ importes: 2, crees: 2, remplaces: 0, inchanges: 0 });
    const liste = await api.http.get('/api/quartiles/seuils?annee=2025').set(await api.auth('RESERVATAIRE'));
    expect(liste.status).toBe(200);
    expect(liste.body).toEqual([
      {
        territoire: '11',
        annee: 2025,
        seuilQ1Centimes: 1326750,
        seuilQ2Centimes: null,
        seuilQ3Centimes: null,
        arrete: 'Arrêté régional IDF 2025',
      },
      {
        territoire: '200046977',
        annee: 2025,
        seuilQ1Centimes: 1044000,
        seuilQ2Centimes: 1600000,
        seuilQ3Centimes: 2350000,
        arrete: 'Arrêté du 3 mars 2025',
      },
    ]);
    expect((await importer(csv)).body).toMatchObject({ importes: 2, crees: 0, remplaces: 0, inchanges: 2 });
  });

  it('refuse le fichier entier avec les erreurs ligne par ligne, en français, sans rien écrire', async () => {
    const avant = await count(api.db, 'seuil_quartile');
    const csv = [
      'territoire;annee;seuil_q1;seuil_q2;seuil_q3',
      '12345;2024;10000;;',
      '200046977;2024;abc;;',
      '200046977;2024;10000;9000;20000',
      '200046978;2024;10000;12000;',
      '200046979;2024;10000;;',
      '200046979;2024;10500;;',
      '69;2024;10000;;',
    ].join('\n');
    const r = await importer(csv);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/aucun seuil de quartile importé/);
    expect(r.body.erreurs).toEqual([
      { champ: 'ligne 2, territoire', raison: expect.stringContaining('ni un SIREN') },
      { champ: 'ligne 3, seuil_q1', raison: expect.stringContaining('« abc »') },
      { champ: 'ligne 4, seuil_q2', raison: expect.stringContaining('supérieur au seuil du 1er quartile') },
      { champ: 'ligne 5, seuil_q3', raison: expect.stringContaining('vont ensemble') },
      { champ: 'ligne 7, territoire', raison: expect.stringContaining('en double (déjà ligne 6)') },
      { champ: 'ligne 8, territoire', raison: expect.stringContaining("seul l'Île-de-France (11)") },
    ]);
    expect(await count(api.db, 'seuil_quartile')).toBe(avant);
  });

  it('refuse un en-tête sans seuil_q1 (400) et un import par un autre rôle qu’ADMIN (403)', async () => {
    const r = await importer('territoire;annee\n200046977;2024\n');
    expect(r.status).toBe(400);
    expect(r.body.erreurs[0].raison).toMatch(/colonnes obligatoires manquantes : seuil_q1/);
    expect((await importer('territoire;annee;seuil_q1\n200046977;2024;10000\n', 'MANAGER')).status).toBe(403);
    expect((await api.http.get('/api/quartiles/seuils?annee=1999').set(await api.auth('CHARGE'))).status).toBe(400);
  });
});

describe('seuils de quartile : qui peut changer un seuil enregistré', () => {
  it('un seuil déjà enregistré ne change que par un administrateur de tous les bailleurs du territoire (403 les nommant) ; le même seuil se réimporte', async () => {
    const [{ id }] = await api.db.query(
      `INSERT INTO bailleur (nom, siren) VALUES ('Habitat Voisin', '999888777') RETURNING id`,
    );
    await api.db.query(
      `INSERT INTO logement (rpls_id, bailleur_id, commune, epci, departement, qpv, typologie, financement) VALUES ('VOISIN-1', $1, '96001', '200099990', '96', false, 'T3', 'PLUS')`,
      [id],
    );
    expect((await importer('territoire;annee;seuil_q1\n200099990;2026;10000\n')).body).toMatchObject({ crees: 1 });
    expect((await importer('territoire;annee;seuil_q1\n200099990;2026;10000\n')).body).toMatchObject({ inchanges: 1 });
    const change = await importer('territoire;annee;seuil_q1\n200099990;2026;11000\n');
    expect(change.status).toBe(403);
    expect(change.body.message).toMatch(/EPCI 200099990 \(aussi Habitat Voisin\)/);
    const [stored] = await api.db.query(
      `SELECT seuil_q1_centimes FROM seuil_quartile WHERE territoire = '200099990' AND annee = 2026`,
    );
    expect(stored.seuil_q1_centimes).toBe(1_000_000);
  });
});

describe('quartile d’un candidat (constat 14)', () => {
  it('calculé de ses ressources par unité de consommation contre les seuils de l’EPCI du logement', async () => {
    const { propositionId, epci } = await proposition();
    await seuils(epci, 10_440, 16_000, 23_500);
    // 4 personnes dont 2 enfants de moins de 14 ans = 2,1 UC ; 2 500 € × 12 ÷ 2,1 = 14 286 € par UC → 2e quartile.
    const r = await poster(propositionId, candidat({ ressourcesMensuelles: 2500, enfantsMoins14: 2 }));
    expect(r.status).toBe(200);
    expect(r.body.candidats[0].quartile).toBe(2);
    const [stored] = await api.db.query(`SELECT quartile FROM candidat WHERE proposition_id = $1`, [propositionId]);
    expect(stored.quartile).toBe(2);
  });

  it('un quartile saisi reste possible sans les ressources, ou sans seuil pour l’EPCI ; sans l’un ni l’autre, 400', async () => {
    const a = await proposition();
    await seuils(a.epci, 10_440, 16_000, 23_500);
    const sansRevenu = await poster(a.propositionId, candidat({ quartile: 4 }));
    expect(sansRevenu.status).toBe(200);
    expect(sansRevenu.body.candidats[0].quartile).toBe(4);

    const b = await proposition();
    await api.db.query(`DELETE FROM seuil_quartile WHERE territoire = $1 AND annee = 2026`, [b.epci]);
    const sansSeuil = await poster(
      b.propositionId,
      candidat({ quartile: 3, ressourcesMensuelles: 2500, enfantsMoins14: 2 }),
    );
    expect(sansSeuil.status).toBe(200);
    expect(sansSeuil.body.candidats[0].quartile).toBe(3);

    const c = await proposition();
    const rien = await poster(c.propositionId, candidat({}));
    expect(rien.status).toBe(400);
    expect(rien.body.erreurs).toEqual([
      { champ: 'candidats[0].quartile', raison: expect.stringContaining('obligatoire quand les ressources') },
    ]);
  });

  it('un quartile saisi qui contredit le calcul est refusé (400 nommant les deux), rien n’est écrit', async () => {
    const { propositionId, epci } = await proposition();
    await seuils(epci, 10_440, 16_000, 23_500);
    // 1 200 € × 12 ÷ 2,1 UC = 6 857 € par UC : 1er quartile.
    const r = await poster(propositionId, candidat({ quartile: 4, ressourcesMensuelles: 1200, enfantsMoins14: 2 }));
    expect(r.status).toBe(400);
    expect(r.body.erreurs).toHaveLength(1);
    expect(r.body.erreurs[0].champ).toBe('candidats[0].quartile');
    expect(r.body.erreurs[0].raison).toMatch(/le quartile saisi \(4\) contredit le quartile calculé \(1\)/);
    expect(r.body.erreurs[0].raison).toMatch(/6\s857\s€ par unité de consommation \(1\s200 € par mois × 12 ÷ 2,1 UC\)/);
    expect(r.body.erreurs[0].raison).toMatch(/l'EPCI /);
    expect(await api.db.query(`SELECT id FROM candidat WHERE proposition_id = $1`, [propositionId])).toEqual([]);
    const [p] = await api.db.query(`SELECT status FROM proposition WHERE id = $1`, [propositionId]);
    expect(p.status).toBe('EN_ATTENTE');
  });

  it('avec le seul seuil du 1er quartile : au-dessus, un quartile 2 à 4 saisi est gardé, 1 refusé', async () => {
    const a = await proposition();
    await seuils(a.epci, 10_440);
    const r = await poster(a.propositionId, candidat({ quartile: 3, ressourcesMensuelles: 2500, enfantsMoins14: 2 }));
    expect(r.status).toBe(200);
    expect(r.body.candidats[0].quartile).toBe(3);
    const b = await proposition();
    const un = await poster(b.propositionId, candidat({ quartile: 1, ressourcesMensuelles: 2500, enfantsMoins14: 2 }));
    expect(un.status).toBe(400);
    expect(un.body.erreurs[0].raison).toMatch(/quartile saisi \(1\) contredit le quartile calculé \(2 à 4\)/);
  });
});
