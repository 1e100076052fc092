import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsAnnee, IsDepartement, ListeDe, OptionalUuid } from '@aiguillage/core';
import { AnneeQuery } from '../common/dto';
import { booleen, entier, instant, jour, liste, nombre, objet, texte, uuid } from '../common/openapi';

const Nombre = () => (target: object, key: string | symbol) => {
  ApiProperty()(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
};

export class RelogementsDto {
  @Nombre() npnru: number;
  @Nombre() orcod: number;
  @Nombre() lhi: number;
}

/** The inputs of the assiette (counts of flats, forecast turnover as a fraction). */
export class AssietteInputDto {
  @Nombre() logements: number;
  @Nombre() stockDefense: number;
  @Nombre() plansVente: number;
  @Nombre() demolitions: number;

  @ApiProperty({ example: 0.09 })
  @IsNumber()
  @Min(0)
  @Max(1)
  tauxRotation: number;

  @Nombre() mutations: number;

  @ApiProperty({ type: RelogementsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RelogementsDto)
  relogements: RelogementsDto;
}

export class ObjectifDto {
  @ApiProperty() @IsUUID() conventionId: string;
  @ApiProperty({ description: 'Logements dus cette année, déficit reporté inclus' }) @IsInt() @Min(0) objectif: number;

  @ApiPropertyOptional({ description: "Motif d'un objectif saisi différent de l'objectif calculé (obligatoire alors)" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  motif?: string;
}

export class ExerciceDto {
  @ApiProperty() @IsUUID() bailleurId: string;
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;
  @ApiProperty({ example: 2026 }) @IsAnnee() annee: number;

  @ApiProperty({ type: AssietteInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AssietteInputDto)
  assiette: AssietteInputDto;

  @ApiProperty({ description: 'Flux annuel à répartir, en logements' }) @IsInt() @Min(0) fluxARepartir: number;

  @ApiPropertyOptional({
    description: "Motif d'un flux saisi différent de celui que donne l'assiette (obligatoire alors)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  fluxARepartirMotif?: string;

  @ApiProperty({ type: [Number], description: '12 parts mensuelles des libérations (somme 1)' })
  @IsArray()
  @ArrayMinSize(12)
  @ArrayMaxSize(12)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  @Max(1, { each: true })
  saisonnalite: number[];

  @ApiProperty({ type: [ObjectifDto] })
  @ListeDe(() => ObjectifDto, 10000)
  objectifs: ObjectifDto[];
}

export class ExerciceQueryDto {
  @OptionalUuid() bailleurId?: string;
  @AnneeQuery() annee?: number;
}

// Answers (OpenAPI schemas)

export const EXERCICE_SCHEMA = objet(
  'Un exercice : bailleur × département × année, son assiette et les objectifs de ses conventions',
  {
    id: uuid,
    bailleurId: uuid,
    departement: texte,
    annee: entier,
    assiette: objet('Les entrées de l’assiette'),
    objectifs: liste(objet('L’objectif d’une convention', { conventionId: uuid, objectif: nombre })),
  },
);

/** An exercice read alone: its typed figures beside the computed ones (issue 9, finding 4). */
export const EXERCICE_DETAILLE_SCHEMA = objet('Un exercice, avec ses chiffres saisis à côté des chiffres calculés', {
  ...EXERCICE_SCHEMA.properties,
  fluxARepartirMotif: texte,
  chiffresSaisis: liste(
    objet(
      'Un chiffre saisi (flux à répartir, objectif d’une convention) à côté du chiffre calculé, et le motif de l’écart',
      {
        champ: texte,
        libelle: texte,
        conventionId: uuid,
        reference: texte,
        saisi: nombre,
        calcule: nombre,
        ecart: booleen,
        motif: texte,
      },
    ),
  ),
});

const LIGNE_CLOTURE_SCHEMA = objet(
  'Le résultat de l’année d’une convention et ce qui en est reporté sur l’année suivante',
  {
    conventionId: uuid,
    reference: texte,
    reservataireId: uuid,
    annee: entier,
    objectif: nombre,
    realise: nombre,
    ecart: nombre,
    aRembourser: nombre,
    reportee: booleen,
    suite: objet('Ce que la convention porte sur l’année suivante', {
      deficitReporte: entier,
      deficitAnnee: entier,
      cible: objet('La cible (la réserve de droits uniques)'),
    }),
  },
);

export const CLOTURE_SCHEMA = objet('La clôture d’un exercice', {
  exerciceId: uuid,
  annee: entier,
  clotureLe: instant,
  conventions: liste(LIGNE_CLOTURE_SCHEMA),
});
export const LECTURE_CLOTURE_SCHEMA = objet('Si l’exercice est clôturé, et sa clôture', {
  cloturee: booleen,
  cloture: CLOTURE_SCHEMA,
});

export const OBJECTIF_DETAILLE_SCHEMA = objet(
  'L’objectif d’une convention pour l’année, avec sa référence et son réservataire',
  {
    conventionId: uuid,
    reference: texte,
    reservataireId: uuid,
    objectif: nombre,
  },
);

export const PROGRESSION_SCHEMA = objet(
  'Où en est chaque convention de l’exercice à la date : réalisé, attendu, écart',
  {
    exerciceId: uuid,
    bailleurId: uuid,
    departement: texte,
    annee: entier,
    date: jour,
    fractionAttendue: nombre,
    version: texte,
    conventions: liste(
      objet('Une convention', {
        conventionId: uuid,
        reference: texte,
        reservataireId: uuid,
        decompte: texte,
        realise: nombre,
        objectif: { ...nombre, description: "Objectif de l'année réelle à la date (celui de la recommandation)" },
        objectifPrevu: { ...nombre, description: "Objectif prévu par l'exercice" },
        attendu: nombre,
        ecart: nombre,
      }),
    ),
    bailleurPropositions: entier,
  },
);
