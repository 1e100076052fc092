/**
 * Issue 9 through the API, finding 4: a typed figure (an exercice's flux to share, a convention's
 * objective) differing from the computed one needs a recorded reason, and is shown beside it.
 */
import { calculerAssiette, type Convention, type Exercice, type Reservataire } from '@aiguillage/engine';
import { createTestApi, type TestApi } from '../api/api-test-app';

jest.setTimeout(60_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 60_000);

interface ChiffreSaisi {
  champ: string;
  conventionId?: string;
  saisi: number;
  calcule: number;
  ecart: boolean;
  motif: string | null;
}

async function modele(): Promise<Omit<Exercice, 'id'>> {
  const [exercice]: Exercice[] = (
    await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(await api.auth('MANAGER'))
  ).body;
  const { id: _id, ...body } = exercice;
  return body;
}

async function prefet(): Promise<Convention> {
  const headers = await api.auth('MANAGER');
  const reservataires: Reservataire[] = (await api.http.get('/api/reservataires').set(headers)).body;
  const conventions: Convention[] = (await api.http.get('/api/conventions').set(headers)).body;
  const etat = reservataires.find((r) => r.kind === 'ETAT')!;
  return conventions.find((c) => c.reservataireId === etat.id && c.bailleurId === api.bailleurId)!;
}

const exercices2028 = async () =>
  Number((await api.db.query('SELECT count(*)::int AS n FROM exercice WHERE annee = 2028'))[0].n);

describe('chiffres saisis contrôlés contre le calcul (constat 4)', () => {
  it('un flux à répartir de 9 999 contre une assiette qui en donne moins : 400 nommant le champ et les deux chiffres, rien d’écrit', async () => {
    const headers = await api.auth('MANAGER');
    const body = await modele();
    const calcule = calculerAssiette(body.assiette).fluxARepartir;
    expect(body.fluxARepartir).toBe(calcule);
    const refus = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, annee: 2028, fluxARepartir: 9999, objectifs: [] });
    expect(refus.status).toBe(400);
    expect(refus.body.erreurs).toEqual([
      {
        champ: 'fluxARepartir',
        raison: expect.stringMatching(
          new RegExp(
            `^flux à répartir : 9\\s999 saisis, ${calcule.toLocaleString('fr-FR').replace(/\s/g, '\\s')} calculés .*motif \\(fluxARepartirMotif\\)`,
          ),
        ),
      },
    ]);
    expect(await exercices2028()).toBe(0);
  });

  it('un objectif du préfet de 2 000 sans motif : 400 nommant la convention et les deux chiffres ; avec motif, enregistré et montré à côté du calcul', async () => {
    const headers = await api.auth('MANAGER');
    const body = await modele();
    const convention = await prefet();
    const sans = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, annee: 2028, objectifs: [{ conventionId: convention.id, objectif: 2000 }] });
    expect(sans.status).toBe(400);
    expect(sans.body.erreurs).toEqual([
      {
        champ: 'objectifs.0.objectif',
        raison: expect.stringMatching(
          new RegExp(
            `^objectif de la convention ${convention.reference} \\(.+\\) : 2\\s000 saisis, [\\d\\s,]+ calculés .*motif \\(objectifs\\.0\\.motif\\)`,
          ),
        ),
      },
    ]);
    expect(await exercices2028()).toBe(0);

    const motifFlux = 'Livraison anticipée de deux résidences, rotation revue en comité';
    const motifObjectif = 'Rattrapage demandé par la préfecture (courrier du 12 janvier)';
    const avec = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({
        ...body,
        annee: 2028,
        fluxARepartir: body.fluxARepartir + 40,
        fluxARepartirMotif: motifFlux,
        objectifs: [{ conventionId: convention.id, objectif: 2000, motif: motifObjectif }],
      });
    expect(avec.status).toBe(201);
    expect(avec.body.fluxARepartirMotif).toBe(motifFlux);
    expect(avec.body.objectifs).toEqual([{ conventionId: convention.id, objectif: 2000, motif: motifObjectif }]);

    const lu = await api.http.get(`/api/exercices/${avec.body.id}`).set(headers);
    expect(lu.status).toBe(200);
    const chiffres: ChiffreSaisi[] = lu.body.chiffresSaisis;
    expect(chiffres.find((c) => c.champ === 'fluxARepartir')).toEqual(
      expect.objectContaining({
        saisi: body.fluxARepartir + 40,
        calcule: calculerAssiette(body.assiette).fluxARepartir,
        ecart: true,
        motif: motifFlux,
      }),
    );
    const objectif = chiffres.find((c) => c.conventionId === convention.id)!;
    expect(objectif).toEqual(
      expect.objectContaining({ champ: 'objectifs.0.objectif', saisi: 2000, ecart: true, motif: motifObjectif }),
    );
    // The préfet's 30 % of the flux in force, its validity and carried deficit: far below 2 000.
    expect(objectif.calcule).toBeGreaterThan(0);
    expect(objectif.calcule).toBeLessThanOrEqual(
      0.3 * (body.fluxARepartir + 40) + Math.max(0, convention.deficitReporte) + 1e-6,
    );

    // The computed figure typed as is needs no reason (and no reason is kept).
    const aFluxCalcule = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({
        ...body,
        annee: 2028,
        objectifs: [{ conventionId: convention.id, objectif: 2000, motif: motifObjectif }],
      });
    expect(aFluxCalcule.status).toBe(201);
    const calcule = (
      (await api.http.get(`/api/exercices/${aFluxCalcule.body.id}`).set(headers)).body.chiffresSaisis as ChiffreSaisi[]
    ).find((c) => c.conventionId === convention.id)!.calcule;
    const egal = await api.http
      .post('/api/exercices')
      .set(headers)
      .send({ ...body, annee: 2028, objectifs: [{ conventionId: convention.id, objectif: Math.round(calcule) }] });
    expect(egal.status).toBe(201);
    expect(egal.body.fluxARepartirMotif).toBeUndefined();
    const relu: ChiffreSaisi[] = (await api.http.get(`/api/exercices/${egal.body.id}`).set(headers)).body
      .chiffresSaisis;
    expect(relu.every((c) => !c.ecart && c.motif === null)).toBe(true);
  });
});
