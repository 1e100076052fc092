import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { CAL_DECISIONS, type CalDecisionKind } from '@aiguillage/persistence';
import type { Quartile } from '@aiguillage/engine';
import {
  BOOLEEN,
  Entier,
  IsEntier,
  IsTexte,
  Jour,
  ListeDe,
  ObligatoireSi,
  ReserveSi,
  Uuid,
} from '../platform/validation/decorateurs';

/**
 * The commands of a proposition's life (candidates, CAL, refusal, decline, lease), validated once when
 * created (the API's ValidationPipe, or `creerCommande` for the demo replay): `SuiviFlowService` checks
 * only what needs the proposition's state or the database. A candidate's quartile rules (typed, or
 * computed from the resources against the thresholds) stay together in `quartilesDesCandidats`.
 */

/** A candidate brought for the flat: its quartile typed, or computed from its resources, or both. */
export class Candidat {
  @ApiProperty({ description: 'Numéro unique SNE de la demande', maxLength: 32 })
  @IsTexte(32)
  numeroSne: string;

  @Entier(1, 99)
  rang: number;

  @Entier(1, 20)
  tailleMenage: number;

  @ApiPropertyOptional({
    enum: [1, 2, 3, 4],
    description: 'Quartile de ressources saisi ; obligatoire sans les ressources, sinon calculé (et comparé)',
  })
  @IsOptional()
  @IsIn([1, 2, 3, 4])
  quartile?: Quartile;

  @ApiPropertyOptional({
    minimum: 0,
    example: 1500,
    description: 'Ressources mensuelles du ménage en euros (non conservées) : le quartile en est calculé',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  ressourcesMensuelles?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Enfants de moins de 14 ans du ménage (unités de consommation), avec les ressources',
  })
  @IsOptional()
  @IsEntier(0, 19)
  enfantsMoins14?: number;

  @ApiProperty()
  @BOOLEEN
  prioritaire: boolean;
}

/** The candidates of a proposition (by the convention's réservataire, or the bailleur under délégation). */
export class ProposerCandidats {
  @ApiProperty({ type: [Candidat] })
  @ListeDe(() => Candidat, 20)
  @ArrayMinSize(1)
  candidats: Candidat[];
}

const attribution = (d: object) => (d as DeciderCal).decision === 'ATTRIBUTION';

/** The CAL's decision on a candidate; an attribution carries its rank. */
export class DeciderCal {
  @Uuid()
  candidatId: string;

  @ApiProperty({ enum: CAL_DECISIONS })
  @IsIn(CAL_DECISIONS)
  decision: CalDecisionKind;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      "Rang de l'attribution (1 : le logement revient à ce candidat s'il accepte) ; obligatoire pour ATTRIBUTION",
  })
  @ObligatoireSi(attribution, "obligatoire pour une décision d'attribution")
  @ReserveSi(attribution, "réservé à une décision d'attribution")
  @IsEntier(1, 99)
  rang?: number;

  @Jour('2026-04-02')
  dateCal: string;
}

/** A candidate of the proposition refuses the flat. */
export class RefuserLogement {
  @Uuid()
  candidatId: string;
}

/** The lease signed by the attributed candidate. */
export class SignerBail {
  @Uuid()
  candidatId: string;

  @Jour('2026-04-20')
  signedAt: string;
}

/** The réservataire declines the flat, with its reason. */
export class Decliner {
  @ApiProperty({
    description: 'Pourquoi le réservataire décline le logement (suivi des refus abusifs)',
    example: 'Typologie sans demandeur sur la commune',
    maxLength: 500,
  })
  @IsTexte(500)
  motif: string;
}
