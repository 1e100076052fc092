/**
 * A convention as it is entered, whoever enters it: the API's command (`EnregistrerConvention`) and
 * a line of a conventions import (`LigneConvention`) are this class plus how they name the bailleur
 * and the réservataire, so that both take and refuse the same conventions, with the same reasons.
 * Every rule between fields is here (checked when the command is created).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  nombreFr,
  type ActionCorrective,
  type Cible,
  type Contrepartie,
  type DecompteMode,
  type DelegationMode,
} from '@aiguillage/engine';
import type { ConventionInput } from '@aiguillage/persistence';
import {
  BOOLEEN,
  IsAnnee,
  IsDepartement,
  IsEntier,
  IsInsee,
  IsJour,
  ListeDe,
  ObjetRequis,
  ObligatoireSi,
  ReserveSi,
  Taux,
} from '../platform/validation/decorateurs';

const mixte = (d: object) => (d as DecompteSaisi).mode === 'MIXTE';
const parTaux = (c: object) => (c as CibleSaisie).type === 'TAUX';
const enDroits = (c: object) => (c as CibleSaisie).type === 'DROITS_UNIQUES';
const pourcent = (x: number) => `${nombreFr(x * 100, 2)} %`; // the engine's French figures: 0.125 → « 12,5 % »

/** A MIXTE decompte's three weights sum to 1 (to a millionth); a weight that is not a number is refused on its own. */
const SommeDesPoidsUn = () =>
  ValidateBy(
    {
      name: 'sommeDesPoidsUn',
      validator: {
        validate: (p: Partial<Record<keyof PoidsDecompte, unknown>> | null | undefined) =>
          !p ||
          ![p.proposition, p.attribution, p.bail].every((x) => typeof x === 'number') ||
          Math.abs((p.proposition as number) + (p.attribution as number) + (p.bail as number) - 1) <= 1e-6,
      },
    },
    {
      message: (args) => {
        const p = args.value as PoidsDecompte;
        return `la somme des poids doit valoir 1 (reçu ${Math.round((p.proposition + p.attribution + p.bail) * 1e6) / 1e6})`;
      },
    },
  );

/** A bound's max at least its min (in every bound: QPV, hors QPV, each typologie and financement). */
const AuMoinsLeMin = () =>
  ValidateBy(
    {
      name: 'auMoinsLeMin',
      validator: {
        validate: (max: unknown, args) => {
          const min = (args?.object as BornesTaux | undefined)?.min;
          return typeof min !== 'number' || typeof max !== 'number' || min <= max;
        },
      },
    },
    { message: (args) => `doit être supérieur ou égal au minimum (${pourcent((args.object as BornesTaux).min!)})` },
  );

/** An end on or after the convention's start. */
const ApresDateDebut = () =>
  ValidateBy(
    {
      name: 'apresDateDebut',
      validator: {
        validate: (dateFin: unknown, args) => {
          const dateDebut = (args?.object as ConventionSaisie | undefined)?.dateDebut;
          return typeof dateFin !== 'string' || typeof dateDebut !== 'string' || dateFin >= dateDebut;
        },
      },
    },
    { message: (args) => `doit être postérieure ou égale au début (${(args.object as ConventionSaisie).dateDebut})` },
  );

export class TerritoireSaisi {
  @ApiProperty({ example: '69' })
  @IsDepartement()
  departement: string;

  @ApiPropertyOptional({ type: [String], description: 'Codes INSEE' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInsee(true)
  communes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'SIREN des EPCI' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{9}$/, { each: true, message: 'doit contenir des SIREN à 9 chiffres' })
  epcis?: string[];
}

export class CibleSaisie {
  @ApiProperty({ enum: ['TAUX', 'DROITS_UNIQUES'] })
  @IsIn(['TAUX', 'DROITS_UNIQUES'])
  type: Cible['type'];

  @ApiPropertyOptional({ description: 'Part du flux annuel (TAUX), ex. 0.25' })
  @ObligatoireSi(parTaux, 'est obligatoire pour une cible TAUX')
  @ReserveSi(parTaux, 'ne se renseigne que pour une cible TAUX')
  @Taux()
  @IsPositive()
  taux?: number;

  @ApiPropertyOptional({ description: 'Nombre de droits uniques (DROITS_UNIQUES)' })
  @ObligatoireSi(enDroits, 'est obligatoire pour une cible DROITS_UNIQUES')
  @ReserveSi(enDroits, 'ne se renseigne que pour une cible DROITS_UNIQUES')
  @IsEntier(1)
  nombre?: number;

