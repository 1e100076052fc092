import { generateDepartement } from '@aiguillage/demo';
import {
  BailleurRepository,
  ConventionRepository,
  ExerciceRepository,
  GeoRepository,
  insertDemo,
  LiberationRepository,
  LogementRepository,
  ProfilDemandeRepository,
  ProgrammeRepository,
  ReservataireRepository,
  SeuilQuartileRepository,
} from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';

jest.setTimeout(60_000);

const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);

describe('insertDemo', () => {
  const demo = generateDepartement({ seed: 7, scale: 0.05 });
  let db: IsolatedDatabase;
  let ds: DataSource;
  let elapsed: number;
  let counts: Awaited<ReturnType<typeof insertDemo>>;
  const bailleurIds = demo.bailleurs.map((b) => b.id);

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    ds = db.dataSource;
    const started = Date.now();
    counts = await insertDemo(ds, demo);
    elapsed = Date.now() - started;
    process.stdout.write(
      `insertDemo: ${demo.logements.length} logements, ${demo.liberations.length} libérations in ${elapsed} ms\n`,
    );
  });

  afterAll(() => db?.drop());

  it('writes every table of the demo, and the row counts match the generator', async () => {
    const count = async (table: string) => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    // Each count of the loader, the table it writes.
    const tables = {
      epcis: 'epci',
      communes: 'commune',
      qpvs: 'qpv',
      bailleurs: 'bailleur',
      reservataires: 'reservataire',
      programmes: 'programme',
      logements: 'logement',
      conventions: 'convention',
      profils: 'profil_demande',
      exercices: 'exercice',
      liberations: 'liberation',
    } satisfies Record<keyof typeof counts, string>;
    const cles = Object.keys(tables) as Array<keyof typeof tables>;
    const expected = Object.fromEntries(cles.map((k) => [k, demo[k].length]));
    expect(counts).toEqual(expected);
    const written = Object.fromEntries(await Promise.all(cles.map(async (k) => [k, await count(tables[k])])));
    expect(written).toEqual(expected);
    expect(await count('profil_demande_ligne')).toBe(demo.profils.reduce((n, p) => n + p.demandes.length, 0));
    expect(await count('exercice_objectif')).toBe(demo.exercices.reduce((n, x) => n + x.objectifs.length, 0));
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
  });

  it('reads back, through the repositories, exactly the generated domain objects', async () => {
    expect((await new BailleurRepository(ds).findBailleurs(bailleurIds)).sort(byId)).toEqual(
      [...demo.bailleurs].sort(byId),
    );
    expect(await new GeoRepository(ds).findCommunes(demo.departement.code)).toEqual(
      [...demo.communes].sort((a, b) => a.insee.localeCompare(b.insee)),
    );
    expect(await new GeoRepository(ds).findEpcis(demo.departement.code)).toEqual(
      [...demo.epcis].sort((a, b) => a.siren.localeCompare(b.siren)),
    );
    const conventionnes = new Set(demo.conventions.map((c) => c.reservataireId));
    expect((await new ReservataireRepository(ds).findReservataires({ bailleurIds })).sort(byId)).toEqual(
      demo.reservataires.filter((r) => conventionnes.has(r.id)).sort(byId),
    );
    for (const r of demo.reservataires)
      expect(await new ReservataireRepository(ds).findReservataireById(r.id)).toEqual(r);
    expect((await new ConventionRepository(ds).findConventions({ bailleurIds })).sort(byId)).toEqual(
      // (the generator may round a deficit to -0; the database has no negative zero)
      demo.conventions.map((c) => ({ ...c, deficitReporte: c.deficitReporte + 0 })).sort(byId),
    );
    const exercices = await new ExerciceRepository(ds).findExercices({ bailleurIds, annee: demo.annee });
    const sortObjectifs = (x: (typeof exercices)[number]) => ({
      ...x,
      objectifs: [...x.objectifs].sort((a, b) => a.conventionId.localeCompare(b.conventionId)),
    });
    expect(exercices.sort(byId)).toEqual([...demo.exercices].map(sortObjectifs).sort(byId));
    const profils = await new ProfilDemandeRepository(ds).findProfils({
      reservataireIds: demo.reservataires.map((r) => r.id),
      annee: demo.annee,
    });
    const byReservataire = (a: { reservataireId: string }, b: { reservataireId: string }) =>
      a.reservataireId.localeCompare(b.reservataireId);
    expect(profils.sort(byReservataire)).toEqual([...demo.profils].sort(byReservataire));
    expect(await new SeuilQuartileRepository(ds).lister(demo.annee)).toEqual(
      [...demo.seuilsQuartiles].sort((x, y) => x.territoire.localeCompare(y.territoire)),
    );
    const programmes = await new ProgrammeRepository(ds).findProgrammes({ bailleurIds });
    expect(programmes.map(({ code: _code, ...p }) => p).sort(byId)).toEqual([...demo.programmes].sort(byId));

    const logements = await Promise.all(
      demo.bailleurs.map((b) => new LogementRepository(ds).findAllLogements(b.id, demo.departement.code)),
    );
    expect(logements.flat().sort(byId)).toEqual([...demo.logements].sort(byId));
    const liberations = await new LiberationRepository(ds).findLiberations({ bailleurIds, limit: 1000 });
    expect(liberations.total).toBe(demo.liberations.length);
    expect(liberations.items.map(({ bailleurId: _b, ...l }) => l).sort(byId)).toEqual([...demo.liberations].sort(byId));
  });

  it('can be loaded again (same seed) without changing or duplicating the patrimoine', async () => {
    const { liberations: _liberations, ...sansLiberations } = demo;
    const again = await insertDemo(ds, { ...sansLiberations, liberations: [] });
    expect(again.logements).toBe(demo.logements.length);
    expect((await ds.query(`SELECT count(*)::int AS n FROM logement`))[0].n).toBe(demo.logements.length);
  });

  it('is all or nothing', async () => {
    const extra = { ...demo.logements[0], id: '00000000-0000-4000-8000-000000000001', rplsId: 'EXTRA-1' };
    const broken = {
      ...demo,
      logements: [...demo.logements, extra],
      conventions: demo.conventions.map((c) => ({ ...c, deficitReporte: 99 })),
      liberations: [
        {
          ...demo.liberations[0],
          id: '00000000-0000-4000-8000-000000000002',
          logementId: '00000000-0000-4000-8000-000000000000',
        },
      ],
    };
    await expect(insertDemo(ds, broken)).rejects.toThrow('1 libération(s) visent un logement inconnu');
    expect((await ds.query(`SELECT count(*)::int AS n FROM logement`))[0].n).toBe(demo.logements.length);
    expect((await ds.query(`SELECT count(*)::int AS n FROM convention WHERE deficit_reporte = 99`))[0].n).toBe(0);
  });

  it('refuses another demo whose bailleurs reuse the SIRENs under other ids', async () => {
    const autre = generateDepartement({ seed: 8, scale: 0.05 });
    await expect(insertDemo(ds, autre)).rejects.toThrow(
      `le SIREN ${autre.bailleurs[0].siren} est déjà celui d'un autre bailleur`,
    );
  });
});
