import { ConflitError } from '../../errors/domain-errors';

/**
 * The request is well-formed but cannot be processed against the data (an unknown flat, no
 * exercice for that year, a forbidden destination): HTTP 422, with the field it is about.
 */
export class NonTraitableError extends Error {
  constructor(
    readonly champ: string,
    readonly raison: string,
  ) {
    super(`${champ} : ${raison}`);
    this.name = 'NonTraitableError';
  }
}

/** The flat is already oriented (or an override is pending): 409 saying by whom and when. */
export class DejaOrienteError extends ConflitError {
  constructor(
    message: string,
    readonly decision: {
      decisionId?: string;
      decidedBy: string | null;
      decidedAt: string | null;
      overrideRequestId?: string;
    },
  ) {
    super(message);
  }
}
