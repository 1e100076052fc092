import type { Financement, Typologie } from '@aiguillage/engine';
import { Rng } from '@aiguillage/demo/random';
import type { LigneAEcrire } from './rpls-writer';

/**
 * A deterministic generator of realistic RPLS lines (real INSEE codes and EPCI SIRENs of three
 * metropolitan areas, QPV codes in the 2024 "QN" format, RPLS FINAN codes, plausible surfaces and
 * rents), streamed one line at a time so that files of any size can be written in flat memory.
 */
interface CommuneSample {
  insee: string;
  nom: string;
  codePostal: string;
  epci: string;
  epciNom: string;
  qpvs: string[];
}

const MGP = ['200054781', 'Métropole du Grand Paris'] as const;
const LYON = ['200046977', 'Métropole de Lyon'] as const;
const MEL = ['200093201', 'Métropole Européenne de Lille'] as const;
const commune = (
  insee: string,
  nom: string,
  codePostal: string,
  [epci, epciNom]: readonly [string, string],
  qpvs: string[] = [],
): CommuneSample => ({
  insee,
  nom,
  codePostal,
  epci,
  epciNom,
  qpvs,
});

export const SAMPLE_COMMUNES: readonly CommuneSample[] = [
  commune('93066', 'Saint-Denis', '93200', MGP, ['QN09306M', 'QN09307M']),
  commune('93001', 'Aubervilliers', '93300', MGP, ['QN09301M']),
  commune('93048', 'Montreuil', '93100', MGP, ['QN09318M']),
  commune('93008', 'Bobigny', '93000', MGP, ['QN09303M']),
  commune('93070', 'Saint-Ouen-sur-Seine', '93400', MGP),
  commune('93010', 'Bondy', '93140', MGP, ['QN09304M']),
  commune('69123', 'Lyon', '69008', LYON, ['QN06904M']),
  commune('69266', 'Villeurbanne', '69100', LYON, ['QN06915M']),
  commune('69259', 'Vénissieux', '69200', LYON, ['QN06912M', 'QN06913M']),
  commune('69256', 'Vaulx-en-Velin', '69120', LYON, ['QN06911M']),
  commune('69029', 'Bron', '69500', LYON, ['QN06902M']),
  commune('69081', 'Écully', '69130', LYON),
  commune('69202', 'Sainte-Foy-lès-Lyon', '69110', LYON),
  commune('69275', 'Décines-Charpieu', '69150', LYON, ['QN06906M']),
  commune('59350', 'Lille', '59000', MEL, ['QN05931M', 'QN05932M']),
  commune('59512', 'Roubaix', '59100', MEL, ['QN05940M']),
  commune('59599', 'Tourcoing', '59200', MEL, ['QN05945M']),
  commune('59360', 'Loos', '59120', MEL),
];

const VOIES: [string, string][] = [
  ['RUE', 'DE LA REPUBLIQUE'],
  ['AV', 'JEAN JAURES'],
  ['RUE', 'VICTOR HUGO'],
  ['BD', 'PASTEUR'],
  ['ALL', 'DES TILLEULS'],
  ['RUE', 'PAUL ELUARD'],
  ['PL', 'DU MARCHE'],
  ['RUE', 'LOUISE MICHEL'],
];

/** [FINAN code, financement, weight, monthly rent per m² in cents]. */
const FINANS: [string, Financement, number, number][] = [
  ['10', 'PLAI', 12, 560],
  ['11', 'PLAI', 2, 540],
  ['12', 'PLUS', 6, 590],
  ['13', 'PLUS', 45, 640],
  ['14', 'PLS', 10, 900],
  ['16', 'PLI', 3, 1150],
  ['17', 'AUTRE', 1, 700],
  ['49', 'AUTRE', 3, 620],
  ['51', 'AUTRE', 8, 480],
  ['55', 'AUTRE', 10, 500],
];
const FINAN_TOTAL = FINANS.reduce((s, f) => s + f[2], 0);
const PIECES = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 6];
const SURFACE: Record<Typologie, number> = { T1: 31, T2: 47, T3: 65, T4: 79, T5: 93, T6: 108 };

export interface SampleOptions {
  count: number;
  seed?: number;
  /** Prefix of the generated RPLS ids (default 'LG'). */
  idPrefix?: string;
}

export function* sampleRplsLignes({ count, seed = 1, idPrefix = 'LG' }: SampleOptions): Generator<LigneAEcrire> {
  const rng = new Rng(seed);
  for (let i = 1; i <= count; i++) {
    const c = rng.pick(SAMPLE_COMMUNES);
    const qpvCode = c.qpvs.length && rng.next() < 0.35 ? rng.pick(c.qpvs) : null;
    const nbPieces = rng.pick(PIECES);
    const typologie = `T${nbPieces}` as Typologie;
    let w = rng.next() * FINAN_TOTAL;
    const finan = FINANS.find((f) => (w -= f[2]) < 0) ?? FINANS[3];
    const annee = finan[0] >= '50' ? 1950 + Math.floor(rng.next() * 27) : 1977 + Math.floor(rng.next() * 47);
    const surfaceCentiemes = Math.round(SURFACE[typologie] * (0.85 + rng.next() * 0.3) * 100);
    const etage = typologie === 'T6' && rng.next() < 0.5 ? 0 : Math.floor(rng.next() * 12);
    const [typVoie, nomVoie] = rng.pick(VOIES);
    yield {
      logement: {
        rplsId: `${idPrefix}${String(i).padStart(9, '0')}`,
        commune: c.insee,
        epci: c.epci,
        departement: c.insee.slice(0, 2),
        qpv: qpvCode !== null,
        qpvCode,
        typologie,
        financement: finan[1],
        financementCode: ['10', '13', '14', '16'].includes(finan[0]) ? null : finan[0],
        anneeConstruction: annee,
        etage,
        ascenseur: etage >= 5 || (etage > 0 && rng.next() < 0.4),
        pmr: etage === 0 ? rng.next() < 0.5 : rng.next() < 0.05,
        surfaceM2: surfaceCentiemes / 100,
        loyerCentimes: Math.round((surfaceCentiemes * finan[3]) / 100),
      },
      communeNom: c.nom,
      epciNom: c.epciNom,
      codePostal: c.codePostal,
      numVoie: String(1 + Math.floor(rng.next() * 120)),
      typVoie,
      nomVoie,
      numAppt: String(100 * etage + 1 + Math.floor(rng.next() * 8)),
      typeConst: 'C',
    };
  }
}
