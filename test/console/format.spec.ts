import { changementsFr } from '../../apps/console/src/format';

describe('the decision panel says in French what moved since its recommendation', () => {
  it.each([
    [1, 1, '1 décision'],
    [2, 2, '2 décisions'],
    [1, 5, '1 décision et 4 autres changements'],
    [1, 2, '1 décision et 1 autre changement'],
    [0, 3, '3 changements'],
  ])('%i décision(s) among %i changes: « %s »', (decisionsDepuis, changementsDepuis, texte) => {
    expect(changementsFr({ decisionsDepuis, changementsDepuis })).toBe(texte);
  });

  it('says nothing when nothing moved or the count is unknown', () => {
    expect(changementsFr({ decisionsDepuis: 0, changementsDepuis: 0 })).toBeNull();
    expect(changementsFr({ decisionsDepuis: null, changementsDepuis: null })).toBeNull();
  });
});
