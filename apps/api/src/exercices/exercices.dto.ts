import { DECOMPTE_MODES } from '@aiguillage/engine';
import { OptionalUuid } from '@aiguillage/core';
import { AnneeQuery } from '../common/dto';
import { booleen, entier, instant, jour, liste, nombre, objet, texte, uuid } from '../common/openapi';

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
        decompte: {
          type: 'string',
          enum: [...DECOMPTE_MODES],
          description: 'Ce que compte le réalisé : propositions, attributions, baux signés, ou leur mélange pondéré',
        },
        poidsDecompte: {
          ...objet('MIXTE : le poids de chaque étape (null : à parts égales, ou un autre mode)', {
            proposition: nombre,
            attribution: nombre,
            bail: nombre,
          }),
          nullable: true,
        },
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
