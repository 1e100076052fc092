import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  RESERVATAIRE_KINDS,
  type ActionCorrective,
  type Cible,
  type Contrepartie,
  type DecompteMode,
  type DelegationMode,
  type ReservataireKind,
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

/**
 * The commands of conventions and réservataires, validated once when created (the API's
 * ValidationPipe): the use cases check only what needs the database.
 */

const mixte = (d: object) => (d as DecompteSaisi).mode === 'MIXTE';

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
    { message: 'la somme des poids doit valoir 1' },
  );

/** Bounds whose min is not above their max. */
const MinAuPlusMax = () =>
  ValidateBy(
    {
      name: 'minAuPlusMax',
      validator: {
        validate: (b: { min?: unknown; max?: unknown } | null | undefined) =>
          typeof b?.min !== 'number' || typeof b.max !== 'number' || b.min <= b.max,
      },
    },
    { message: 'min doit être inférieur ou égal à max' },
  );

/** An end on or after the convention's start. */
const ApresDateDebut = () =>
  ValidateBy(
    {
      name: 'apresDateDebut',
      validator: {
        validate: (dateFin: unknown, args) => {
          const dateDebut = (args?.object as EnregistrerConvention | undefined)?.dateDebut;
          return typeof dateFin !== 'string' || typeof dateDebut !== 'string' || dateFin >= dateDebut;
        },
      },
    },
    { message: 'doit être postérieure ou égale à dateDebut' },
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
  @ValidateIf((c: CibleSaisie) => c.type === 'TAUX')
  @Taux()
  taux?: number;

  @ApiPropertyOptional({ description: 'Nombre de droits uniques (DROITS_UNIQUES)' })
  @ValidateIf((c: CibleSaisie) => c.type === 'DROITS_UNIQUES')
  @IsEntier(1)
  nombre?: number;

  @ApiPropertyOptional({ description: 'Années sur lesquelles ils sont étalés (DROITS_UNIQUES)' })
  @ValidateIf((c: CibleSaisie) => c.type === 'DROITS_UNIQUES')
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
  @ApiPropertyOptional() @IsOptional() @Taux() max?: number;
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
  @Bornes() @MinAuPlusMax() qpv?: BornesTaux;
  @Bornes() @MinAuPlusMax() horsQpv?: BornesTaux;

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

/**
 * A convention, as created or replaced (PUT). Rates are fractions (0.25 for 25 %). Its rules between
 * fields are the command's; `ConventionsService` checks only the réservataire, the bailleur and the caps.
 */
export class EnregistrerConvention {
  @ApiProperty() @IsUUID() bailleurId: string;
  @ApiProperty() @IsUUID() reservataireId: string;
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;

  @ApiPropertyOptional({ type: TerritoireSaisi })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoireSaisi)
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
  sousQuotas: SousQuotaSaisi[];

  @ApiProperty({ enum: CONTREPARTIES }) @IsIn(CONTREPARTIES) contrepartie: Contrepartie;
  @ApiProperty({ enum: ACTIONS_CORRECTIVES }) @IsIn(ACTIONS_CORRECTIVES) actionCorrective: ActionCorrective;

  @ApiPropertyOptional({ description: 'Obligatoire quand l’action corrective est ETALEMENT' })
  @ObligatoireSi(
    (c) => (c as EnregistrerConvention).actionCorrective === 'ETALEMENT',
    "est obligatoire quand l'action corrective est ETALEMENT",
  )
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

  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      "Remplacement (PUT) : date d'effet de la modification (par défaut : aujourd'hui). Ce qui a été compté avant reste compté ; ignorée à la création",
  })
  @IsOptional()
  @IsJour()
  dateEffet?: string;
}

/** The command → the contract's `Convention` input (the cible union built from its type). */
export function conventionDe(commande: EnregistrerConvention): ConventionInput {
  const { cible, dateEffet: _dateEffet, ...rest } = commande;
  return {
    ...rest,
    territoire: commande.territoire ?? null,
    cible:
      cible.type === 'TAUX'
        ? { type: 'TAUX', taux: cible.taux! }
        : { type: 'DROITS_UNIQUES', nombre: cible.nombre!, annees: cible.annees! },
    dateFin: commande.dateFin ?? null,
    etalementAnnees: commande.etalementAnnees ?? null,
  };
}

export class CreerReservataire {
  @ApiProperty({ example: 'ALS' })
  @Matches(/^[A-Z0-9_-]{1,40}$/, {
    message: 'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus',
  })
  code: string;

  @ApiProperty({ example: 'Action Logement Services' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nom: string;

  @ApiProperty({ enum: RESERVATAIRE_KINDS }) @IsIn(RESERVATAIRE_KINDS) kind: ReservataireKind;

  @ObjetRequis(TerritoireSaisi)
  territoire: TerritoireSaisi;
}
