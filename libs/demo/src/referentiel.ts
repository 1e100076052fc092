/**
 * The fixed geography and actors of the demo département "Val-de-Loirette" (code 96, a code no real
 * département uses): 5 EPCIs, 40 communes, 10 QPVs, 5 bailleurs. Only the patrimoine, the
 * conventions' details and the year's events depend on the seed; the map stays the same, so a
 * demo loaded twice with different seeds still reads the same for a user.
 */

export const DEPARTEMENT = { code: '96', nom: 'Val-de-Loirette' } as const;

export interface EpciDef {
  key: string;
  nom: string;
  /** First 8 digits of the SIREN; the 9th is the Luhn check digit. */
  sirenBase: string;
  /** Subject to the CCH L.441-1 quartile objectives (EPCI with a QPV or a PLH to make). */
  soumisObjectifsQuartiles: boolean;
  /**
   * Income thresholds of the préfet's yearly arrêté (annual euros per consumption unit): the first
   * quartile's (the arrêté), the median and the third quartile's (SNE), for the EPCIs subject to the
   * quartile objectives only (CCH L.441-1); the others have none.
   */
  seuilsQuartiles?: readonly [number, number, number];
}

export const EPCIS: readonly EpciDef[] = [
  {
    key: 'CHANT',
    nom: "Communauté d'agglomération Chantevière Agglomération",
    sirenBase: '20004817',
    soumisObjectifsQuartiles: true,
    seuilsQuartiles: [10_980, 16_900, 24_100],
  },
  {
    key: 'MONT',
    nom: "Communauté d'agglomération du Pays de Montargel",
    sirenBase: '20007035',
    soumisObjectifsQuartiles: true,
    seuilsQuartiles: [10_420, 16_100, 23_000],
  },
  {
    key: 'VERN',
    nom: 'Communauté de communes des Coteaux de Vernelle',
    sirenBase: '24960012',
    soumisObjectifsQuartiles: true,
    seuilsQuartiles: [11_350, 17_400, 24_900],
  },
  {
    key: 'ORG',
    nom: "Communauté de communes du Val d'Orgeval",
    sirenBase: '24960038',
    soumisObjectifsQuartiles: false,
  },
  {
    key: 'SARM',
    nom: 'Communauté de communes du Plateau de Sarmont',
    sirenBase: '20006994',
    soumisObjectifsQuartiles: false,
  },
];

export interface QpvDef {
  nom: string;
  /** Relative size (share of the commune's QPV social stock). */
  poids: number;
}

export interface CommuneDef {
  nom: string;
  epci: string;
  /** Relative weight of the commune in the département's social stock. */
  poidsParc: number;
  /** Market tension 0..1 (lowers turnover, raises demand). */
  tension: number;
  /** Share of the commune's social stock located in QPV (before calibration to the département target). */
  partQpv: number;
  qpvs: QpvDef[];
  /** Kind of built fabric: share of individual houses among its social flats. */
  partIndividuel: number;
  /** Garrison or security-forces town: hosts the DEFENSE stock. */
  garnison?: boolean;
  prefecture?: boolean;
}

const c = (
  nom: string,
  epci: string,
  poidsParc: number,
  tension: number,
  partIndividuel: number,
  extra: Partial<CommuneDef> = {},
): CommuneDef => ({ nom, epci, poidsParc, tension, partIndividuel, partQpv: 0, qpvs: [], ...extra });

