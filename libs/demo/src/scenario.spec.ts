import { generateDepartement } from './generate';
import { jourOuvre, plusJours } from './calendrier';
import { dateDemo, planifierScenario, plusGrandBailleur } from './scenario';

describe('planifierScenario (the demo year played up to a date)', () => {
  const demo = generateDepartement({ seed: 3, scale: 0.05 });

  it('plans every libération up to the date, and none after it, deterministically', () => {
    const plan = planifierScenario(demo, '2026-05-31');
    expect(plan.evenements.map((e) => e.liberation.id)).toEqual(
      demo.liberations.filter((l) => l.date <= '2026-05-31').map((l) => l.id),
    );
    expect(planifierScenario(demo, '2026-05-31')).toEqual(plan);
    expect(plan.bailleurDerogations).toBe(plusGrandBailleur(demo).id);
  });

  it('decides on working days: a flat freed on a weekend or a public holiday is decided after it', () => {
    const plan = planifierScenario(demo, '2026-12-31');
    const jours = plan.evenements.map((e) => plusJours(e.liberation.date, e.decisionApresJours));
    expect(jours.filter((j) => j <= '2026-12-31').every((j) => jourOuvre(j) === j)).toBe(true);
    // The year has flats freed on such days, so the check is not vacuous.
    expect(plan.evenements.some((e) => jourOuvre(e.liberation.date) !== e.liberation.date)).toBe(true);
  });

  it('draws each libération on its own stream: a later date does not change the earlier plans', () => {
    const court = planifierScenario(demo, '2026-03-31');
    const long = planifierScenario(demo, '2026-09-30');
    const semaine = plusJours('2026-03-31', -7);
    const stables = (p: typeof court) =>
      p.evenements
        .filter((e) => e.liberation.date <= semaine)
        .map((e) => ({ ...e, derogation: e.derogation?.motif ?? null }));
    expect(stables(long).slice(0, stables(court).length)).toEqual(stables(court));
  });

  it('overrides only at the bailleur with a manager, with a French comment, and leaves one awaiting approval', () => {
    const plan = planifierScenario(demo, '2026-10-15');
    // The last flats of the week decided by the date: the replay leaves pending the first whose alternative needs a manager.
    const enAttente = plan.evenements.filter((e) => e.derogation?.enAttente);
    expect(enAttente.length).toBeGreaterThanOrEqual(1);
    expect(enAttente.length).toBeLessThanOrEqual(3);
    for (const e of enAttente) {
      expect(e.liberation.date > plusJours('2026-10-15', -7)).toBe(true);
      expect(plusJours(e.liberation.date, e.decisionApresJours) <= '2026-10-15').toBe(true);
    }
    const derogations = plan.evenements.filter((e) => e.derogation);
    expect(derogations.length).toBeGreaterThanOrEqual(1);
    for (const e of derogations) {
      expect(e.bailleurId).toBe(plan.bailleurDerogations);
      expect(e.derogation!.commentaire).toMatch(/[a-zé]{4,}/);
    }
    expect(
      derogations.some(
        (e) =>
          plusJours(plusJours(e.liberation.date, e.decisionApresJours), e.derogation!.reponseApresJours) > '2026-10-15',
      ),
    ).toBe(true);
  });

  it.each(['2026-01-04', '2026-06-15', '2026-11-30', '2026-12-31'])(
    'leaves the chargé three flats of the week to orient at the largest bailleur (%s)',
    (jusquau) => {
      const plan = planifierScenario(demo, jusquau);
      const semaine = plusJours(jusquau, -7);
      const aOrienter = plan.evenements.filter(
        (e) =>
          e.bailleurId === plan.bailleurDerogations && plusJours(e.liberation.date, e.decisionApresJours) > jusquau,
      );
      const dansLaSemaine = plan.evenements.filter(
        (e) => e.bailleurId === plan.bailleurDerogations && e.liberation.date > semaine,
      ).length;
      // One decided flat of the week is kept for the manager's approvals page.
      expect(aOrienter.length).toBeGreaterThanOrEqual(Math.min(3, dansLaSemaine - 1));
      expect(dansLaSemaine).toBeGreaterThanOrEqual(1);
      // Only flats of the week wait, each to be decided after the demo's date.
      for (const e of aOrienter) expect(e.liberation.date > semaine).toBe(true);
    },
  );

  it('brings the demo date into the demo year', () => {
    expect(dateDemo(2026, null, '2026-11-29')).toBe('2026-11-29');
    expect(dateDemo(2026, '2026-06-30', '2027-02-01')).toBe('2026-06-30');
    expect(dateDemo(2026, null, '2027-02-01')).toBe('2026-12-31');
    expect(dateDemo(2026, '2025-12-01', '2026-11-29')).toBe('2026-01-01');
    expect(() => planifierScenario(demo, '31/12/2026')).toThrow('jusquau');
  });
});
