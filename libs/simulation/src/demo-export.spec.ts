import { generateDepartement, offrePrevue } from '@aiguillage/demo';
import { largestBailleur, syntheticState } from './latency';
import { parseScenario } from './loader';
import { scenarioFromDepartement } from './demo-export';

describe('the demo département as a scenario', () => {
  const demo = generateDepartement({ seed: 3, scale: 0.05 });

  it('exports a document the schema and the loader accept', () => {
    const scenario = scenarioFromDepartement(demo, { offrePrevue: (id) => offrePrevue(demo, id) });
    const parsed = parseScenario(JSON.parse(JSON.stringify(scenario)));
    expect(parsed.bailleurs).toHaveLength(demo.bailleurs.length);
    expect(parsed.liberations).toHaveLength(demo.liberations.length);
    expect(parsed.offresPrevues!.length).toBeGreaterThan(0);
    expect(parsed.seed).toBe(3);
  });

  it('keeps only the bailleurs asked for, and refuses an unknown one in French', () => {
    const one = demo.bailleurs[1].id;
    const scenario = scenarioFromDepartement(demo, { bailleurIds: [one] });
    expect(scenario.exercices.map((e) => e.bailleurId)).toEqual([one]);
    expect(scenario.conventions.every((c) => c.bailleurId === one)).toBe(true);
    expect(scenario.logements.every((l) => l.bailleurId === one)).toBe(true);
    expect(() => scenarioFromDepartement(demo, { bailleurIds: ['inconnu'] })).toThrow(
      'bailleur : « inconnu » inconnu dans le département généré',
    );
  });

  it('builds mid-year states of any size for latency measurements', () => {
    const { state, flats } = syntheticState(demo, 120);
    expect(state.conventions).toHaveLength(120);
    expect(new Set(state.conventions.map((c) => c.id)).size).toBe(120);
    expect(state.exercice.bailleurId).toBe(largestBailleur(demo));
    const oriented = Object.values(state.progress).reduce((s, p) => s + p.propositions, 0);
    expect(oriented).toBeGreaterThan(0);
    expect(flats.every((f) => f.date > `${state.exercice.annee}-06-30`)).toBe(true);
  });
});
