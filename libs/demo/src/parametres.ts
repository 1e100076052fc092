/**
 * Realism parameters of the demo département. Each figure is documented with its source in
 * docs/demo-generator.md ("order of magnitude" where the national figure is approximate).
 */
import type { MotifLiberation, Typologie } from '@aiguillage/engine';

/** Share of social flats in QPV (SDES RPLS / ANCT: about 30 % of the social stock). */
export const PART_QPV_CIBLE = 0.3;

/** Typologie mix of the stock (SDES RPLS 1/1/2023, order of magnitude). */
export const TYPOLOGIE_POIDS: Record<Typologie, number> = { T1: 6, T2: 20, T3: 38, T4: 27, T5: 8, T6: 1 };

export type Epoque = 'AVANT_1960' | '1960_1979' | '1980_1999' | 'DEPUIS_2000';
export const EPOQUES: readonly Epoque[] = ['AVANT_1960', '1960_1979', '1980_1999', 'DEPUIS_2000'];

/** Construction period of programmes, by location (QPV: mostly the 1960–1980 "grands ensembles"). */
export const EPOQUE_POIDS: Record<'qpv' | 'horsQpv', number[]> = {
  qpv: [0.08, 0.72, 0.12, 0.08],
  horsQpv: [0.1, 0.22, 0.3, 0.38],
};

/** Typologie multipliers by period (old estates bigger flats; recent programmes smaller ones). */
export const TYPOLOGIE_EPOQUE: Record<Epoque, Record<Typologie, number>> = {
  AVANT_1960: { T1: 1.2, T2: 1.2, T3: 1.05, T4: 0.85, T5: 0.6, T6: 0.5 },
  '1960_1979': { T1: 0.75, T2: 0.85, T3: 1, T4: 1.15, T5: 1.25, T6: 1.4 },
  '1980_1999': { T1: 0.9, T2: 0.95, T3: 1.05, T4: 1.02, T5: 0.95, T6: 0.8 },
  DEPUIS_2000: { T1: 1.3, T2: 1.25, T3: 0.98, T4: 0.82, T5: 0.7, T6: 0.6 },
};

/** Flats per programme, by period and form (min, max), at full scale. */
export const TAILLE_PROGRAMME = {
  grandEnsemble: [80, 420] as const,
  collectifAncien: [25, 140] as const,
  collectifRecent: [12, 60] as const,
  individuel: [6, 30] as const,
  neuf: [15, 60] as const,
};

/** RPLS FINAN codes and their weights by period. */
export interface FinancementTirage {
  financement: 'PLAI' | 'PLUS' | 'PLS' | 'PLI' | 'AUTRE';
  code: string;
  poids: number;
}

export const FINANCEMENT_EPOQUE: Record<'avant1977' | '1977_1999' | 'depuis2000' | 'neuf', FinancementTirage[]> = {
  // HLM ordinaire and earlier loans (codes 50–55), "autre" (99); some reconventionnés PLUS after rehabilitation.
  avant1977: [
    { financement: 'AUTRE', code: '50', poids: 38 },
    { financement: 'AUTRE', code: '51', poids: 13 },
    { financement: 'AUTRE', code: '52', poids: 9 },
    { financement: 'AUTRE', code: '53', poids: 8 },
    { financement: 'AUTRE', code: '54', poids: 5 },
    { financement: 'AUTRE', code: '55', poids: 4 },
    { financement: 'AUTRE', code: '99', poids: 8 },
    { financement: 'PLUS', code: '13', poids: 15 },
  ],
  '1977_1999': [
    { financement: 'PLUS', code: '12', poids: 75 },
    { financement: 'PLAI', code: '10', poids: 7 },
    { financement: 'PLAI', code: '11', poids: 3 },
    { financement: 'PLS', code: '14', poids: 5 },
    { financement: 'PLI', code: '16', poids: 5 },
    { financement: 'AUTRE', code: '17', poids: 5 },
  ],
  depuis2000: [
    { financement: 'PLUS', code: '13', poids: 62 },
    { financement: 'PLAI', code: '10', poids: 25 },
    { financement: 'PLS', code: '14', poids: 11 },
    { financement: 'PLI', code: '16', poids: 2 },
  ],
  // Agréments of recent years: roughly a third each of PLAI, PLUS and PLS.
  neuf: [
    { financement: 'PLUS', code: '13', poids: 38 },
    { financement: 'PLAI', code: '10', poids: 35 },
    { financement: 'PLS', code: '14', poids: 27 },
  ],
};

/** Mean living area by typologie, m² (RPLS order of magnitude). */
export const SURFACE_MOYENNE: Record<Typologie, number> = { T1: 32, T2: 47, T3: 65, T4: 79, T5: 93, T6: 108 };

/** Rent excluding charges, € per m² of living area, by FINAN family (SDES: ~6 €/m² on average). */
export const LOYER_M2: Record<'PLAI' | 'PLUS' | 'PLS' | 'PLI' | 'AUTRE' | 'PCL', number> = {
  PLAI: 5.4,
  PLUS: 6.0,
  PLS: 8.6,
  PLI: 9.8,
  AUTRE: 5.1,
  PCL: 6.5,
};

/** Yearly turnover of the stock (SDES / USH: about 9 % in recent years, falling). */
export const TAUX_ROTATION_CIBLE = 0.09;

/** Turnover multipliers by typologie (small flats turn over about twice as often as T5). */
export const ROTATION_TYPOLOGIE: Record<Typologie, number> = {
  T1: 1.56,
  T2: 1.2,
  T3: 0.95,
  T4: 0.85,
  T5: 0.78,
  T6: 0.72,
};

/** Turnover multiplier from market tension t in [0, 1]: 1.25 − 0.5 t (tense markets: tenants stay). */
export function rotationTension(tension: number): number {
  return 1.25 - 0.5 * tension;
}

/** Slightly higher turnover in QPV (order of magnitude, SDES mobility by location). */
export const ROTATION_QPV = 1.08;

/** Monthly profile of libérations (moves cluster in summer: June–September). Normalised at use. */
export const SAISONNALITE_BRUTE = [0.075, 0.068, 0.076, 0.077, 0.079, 0.091, 0.1, 0.097, 0.094, 0.084, 0.08, 0.079];

export const MOTIFS_ROTATION: ReadonlyArray<[MotifLiberation, number]> = [
  ['CONGE', 82],
  ['MUTATION_SORTANTE', 8],
  ['DECES', 6],
  ['EXPULSION', 1],
  ['AUTRE', 3],
];

/** New flats delivered in the year, as a share of the stock (~80–90 000 a year on 5.4 M nationally). */
export const PART_NEUF = 0.012;
/** Flats in a sale plan (CUS plans de vente) and to demolish (NPNRU), shares of the stock. */
export const PART_VENTE = 0.012;
export const PART_DEMOLITION = 0.006;

/** Internal mutations withdrawn from the flux, as a share of the gross flux (order of magnitude). */
export const PART_MUTATIONS = 0.1;
/** ORCOD rehousing (degraded co-ownerships), share of the gross flux, for bailleurs involved in one. */
export const PART_ORCOD = 0.002;
/** LHI rehousing, share of the gross flux (order of magnitude). */
export const PART_LHI = 0.005;
/** Share of the flats under demolition whose tenants are rehoused this year (NPNRU, over ~2–3 years). */
export const PART_RELOGEMENT_DEMOLITION = 0.4;

/** Active applications per flat let in the year, by tension (SNE: ~2.6 M demands for ~400 000 lettings). */
export function demandesParAttribution(tension: number): number {
  return 3 + 9 * tension;
}