  @ApiPropertyOptional({ description: 'Années sur lesquelles ils sont étalés (DROITS_UNIQUES)' })
  @ObligatoireSi(enDroits, 'est obligatoire pour une cible DROITS_UNIQUES')
  @ReserveSi(enDroits, 'ne se renseigne que pour une cible DROITS_UNIQUES')
  @IsEntier(1, 99)
  annees?: number;
}

export class PoidsDecompte {
  @ApiProperty() @Taux() proposition: number;
  @ApiProperty() @Taux() attribution: number;
  @ApiProperty() @Taux() bail: number;
}

export class DecompteSaisi {
  @ApiProperty({ enum: DECOMPTE_MODES })
  @IsIn(DECOMPTE_MODES)
  mode: DecompteMode;

  @ApiPropertyOptional({ type: PoidsDecompte, description: 'Obligatoire en MIXTE (somme 1)' })
  @ObligatoireSi(mixte, 'est obligatoire en décompte MIXTE')
  @ReserveSi(mixte, 'ne se renseigne qu’en décompte MIXTE')
  @SommeDesPoidsUn()
  @ValidateNested()
  @Type(() => PoidsDecompte)
  poids?: PoidsDecompte;
}

export class DelegationSaisie {
  @ApiProperty({ enum: DELEGATION_MODES })
  @IsIn(DELEGATION_MODES)
  mode: DelegationMode;

  @ApiProperty({ example: 30 })
  @IsEntier(0, 365)
  delaiJours: number;

  @ApiProperty({ example: 3 })
  @IsEntier(1, 10)
  candidatsMax: number;

  @ApiPropertyOptional({ description: 'Obligatoire en délégation PARTIELLE' })
  @ObligatoireSi((d) => (d as DelegationSaisie).mode === 'PARTIELLE', 'est obligatoire en délégation PARTIELLE')
  @Taux()
  partDeleguee?: number;

  @ApiProperty()
  @BOOLEEN
  retourCompte: boolean;
}

export class BornesTaux {
  @ApiPropertyOptional() @IsOptional() @Taux() min?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() @AuMoinsLeMin() max?: number;
}

const Bornes = () =>
  applyDecorators(
    ApiPropertyOptional({ type: BornesTaux }),
    IsOptional(),
    ValidateNested(),
    Type(() => BornesTaux),
  );

export class BornesTypologies {
  @Bornes() T1?: BornesTaux;
  @Bornes() T2?: BornesTaux;
  @Bornes() T3?: BornesTaux;
  @Bornes() T4?: BornesTaux;
  @Bornes() T5?: BornesTaux;
  @Bornes() T6?: BornesTaux;
}

export class BornesFinancements {
  @Bornes() PLAI?: BornesTaux;
  @Bornes() PLUS?: BornesTaux;
  @Bornes() PLS?: BornesTaux;
  @Bornes() PLI?: BornesTaux;
  @Bornes() AUTRE?: BornesTaux;
}

export class EngagementsSaisis {
  @Bornes() qpv?: BornesTaux;
  @Bornes() horsQpv?: BornesTaux;

  @ApiPropertyOptional({ type: BornesTypologies })
  @IsOptional()
  @ValidateNested()
  @Type(() => BornesTypologies)
  typologies?: BornesTypologies;

  @ApiPropertyOptional({ type: BornesFinancements })
  @IsOptional()
  @ValidateNested()
  @Type(() => BornesFinancements)
  financements?: BornesFinancements;

