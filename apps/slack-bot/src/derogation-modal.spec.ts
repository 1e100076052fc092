import { avertissementsApprobation } from './derogation-modal';

describe('avertissementsApprobation', () => {
  const retard = 'La convention recommandée (Préfet — convention CONV-ETAT) est en retard de 2 logements';

  it('says a reason every destination shares once, then what each adds, and which go through at once', () => {
    const texte = avertissementsApprobation(
      ['Action Logement — convention CONV-ALS', 'Part du bailleur', 'Commune de X — convention CONV-COM'],
      [
        [
          retard,
          'La convention choisie (Action Logement — convention CONV-ALS) a déjà atteint sa progression attendue',
        ],
        [retard],
        [retard],
      ],
    );
    expect(texte.split('\n')).toEqual([
      `Pour toute destination, approbation d'un responsable requise : ${retard}`,
      '• *Action Logement — convention CONV-ALS* : de plus, la convention choisie (Action Logement — convention CONV-ALS) a déjà atteint sa progression attendue',
    ]);
  });

  it('without a shared reason, names each destination with its own', () => {
    const texte = avertissementsApprobation(['Part du bailleur', 'Usage exclu : mutation interne'], [[retard], []]);
    expect(texte.split('\n')).toEqual([
      `• *Part du bailleur* : approbation d'un responsable requise : ${retard}`,
      '• *Usage exclu : mutation interne* : orientée aussitôt',
    ]);
  });

  it('escapes what Slack reserves', () => {
    expect(avertissementsApprobation(['A & <B>'], [[]])).toBe('• *A &amp; &lt;B&gt;* : orientée aussitôt');
  });
});