export const COMMUNES: readonly CommuneDef[] = [
  c('Chantevière', 'CHANT', 420, 0.7, 0.02, {
    prefecture: true,
    garnison: true,
    partQpv: 0.48,
    qpvs: [
      { nom: 'Les Grands Champs', poids: 4 },
      { nom: 'La Vigie', poids: 3 },
      { nom: 'Croix-Blanche', poids: 2 },
      { nom: 'Beaulieu-Plaine', poids: 2 },
    ],
  }),
  c('Saint-Aubin-sur-Loirette', 'CHANT', 50, 0.55, 0.06, {
    partQpv: 0.35,
    qpvs: [{ nom: 'Les Tilleuls-Bellevue', poids: 1 }],
  }),
  c('Fleury-lès-Chantevière', 'CHANT', 40, 0.5, 0.08, {
    partQpv: 0.3,
    qpvs: [{ nom: 'Le Clos Saint-Jean', poids: 1 }],
  }),
  c('Marcilly-la-Forêt', 'CHANT', 25, 0.85, 0.15),
  c('Bellerive-sur-Loirette', 'CHANT', 20, 0.75, 0.12),
  c('Orvilliers', 'CHANT', 15, 0.65, 0.15),
  c('Sainte-Colombe-des-Prés', 'CHANT', 12, 0.6, 0.2),
  c('Vaudémont-le-Château', 'CHANT', 10, 0.55, 0.2),
  c('La Chapelle-Saint-Firmin', 'CHANT', 10, 0.5, 0.25),
  c('Montreuil-sur-Brenne', 'CHANT', 8, 0.45, 0.25),
  c('Saint-Hilaire-du-Bois', 'CHANT', 7, 0.45, 0.3),
  c('Cernay-la-Rivière', 'CHANT', 6, 0.4, 0.3),
  c('Les Aubiers', 'CHANT', 6, 0.4, 0.3),
  c('Villemoisson-sur-Loirette', 'CHANT', 5, 0.4, 0.35),
  c('Montargel', 'MONT', 110, 0.3, 0.05, {
    partQpv: 0.45,
    qpvs: [
      { nom: 'Les Forges', poids: 3 },
      { nom: 'La Cité Verrière', poids: 2 },
    ],
  }),
  c('Villiers-les-Forges', 'MONT', 15, 0.25, 0.15, {
    partQpv: 0.3,
    qpvs: [{ nom: 'Les Hauts de Villiers', poids: 1 }],
  }),
  c('Saint-Marcel-de-Montargel', 'MONT', 10, 0.25, 0.25),
  c('Courcelles-sur-Vanne', 'MONT', 8, 0.2, 0.3),
  c('Ardenay', 'MONT', 6, 0.2, 0.35),
  c('Bazoches-la-Verrerie', 'MONT', 5, 0.15, 0.4),
  c('Le Breuil-Montargel', 'MONT', 4, 0.15, 0.4),
  c('Saulnay', 'MONT', 4, 0.15, 0.45),
  c('Vernelle', 'VERN', 45, 0.35, 0.1, { garnison: true, partQpv: 0.3, qpvs: [{ nom: 'La Garenne', poids: 1 }] }),
  c('Saint-Julien-des-Vignes', 'VERN', 8, 0.3, 0.35),
  c('Roche-Vernelle', 'VERN', 6, 0.25, 0.4),
  c('Les Ormeaux', 'VERN', 5, 0.2, 0.45),
  c('Chaumont-sur-Vernelle', 'VERN', 4, 0.2, 0.5),
  c('Sazilly-le-Bourg', 'VERN', 3, 0.15, 0.5),
  c('Prunay', 'VERN', 3, 0.15, 0.55),
  c('Orgeval-sur-Loirette', 'ORG', 30, 0.4, 0.2),
  c('Neuvy-en-Orgeval', 'ORG', 8, 0.3, 0.35),
  c('Saint-Denis-des-Monts', 'ORG', 6, 0.25, 0.4),
  c('Chaumes', 'ORG', 4, 0.2, 0.5),
  c('Lorcy-le-Petit', 'ORG', 4, 0.2, 0.5),
  c('Mérigny', 'ORG', 3, 0.15, 0.55),
  c('Sarmont', 'SARM', 30, 0.2, 0.25),
  c('Villeneuve-sur-Sarmont', 'SARM', 10, 0.15, 0.35),
  c('Les Loges', 'SARM', 6, 0.1, 0.45),
  c('Beaumont-le-Plateau', 'SARM', 5, 0.1, 0.5),
  c('Ferrières-en-Sarmont', 'SARM', 4, 0.1, 0.55),
];

export type BailleurStatut = 'OPH' | 'ESH' | 'COOP';

export interface BailleurDef {
  key: string;
  nom: string;
  statut: BailleurStatut;
  sirenBase: string;
  /** Existing flats at full scale on 1 January. */
  logements: number;
  /** Multiplier of each EPCI's weight for this bailleur's patrimoine (absent = 0). */
  affinites: Record<string, number>;
  /** Flats of the DEFENSE stock it holds at full scale (in garrison towns). */
  stockDefense: number;
  /** Takes part in an ORCOD (degraded co-ownership) operation: rehouses its occupants. */
  orcod?: boolean;
}

export const BAILLEURS: readonly BailleurDef[] = [
  {
    key: 'LH',
    nom: 'Loirette Habitat',
    statut: 'OPH',
    sirenBase: '27960001',
    logements: 40_000,
    affinites: { CHANT: 1, MONT: 1, VERN: 1, ORG: 1, SARM: 1 },
    stockDefense: 200,
    orcod: true,
  },
  {
    key: 'IVL',
    nom: 'Immobilière du Val-de-Loirette',
    statut: 'ESH',
    sirenBase: '57201834',
    logements: 9_500,
    affinites: { CHANT: 1.6, MONT: 0.8, VERN: 0.4, ORG: 0.4, SARM: 0.4 },
    stockDefense: 110,
  },
  {
    key: 'HPM',
    nom: 'Habitat du Pays de Montargel',
    statut: 'ESH',
    sirenBase: '39584402',
    logements: 6_000,
    affinites: { CHANT: 0.4, MONT: 8, VERN: 0.2, ORG: 0.2, SARM: 0.2 },
    stockDefense: 0,
  },
  {
    key: 'CTV',
    nom: 'Coopérative Les Toits de Vernelle',
    statut: 'COOP',
    sirenBase: '43102957',
    logements: 3_200,
    affinites: { CHANT: 0.2, VERN: 6, ORG: 4, SARM: 2 },
    stockDefense: 0,
  },
  {
    key: 'FSL',
    nom: 'Foyer Solidaire Loirettain',
    statut: 'ESH',
    sirenBase: '30768215',
    logements: 2_300,
    affinites: { CHANT: 1, ORG: 2, SARM: 3 },
    stockDefense: 0,
  },
];

/** Luhn check digit, as used by SIREN numbers. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function siren(base8: string): string {
  if (!/^\d{8}$/.test(base8)) throw new Error(`siren : « ${base8} » doit compter 8 chiffres avant la clé`);
  return base8 + luhnCheckDigit(base8);
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnCheckDigit(value.slice(0, 8)) === Number(value[8]);
}

/** INSEE codes in alphabetical order of names, as the COG numbers communes (gaps included). */
export function codesInsee(departement: string, noms: readonly string[]): Map<string, string> {
  const sorted = [...noms].sort((a, b) => a.localeCompare(b, 'fr'));
  const codes = new Map<string, string>();
  let n = 0;
  for (const nom of sorted) {
    n += 3 + ((nom.length * 7) % 9);
    codes.set(nom, departement + String(n).padStart(3, '0'));
  }
  return codes;
}
