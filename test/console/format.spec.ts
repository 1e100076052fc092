import { changementsFr, decompteFr } from '../../apps/console/src/format';

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

describe('the progress tables say what the réalisé counts when it is not the flats proposed', () => {
  const progress = { propositions: 27, attributions: 26, baux: 1 };
  it.each([
    ['PROPOSITION', null, null],
    [undefined, null, null],
    ['ATTRIBUTION', null, 'compte les attributions en CAL'],
    ['BAIL', null, 'compte les baux signés'],
    [
      'MIXTE',
      { proposition: 0.5, attribution: 0.3, bail: 0.2 },
      'compte mixte : 50 % de 27 propositions, 30 % de 26 attributions, 20 % de 1 bail',
    ],
    ['MIXTE', null, 'compte mixte, à parts égales : 27 propositions, 26 attributions, 1 bail'],
  ])('%s %j: « %s »', (decompte, poidsDecompte, texte) => {
    expect(decompteFr({ decompte, poidsDecompte, progress })).toBe(texte);
  });
});