  @ApiPropertyOptional() @IsOptional() @Taux() q1HorsQpvMin?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() q234QpvMin?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() prioritairesMin?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  tauxUniformeParCommune?: boolean;
}

export class SousQuotaSaisi {
  @ApiProperty({ example: 'FONCTIONNAIRES' })
  @Matches(/^[A-Z0-9_]{1,32}$/, { message: 'doit être un code en majuscules (A-Z, 0-9, _), 32 caractères au plus' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  libelle: string;

  @ApiProperty()
  @Taux()
  taux: number;
}

const etalement = (c: object) => (c as ConventionSaisie).actionCorrective === 'ETALEMENT';

/** A TAUX convention's sub-quotas take at most its own share. */
const SousQuotasDansLaCible = () =>
  ValidateBy(
    {
      name: 'sousQuotasDansLaCible',
      validator: {
        validate: (quotas: unknown, args) => {
          const taux = (args?.object as ConventionSaisie | undefined)?.cible?.taux;
          return typeof taux !== 'number' || !Array.isArray(quotas) || totalTaux(quotas) <= taux + 1e-9;
        },
      },
    },
    {
      message: (args) =>
        `les sous-quotas (${pourcent(totalTaux(args.value as unknown[]))}) dépassent la cible (${pourcent((args.object as ConventionSaisie).cible.taux!)})`,
    },
  );

function totalTaux(quotas: unknown[]): number {
  return quotas.reduce<number>(
    (s, q) => s + (typeof (q as SousQuotaSaisi)?.taux === 'number' ? (q as SousQuotaSaisi).taux : 0),
    0,
  );
}

/** The territory lies in the convention's département: its own, and each of its communes. */
const TerritoireDuDepartement = () =>
  ValidateBy(
    {
      name: 'territoireDuDepartement',
      validator: { validate: (t: unknown, args) => horsDepartement(t, args?.object) === null },
    },
    { message: (args) => horsDepartement(args.value, args.object)! },
  );

function horsDepartement(territoire: unknown, convention: object | undefined): string | null {
  const dep = (convention as ConventionSaisie | undefined)?.departement;
  const t = territoire as TerritoireSaisi | null | undefined;
  if (!t || typeof dep !== 'string' || typeof t.departement !== 'string') return null;
  if (t.departement !== dep) return `son département (${t.departement}) diffère de celui de la convention (${dep})`;
  const ailleurs = Array.isArray(t.communes)
    ? t.communes.filter((c) => typeof c === 'string' && !c.startsWith(dep))
    : [];
  return ailleurs.length > 0 ? `communes hors du département ${dep} : ${ailleurs.join(', ')}` : null;
}

export class ConventionSaisie {
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;

  @ApiPropertyOptional({ type: TerritoireSaisi })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoireSaisi)
  @TerritoireDuDepartement()
  territoire?: TerritoireSaisi | null;

  @ApiProperty({ example: 'CONV-ALS-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference: string;

  @ObjetRequis(CibleSaisie) cible: CibleSaisie;
  @ObjetRequis(DecompteSaisi) decompte: DecompteSaisi;
  @ObjetRequis(DelegationSaisie) delegation: DelegationSaisie;
  @ObjetRequis(EngagementsSaisis) engagements: EngagementsSaisis;

  @ApiProperty({ type: [SousQuotaSaisi] })
  @ListeDe(() => SousQuotaSaisi, 20)
  @SousQuotasDansLaCible()
  sousQuotas: SousQuotaSaisi[];

  @ApiProperty({ enum: CONTREPARTIES }) @IsIn(CONTREPARTIES) contrepartie: Contrepartie;
  @ApiProperty({ enum: ACTIONS_CORRECTIVES }) @IsIn(ACTIONS_CORRECTIVES) actionCorrective: ActionCorrective;

  @ApiPropertyOptional({ description: 'Obligatoire quand l’action corrective est ETALEMENT' })
  @ObligatoireSi(etalement, "est obligatoire quand l'action corrective est ETALEMENT")
  @ReserveSi(etalement, "ne se renseigne que pour l'action corrective ETALEMENT")
  @IsEntier(1, 20)
  etalementAnnees?: number | null;

  @ApiProperty({ description: 'Logements dus des années précédentes (négatif : avance)' })
  @IsEntier(-100000, 100000)
  deficitReporte: number;

  @ApiPropertyOptional({
    description: 'Premier exercice où le déficit reporté est dû (par défaut : l’année de dateDebut)',
    example: 2027,
  })
  @IsOptional()
  @IsAnnee()
  deficitAnnee?: number | null;

  @ApiProperty() @BOOLEEN compteMutations: boolean;

  @ApiPropertyOptional({
    description:
      'Les premières mises en location des programmes neufs comptent pour la convention (par défaut : non, hors flux)',
  })
  @IsOptional()
  @BOOLEEN
  comptePremieresLocations?: boolean;

  @ApiPropertyOptional({
    description:
      'Motif d’un territoire hors règle (droits d’une commune ailleurs, territorialisation infra-départementale documentée)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  motifTerritoire?: string | null;
  @ApiProperty({ example: '2026-01-01' }) @IsJour() dateDebut: string;

  @ApiPropertyOptional({ example: '2028-12-31' })
  @IsOptional()
  @IsJour()
  @ApresDateDebut()
  dateFin?: string | null;
}

/** The entered convention → the contract's fields (the cible union built from its type). */
export function contratDe(saisie: ConventionSaisie): Omit<ConventionInput, 'bailleurId' | 'reservataireId'> {
  const { cible, ...rest } = saisie;
  return {
    ...rest,
    territoire: saisie.territoire ?? null,
    cible:
      cible.type === 'TAUX'
        ? { type: 'TAUX', taux: cible.taux! }
        : { type: 'DROITS_UNIQUES', nombre: cible.nombre!, annees: cible.annees! },
    dateFin: saisie.dateFin ?? null,
    etalementAnnees: saisie.etalementAnnees ?? null,
  };
}
