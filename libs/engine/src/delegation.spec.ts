import type { Delegation } from './domain';
import { attenteCandidats } from './delegation';

const delegation = (mode: Delegation['mode'], partDeleguee?: number): Delegation => ({
  mode,
  delaiJours: 30,
  candidatsMax: 3,
  retourCompte: false,
  ...(partDeleguee === undefined ? {} : { partDeleguee }),
});

describe('attenteCandidats : qui désigne les candidats', () => {
  it('DIRECTE attend toujours les candidats du réservataire, DELEGUEE jamais', () => {
    expect(attenteCandidats(delegation('DIRECTE'), { total: 0, delegues: 0 })).toBe(true);
    expect(attenteCandidats(delegation('DELEGUEE'), { total: 5, delegues: 5 })).toBe(false);
  });

  it('PARTIELLE à 50 % : un logement sur deux désigné par le bailleur, en commençant par lui', () => {
    const d = delegation('PARTIELLE', 0.5);
    const suite: boolean[] = [];
    let annee = { total: 0, delegues: 0 };
    for (let i = 0; i < 6; i++) {
      const attente = attenteCandidats(d, annee);
      suite.push(attente);
      annee = { total: annee.total + 1, delegues: annee.delegues + (attente ? 0 : 1) };
    }
    expect(suite).toEqual([false, true, false, true, false, true]);
  });

  it('PARTIELLE à 25 % : la part déléguée tient quel que soit le nombre de logements', () => {
    const d = delegation('PARTIELLE', 0.25);
    let annee = { total: 0, delegues: 0 };
    for (let i = 0; i < 40; i++)
      annee = { total: annee.total + 1, delegues: annee.delegues + (attenteCandidats(d, annee) ? 0 : 1) };
    expect(annee.delegues).toBe(10);
  });
});
