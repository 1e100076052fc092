import { emptyProgress } from '../progress';
import { conventionDeTest } from '../testing/convention';
import { logementDeTest } from '../testing/logement';
import { classerCandidats } from './classement-cal';

const logementQpv = logementDeTest('l1', '75101', { qpv: true });
const convention = conventionDeTest({ reference: 'CONV-ALS' });
// Two attributions in QPV, both quartile 2, no priority household: both targets still want more.
const progress = {
  ...emptyProgress('c1', 10),
  attributions: 2,
  attributionsQpv: 2,
  attributionsQpvQ234: 2,
};

describe('classerCandidats', () => {
  it('passe le ménage prioritaire devant, en ne motivant que ce que l’autre candidat ne couvre pas', () => {
    const rangs = classerCandidats(
      [
        { quartile: 2, prioritaire: false },
        { quartile: 3, prioritaire: true },
      ],
      logementQpv,
      convention,
      progress,
      'Action Logement Services',
    );
    expect(rangs.map((r) => [r.indice, r.rang])).toEqual([
      [1, 1],
      [0, 2],
    ]);
    // Both are quartiles 2 to 4: that need does not explain the change of order.
    expect(rangs[0].motifs).toEqual([
      'Ménage prioritaire : Action Logement Services en a 0 sur 2 (0 %), objectif 25 % (convention CONV-ALS)',
    ]);
    expect(rangs[1].motifs).toEqual([]);
  });

  it('dit d’un réservataire sans attribution qu’il n’en a encore aucune ; garde son ordre sans ménage prioritaire', () => {
    const horsQpv = logementDeTest('l2', '75101');
    const [premier, second] = classerCandidats(
      [
        { quartile: 2, prioritaire: false },
        { quartile: 2, prioritaire: true },
      ],
      horsQpv,
      convention,
      emptyProgress('c1', 10),
      'Ville de Paris',
    );
    expect(premier).toEqual({
      indice: 1,
      rang: 1,
      motifs: [
        "Ménage prioritaire : Ville de Paris n'a encore aucune attribution, objectif 25 % (convention CONV-ALS)",
      ],
    });
    expect(second.motifs).toEqual([]);
    const garde = classerCandidats(
      [
        { quartile: 2, prioritaire: false },
        { quartile: 3, prioritaire: false },
      ],
      horsQpv,
      convention,
      emptyProgress('c1', 10),
      'Ville de Paris',
    );
    expect(garde).toEqual([
      { indice: 0, rang: 1, motifs: [] },
      { indice: 1, rang: 2, motifs: [] },
    ]);
  });
});
