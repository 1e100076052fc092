/** Structure of the demo département at small scale: determinism, ids, references, dates, options. */
import { TYPOLOGIES, calculerAssiette } from '@aiguillage/engine';
import { generateDepartement } from './generate';
import { summarize, formatSummary } from './summarize';
import { offrePrevue, programmesNeufs } from './rotation';
import { isValidSiren } from './referentiel';
import type { DemoDepartement } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('generateDepartement (small scale)', () => {
  const SCALE = 0.05;
  let demo: DemoDepartement;
  beforeAll(() => {
    demo = generateDepartement({ seed: 11, scale: SCALE });
  });

  it('is deterministic: same options → deep-equal output; another seed → another département', () => {
    expect(generateDepartement({ seed: 11, scale: SCALE })).toEqual(demo);
    const other = generateDepartement({ seed: 12, scale: SCALE });
    expect(other.logements[0].id).not.toBe(demo.logements[0].id);
    expect(other.liberations.map((l) => l.date)).not.toEqual(demo.liberations.map((l) => l.date));
    // The map is fixed; the patrimoine and the year are drawn.
    expect(other.communes).toEqual(demo.communes);
  });

  it('gives the year’s quartile thresholds to the EPCIs subject to the quartile objectives, increasing (issue 9, finding 14)', () => {
    const soumis = new Set(
      demo.epcis
        .filter((e) => ['Chantevière', 'Montargel', 'Vernelle'].some((n) => e.nom.includes(n)))
        .map((e) => e.siren),
    );
    expect(new Set(demo.seuilsQuartiles.map((s) => s.territoire))).toEqual(soumis);
    for (const s of demo.seuilsQuartiles) {
      expect(s.annee).toBe(demo.annee);
      expect(s.seuilQ1Centimes).toBeLessThan(s.seuilQ2Centimes!);
      expect(s.seuilQ2Centimes).toBeLessThan(s.seuilQ3Centimes!);
    }
  });

  it('uses unique UUIDs for every entity and unique 10-digit RPLS ids', () => {
    const ids = [
      ...demo.bailleurs,
      ...demo.programmes,
      ...demo.logements,
      ...demo.reservataires,
      ...demo.conventions,
      ...demo.exercices,
      ...demo.liberations,
    ].map((x) => x.id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    const rpls = demo.logements.map((l) => l.rplsId);
    for (const r of rpls) expect(r).toMatch(/^\d{10}$/);
    expect(new Set(rpls).size).toBe(rpls.length);
  });

  it('uses plausible codes: INSEE under the département, Luhn-valid SIRENs, QPV codes QN0xxxxx', () => {
    expect(demo.departement.code).toBe('96');
    expect(demo.communes).toHaveLength(40);
    for (const c of demo.communes) expect(c.insee).toMatch(/^96\d{3}$/);
    expect(new Set(demo.communes.map((c) => c.insee)).size).toBe(40);
    for (const e of demo.epcis) expect(isValidSiren(e.siren)).toBe(true);
    for (const b of demo.bailleurs) expect(isValidSiren(b.siren)).toBe(true);
    for (const q of demo.qpvs) expect(q.code).toMatch(/^QN0\d{5}$/);
  });

  it('keeps every reference consistent', () => {
    const bailleurs = new Set(demo.bailleurs.map((b) => b.id));
    const programmes = new Map(demo.programmes.map((p) => [p.id, p]));
    const communes = new Map(demo.communes.map((c) => [c.insee, c]));
    const qpvs = new Map(demo.qpvs.map((q) => [q.code, q]));
    const reservataires = new Set(demo.reservataires.map((r) => r.id));
    for (const l of demo.logements) {
      expect(bailleurs.has(l.bailleurId)).toBe(true);
      const p = programmes.get(l.programmeId!)!;
      expect(p.bailleurId).toBe(l.bailleurId);
      expect(p.commune).toBe(l.commune);
      expect(communes.get(l.commune)!.epci).toBe(l.epci);
      if (l.qpv) expect(qpvs.get(l.qpvCode!)!.commune).toBe(l.commune);
      else expect(l.qpvCode).toBeNull();
      if (l.ancienReservataireId) expect(reservataires.has(l.ancienReservataireId)).toBe(true);
      expect(l.loyerCentimes).toBeGreaterThan(0);
      expect(Number.isInteger(l.loyerCentimes)).toBe(true);
    }
    for (const c of demo.conventions) {
      expect(bailleurs.has(c.bailleurId)).toBe(true);
      expect(reservataires.has(c.reservataireId)).toBe(true);
    }
    for (const e of demo.exercices) {
      const mine = demo.conventions.filter((c) => c.bailleurId === e.bailleurId).map((c) => c.id);
      expect(e.objectifs.map((o) => o.conventionId).sort()).toEqual(mine.sort());
    }
    const logements = new Set(demo.logements.map((l) => l.id));
    for (const l of demo.liberations) expect(logements.has(l.logementId)).toBe(true);
  });

  it('dates the libérations within the year, in order, never for flats being sold or demolished', () => {
    const byId = new Map(demo.logements.map((l) => [l.id, l]));
    const dates = demo.liberations.map((l) => l.date);
    for (const d of dates) {
      expect(d).toMatch(ISO);
      expect(d.startsWith(`${demo.annee}-`)).toBe(true);
      expect(Number.isNaN(Date.parse(`${d}T00:00:00Z`))).toBe(false);
    }
    expect([...dates].sort()).toEqual(dates);
    for (const l of demo.liberations) expect(byId.get(l.logementId)!.horsAssiette ?? null).toBeNull();
    expect(new Set(demo.liberations.map((l) => l.logementId)).size).toBe(demo.liberations.length);
  });

  it('lets every flat of a programme delivered this year once, as NEUF, and keeps them out of the assiette', () => {
    const neufs = programmesNeufs(demo);
    expect(neufs.size).toBeGreaterThan(0);
    const flatsNeufs = demo.logements.filter((l) => neufs.has(l.programmeId!));
    const libsNeuf = demo.liberations.filter((l) => l.kind === 'NEUF');
    expect(libsNeuf.map((l) => l.logementId).sort()).toEqual(flatsNeufs.map((l) => l.id).sort());
    for (const l of libsNeuf) expect(l.motif).toBe('PREMIERE_MISE_EN_LOCATION');
    for (const e of demo.exercices) {
      const existants = demo.logements.filter((l) => l.bailleurId === e.bailleurId && !neufs.has(l.programmeId!));
      expect(e.assiette.logements).toBe(existants.length);
    }
  });

  it('builds coherent exercices: assiette arithmetic, 12-month seasonality summing to 1', () => {
    for (const e of demo.exercices) {
      expect(calculerAssiette(e.assiette).fluxARepartir).toBe(e.fluxARepartir);
      expect(e.saisonnalite).toHaveLength(12);
      expect(Math.abs(e.saisonnalite.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      expect(e.annee).toBe(demo.annee);
    }
  });

  it('summarizes with counts that match the arrays', () => {
    const s = summarize(demo);
    expect(s.logements).toBe(demo.logements.length);
    expect(s.conventions).toBe(demo.conventions.length);
    expect(s.liberations.total).toBe(demo.liberations.length);
    expect(Object.values(s.typologies).reduce((a, b) => a + b, 0)).toBe(demo.logements.length);
    expect(s.bailleurs.map((b) => b.logements).reduce((a, b) => a + b, 0)).toBe(demo.logements.length);
    expect(formatSummary(s)).toContain('Val-de-Loirette');
  });

  it('forecasts each bailleur’s supply by commune × EPCI × QPV × typologie', () => {
    const neufs = programmesNeufs(demo);
    const epciOf = new Map(demo.communes.map((c) => [c.insee, c.epci]));
    for (const b of demo.bailleurs) {
      const offre = offrePrevue(demo, b.id);
      const e = demo.exercices.find((x) => x.bailleurId === b.id)!;
      const total = offre.reduce((a, o) => a + o.nombre, 0);
      const patrimoineFlux =
        e.assiette.logements - e.assiette.stockDefense - e.assiette.plansVente - e.assiette.demolitions;
      // The expected turnover of the assiette is what its forecast rate (rounded to 0.001) says.
      expect(Math.abs(total - patrimoineFlux * e.assiette.tauxRotation)).toBeLessThanOrEqual(
        patrimoineFlux * 0.0005 + 0.05,
      );
      for (const o of offre) {
        expect(TYPOLOGIES).toContain(o.typologie);
        expect(o.epci).toBe(epciOf.get(o.commune));
        expect(o.nombre).toBeGreaterThan(0);
      }
      const nouveaux = demo.logements.filter((l) => l.bailleurId === b.id && neufs.has(l.programmeId!)).length;
      const avecNeuf = offrePrevue(demo, b.id, { neuf: true }).reduce((a, o) => a + o.nombre, 0);
      expect(avecNeuf - total).toBeCloseTo(nouveaux, 1);
    }
  });

  it('rejects bad options with a French message naming the field', () => {
    expect(() => generateDepartement({ scale: 0 })).toThrow(/^scale : .*strictement positif/);
    expect(() => generateDepartement({ scale: Number.NaN })).toThrow(/^scale/);
    expect(() => generateDepartement({ annee: 2020.5 })).toThrow(/^annee : .*année entière/);
    expect(() => generateDepartement({ seed: Number.POSITIVE_INFINITY })).toThrow(/^seed : .*nombre fini/);
    expect(() => generateDepartement({ prudence: 0.2 })).toThrow(
      /^prudence : « 0.2 » doit être un nombre entre 0,5 et 1,5/,
    );
  });

  it('forecasts prudently on demand: the same year, its turnover and supply forecast × the prudence (issue 14, item 2)', () => {
    const prudent = generateDepartement({ seed: 11, scale: SCALE, prudence: 0.9 });
    expect(prudent.liberations).toEqual(demo.liberations);
    expect(prudent.parametres.prudence).toBe(0.9);
    for (const b of demo.bailleurs) {
      const e = demo.exercices.find((x) => x.bailleurId === b.id)!;
      const p = prudent.exercices.find((x) => x.bailleurId === b.id)!;
      expect(Math.abs(p.assiette.tauxRotation - 0.9 * e.assiette.tauxRotation)).toBeLessThanOrEqual(0.0011);
      const total = (d: typeof demo) => offrePrevue(d, b.id).reduce((a, o) => a + o.nombre, 0);
      expect(total(prudent)).toBeCloseTo(0.9 * total(demo), 0);
    }
    // Fewer flats forecast to share: smaller percentage objectives.
    const objectifs = (d: typeof demo) => d.exercices.flatMap((x) => x.objectifs).reduce((a, o) => a + o.objectif, 0);
    expect(objectifs(prudent)).toBeLessThan(objectifs(demo) * 0.95);
  });

  it('generates another year on demand', () => {
    const d = generateDepartement({ seed: 11, scale: 0.02, annee: 2028 });
    expect(d.exercices.every((e) => e.annee === 2028)).toBe(true);
    expect(d.liberations.every((l) => l.date.startsWith('2028-'))).toBe(true);
  });
});
