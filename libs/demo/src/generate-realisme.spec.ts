/** Full-scale realism targets of the demo département: patrimoine, turnover, conventions, profils. */
import { TYPOLOGIES, calculerAssiette, type Logement } from '@aiguillage/engine';
import { generateDepartement } from './generate';
import { summarize, formatSummary } from './summarize';
import { programmesNeufs } from './rotation';
import type { DemoDepartement } from './types';

describe('generateDepartement (full scale): realism targets', () => {
  let demo: DemoDepartement;
  let byId: Map<string, Logement>;
  beforeAll(() => {
    const t0 = process.hrtime.bigint();
    demo = generateDepartement({ seed: 2026 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // Printed, not asserted (shared machine).
    console.log(`generateDepartement full scale: ${ms.toFixed(0)} ms\n${formatSummary(summarize(demo))}`);
    byId = new Map(demo.logements.map((l) => [l.id, l]));
  });

  const kindOf = (reservataireId: string) => demo.reservataires.find((r) => r.id === reservataireId)!;
  const share = (xs: Logement[], f: (l: Logement) => boolean) => xs.filter(f).length / xs.length;

  it('has one large bailleur (~40 000 flats) and 3–4 of 2 000–10 000', () => {
    const sizes = demo.bailleurs
      .map((b) => demo.logements.filter((l) => l.bailleurId === b.id).length)
      .sort((a, b) => b - a);
    expect(sizes[0]).toBeGreaterThan(35_000);
    expect(sizes[0]).toBeLessThan(45_000);
    const mid = sizes.slice(1).filter((n) => n >= 2_000 && n <= 10_000);
    expect(mid.length).toBeGreaterThanOrEqual(3);
    expect(mid.length).toBeLessThanOrEqual(4);
  });

  it('groups 40 communes in 4–6 EPCIs, the préfecture holding the largest part of the stock', () => {
    expect(demo.epcis.length).toBeGreaterThanOrEqual(4);
    expect(demo.epcis.length).toBeLessThanOrEqual(6);
    const parCommune = new Map<string, number>();
    for (const l of demo.logements) parCommune.set(l.commune, (parCommune.get(l.commune) ?? 0) + 1);
    const sorted = [...parCommune.values()].sort((a, b) => b - a);
    expect(sorted[0] / demo.logements.length).toBeGreaterThan(0.35);
    expect(sorted[0]).toBeGreaterThan(2.5 * sorted[1]);
    for (const c of demo.communes) expect(c.tension).toBeGreaterThanOrEqual(0);
  });

  it('puts about 30 % of flats in QPV, concentrated in a few communes', () => {
    expect(share(demo.logements, (l) => l.qpv)).toBeGreaterThan(0.28);
    expect(share(demo.logements, (l) => l.qpv)).toBeLessThan(0.32);
    const communesQpv = new Set(demo.logements.filter((l) => l.qpv).map((l) => l.commune));
    expect(communesQpv.size).toBeLessThanOrEqual(8);
    // Mostly the 1960–1980 estates.
    const qpv = demo.logements.filter((l) => l.qpv);
    expect(share(qpv, (l) => l.anneeConstruction! >= 1960 && l.anneeConstruction! < 1980)).toBeGreaterThan(0.55);
  });

  it('weights typologies as the real stock, T3 most common', () => {
    const target = { T1: 0.06, T2: 0.2, T3: 0.38, T4: 0.27, T5: 0.08, T6: 0.01 };
    for (const t of TYPOLOGIES)
      expect(Math.abs(share(demo.logements, (l) => l.typologie === t) - target[t])).toBeLessThan(0.03);
    const counts = TYPOLOGIES.map((t) => demo.logements.filter((l) => l.typologie === t).length);
    expect(Math.max(...counts)).toBe(counts[2]);
  });

  it('mixes financements: mostly PLUS and pre-1977 codes kept, some PLAI/PLS, a few PLI', () => {
    const s = (f: string) => share(demo.logements, (l) => l.financement === f);
    expect(s('PLUS')).toBeGreaterThan(0.35);
    expect(s('PLAI')).toBeGreaterThan(0.05);
    expect(s('PLS')).toBeGreaterThan(0.02);
    expect(s('PLI')).toBeGreaterThan(0.005);
    expect(s('PLI')).toBeLessThan(0.05);
    for (const l of demo.logements) {
      if (l.financement === 'AUTRE')
        expect(['17', '50', '51', '52', '53', '54', '55', '99']).toContain(l.financementCode);
      else expect(l.financementCode).toBeNull();
      if (l.financementCode && l.financementCode !== '17') expect(l.anneeConstruction).toBeLessThan(1977);
    }
    const loyerM2 =
      demo.logements.reduce((a, l) => a + l.loyerCentimes! / 100 / l.surfaceM2!, 0) / demo.logements.length;
    expect(loyerM2).toBeGreaterThan(5);
    expect(loyerM2).toBeLessThan(7.5);
  });

  it('turns over about 9 % a year, T1 about twice T5, less in tense communes', () => {
    const neufs = programmesNeufs(demo);
    const relouables = demo.logements.filter((l) => !l.horsAssiette && !neufs.has(l.programmeId!));
    const freed = new Set(demo.liberations.filter((l) => l.kind === 'ROTATION').map((l) => l.logementId));
    const rate = (xs: Logement[]) => xs.filter((l) => freed.has(l.id)).length / xs.length;
    expect(rate(relouables)).toBeGreaterThan(0.085);
    expect(rate(relouables)).toBeLessThan(0.095);
    const ratio =
      rate(relouables.filter((l) => l.typologie === 'T1')) / rate(relouables.filter((l) => l.typologie === 'T5'));
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.5);
    const tension = new Map(demo.communes.map((c) => [c.insee, c.tension!]));
    expect(rate(relouables.filter((l) => tension.get(l.commune)! >= 0.6))).toBeLessThan(
      rate(relouables.filter((l) => tension.get(l.commune)! <= 0.3)),
    );
  });

  it('peaks libérations in summer (June–September)', () => {
    const perMonth = Array.from({ length: 12 }, () => 0);
    for (const l of demo.liberations.filter((x) => x.kind === 'ROTATION')) perMonth[Number(l.date.slice(5, 7)) - 1]++;
    const summer = (perMonth[5] + perMonth[6] + perMonth[7] + perMonth[8]) / 4;
    const rest = perMonth.filter((_, i) => i < 5 || i > 8).reduce((a, b) => a + b, 0) / 8;
    expect(summer / rest).toBeGreaterThan(1.12);
    expect([5, 6, 7, 8]).toContain(perMonth.indexOf(Math.max(...perMonth)));
    for (const e of demo.exercices) expect(e.saisonnalite[6]).toBeGreaterThan(e.saisonnalite[1]);
  });

  it('gives the préfet 30 % with 5 points of fonctionnaires, uniform per commune, a hors-QPV floor', () => {
    const etat = demo.conventions.filter((c) => kindOf(c.reservataireId).kind === 'ETAT');
    expect(etat).toHaveLength(demo.bailleurs.length);
    for (const c of etat) {
      expect(c.cible).toEqual({ type: 'TAUX', taux: 0.3 });
      expect(c.sousQuotas).toEqual([expect.objectContaining({ code: 'FONCTIONNAIRES', taux: 0.05 })]);
      expect(c.engagements.tauxUniformeParCommune).toBe(true);
      expect(c.engagements.horsQpv?.min).toBeGreaterThan(0.5);
      expect(c.engagements.horsQpv?.min).toBeLessThan(1);
      const e = demo.exercices.find((x) => x.bailleurId === c.bailleurId)!;
      const objectif = e.objectifs.find((o) => o.conventionId === c.id)!.objectif;
      expect(objectif).toBeLessThanOrEqual(0.3 * e.fluxARepartir);
    }
    expect(new Set(etat.map((c) => c.delegation.mode)).has('DELEGUEE')).toBe(true);
    expect(etat.filter((c) => c.delegation.mode === 'DELEGUEE').length).toBeGreaterThan(etat.length / 2);
  });

  it('keeps the sum of objectives within the flux to share', () => {
    for (const e of demo.exercices) {
      const sum = e.objectifs.reduce((a, o) => a + o.objectif, 0);
      expect(sum).toBeLessThanOrEqual(e.fluxARepartir);
      expect(sum).toBeGreaterThan(0.5 * e.fluxARepartir);
    }
  });

  it('gives Action Logement 15–25 %, DIRECTE with a 30-day délai', () => {
    const als = demo.conventions.filter((c) => kindOf(c.reservataireId).kind === 'ALS');
    expect(als).toHaveLength(demo.bailleurs.length);
    for (const c of als) {
      expect(c.cible.type === 'TAUX' && c.cible.taux >= 0.15 && c.cible.taux <= 0.25).toBe(true);
      expect(c.delegation).toEqual(expect.objectContaining({ mode: 'DIRECTE', delaiJours: 30 }));
    }
  });

  it('restricts commune conventions to their commune, within 20 % for loan guarantees', () => {
    const communes = demo.conventions.filter((c) => kindOf(c.reservataireId).kind === 'COMMUNE');
    expect(new Set(communes.map((c) => c.reservataireId)).size).toBeGreaterThanOrEqual(5);
    for (const c of communes) {
      const r = kindOf(c.reservataireId);
      expect(r.territoire.communes).toHaveLength(1);
      expect(c.territoire?.communes).toEqual(r.territoire.communes);
      if (c.contrepartie === 'GARANTIE_EMPRUNT') {
        expect(c.cible.type === 'TAUX' && c.cible.taux <= 0.2).toBe(true);
        const d = demo.detailObjectifs.find((x) => x.conventionId === c.id)!;
        expect(d.objectif - c.deficitReporte).toBeLessThanOrEqual(Math.round(0.2 * d.fluxTerritoire));
      }
    }
    expect(
      communes.some((c) => c.contrepartie !== 'GARANTIE_EMPRUNT' && c.cible.type === 'TAUX' && c.cible.taux > 0.2),
    ).toBe(true);
  });

  it('holds a few hundred identified DEFENSE flats, held by DEFENSE under a DEFENSE convention', () => {
    const defense = demo.reservataires.find((r) => r.kind === 'DEFENSE')!;
    const stock = demo.logements.filter((l) => l.stockDefense);
    expect(stock.length).toBeGreaterThanOrEqual(200);
    expect(stock.length).toBeLessThanOrEqual(500);
    for (const l of stock) expect(l.ancienReservataireId).toBe(defense.id);
    expect(demo.logements.filter((l) => l.ancienReservataireId === defense.id)).toHaveLength(stock.length);
    const freed = new Set(demo.liberations.map((l) => l.logementId));
    for (const b of new Set(stock.map((l) => l.bailleurId))) {
      const c = demo.conventions.find((x) => x.bailleurId === b && x.reservataireId === defense.id)!;
      expect(c.cible).toEqual({ type: 'TAUX', taux: 0 });
      // Its objective is the forecast turnover of its stock, outside the flux.
      const objectif = demo.exercices
        .find((e) => e.bailleurId === b)!
        .objectifs.find((o) => o.conventionId === c.id)!.objectif;
      const mine = stock.filter((l) => l.bailleurId === b);
      expect(objectif).toBeGreaterThan(0.06 * mine.length);
      expect(objectif).toBeLessThan(0.12 * mine.length);
      expect(Math.abs(mine.filter((l) => freed.has(l.id)).length - objectif)).toBeLessThan(4 * Math.sqrt(objectif) + 1);
    }
    const profil = demo.profils.find((p) => p.reservataireId === defense.id)!;
    const garrisons = new Set(stock.map((l) => l.commune));
    for (const d of profil.demandes) expect(garrisons.has(d.commune!)).toBe(true);
  });

  it('sets former stock holders consistent with the converted shares', () => {
    const neufs = programmesNeufs(demo);
    for (const c of demo.conventions) {
      const r = kindOf(c.reservataireId);
      if (c.cible.type !== 'TAUX' || r.kind === 'DEFENSE' || r.kind === 'COMMUNE') continue;
      const pool = demo.logements.filter(
        (l) =>
          l.bailleurId === c.bailleurId &&
          !l.stockDefense &&
          !neufs.has(l.programmeId!) &&
          (!r.territoire.epcis?.length || r.territoire.epcis.includes(l.epci!)),
      );
      expect(Math.abs(share(pool, (l) => l.ancienReservataireId === r.id) - c.cible.taux)).toBeLessThan(0.01);
    }
    for (const l of demo.logements.filter((x) => neufs.has(x.programmeId!))) expect(l.ancienReservataireId).toBeNull();
    // The old préfet stock sat in QPV estates more than the patrimoine does (what the reform corrects).
    const etat = demo.reservataires.find((r) => r.kind === 'ETAT')!;
    expect(
      share(
        demo.logements.filter((l) => l.ancienReservataireId === etat.id),
        (l) => l.qpv,
      ),
    ).toBeGreaterThan(0.38);
  });

  it('covers the convention variety: délégation and décompte modes, droits uniques, deficits, a mid-year expiry', () => {
    expect(new Set(demo.conventions.map((c) => c.delegation.mode))).toEqual(
      new Set(['DIRECTE', 'DELEGUEE', 'PARTIELLE']),
    );
    const decomptes = demo.conventions.map((c) => c.decompte.mode);
    expect(new Set(decomptes)).toEqual(new Set(['PROPOSITION', 'ATTRIBUTION', 'BAIL', 'MIXTE']));
    expect(decomptes.filter((m) => m === 'PROPOSITION').length).toBeGreaterThan(decomptes.length / 2);
    expect(decomptes.filter((m) => m === 'MIXTE')).toHaveLength(1);
    expect(demo.conventions.filter((c) => c.cible.type === 'DROITS_UNIQUES').length).toBeGreaterThanOrEqual(1);
    expect(demo.conventions.filter((c) => c.deficitReporte > 0).length).toBeGreaterThanOrEqual(3);
    const midYear = demo.conventions.filter(
      (c) => c.dateFin && c.dateFin > `${demo.annee}-01-01` && c.dateFin < `${demo.annee}-12-31`,
    );
    expect(midYear.length).toBeGreaterThanOrEqual(1);
    expect(demo.conventions.some((c) => c.engagements.q1HorsQpvMin === 0.25)).toBe(true);
    expect(demo.conventions.some((c) => c.engagements.typologies || c.engagements.qpv)).toBe(true);
  });

  it('profiles demand per réservataire: préfet poorer and more priority, communes on their own commune', () => {
    expect(demo.profils).toHaveLength(demo.reservataires.length);
    const profil = (kind: string) => demo.profils.find((p) => kindOf(p.reservataireId).kind === kind)!;
    expect(profil('ETAT').quartiles[0]).toBeGreaterThan(2 * profil('ALS').quartiles[0]);
    expect(profil('ETAT').prioritaires).toBeGreaterThan(profil('ALS').prioritaires);
    const demandeT = (kind: string, t: string) => {
      const p = profil(kind);
      return (
        p.demandes.filter((d) => d.typologie === t).reduce((a, d) => a + d.demandeurs, 0) /
        p.demandes.reduce((a, d) => a + d.demandeurs, 0)
      );
    };
    expect(demandeT('ALS', 'T2') + demandeT('ALS', 'T3')).toBeGreaterThan(
      demandeT('ETAT', 'T2') + demandeT('ETAT', 'T3'),
    );
    expect(demandeT('ETAT', 'T5') + demandeT('ETAT', 'T6')).toBeGreaterThan(
      demandeT('ALS', 'T5') + demandeT('ALS', 'T6'),
    );
    for (const p of demo.profils) {
      const r = kindOf(p.reservataireId);
      expect(Math.abs(p.quartiles.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      if (r.kind === 'COMMUNE') for (const d of p.demandes) expect(d.commune).toBe(r.territoire.communes![0]);
    }
  });

  it('withdraws sale plans, demolitions and the DEFENSE stock from the assiette, with rehousing where estates are demolished', () => {
    for (const e of demo.exercices) {
      expect(e.assiette.plansVente).toBeGreaterThan(0);
      if (e.assiette.demolitions > 0) expect(e.assiette.relogements.npnru).toBeGreaterThan(0);
      expect(e.assiette.tauxRotation).toBeGreaterThan(0.07);
      expect(e.assiette.tauxRotation).toBeLessThan(0.11);
      expect(e.fluxARepartir).toBeLessThan(calculerAssiette(e.assiette).fluxBrut);
    }
    for (const l of demo.logements.filter((x) => x.horsAssiette === 'DEMOLITION')) expect(l.qpv).toBe(true);
    void byId;
  });
});
