import { classerCandidats, termesEnVigueur, type EngineState, type Logement } from '@aiguillage/engine';
import type { PropositionRow } from '@aiguillage/persistence';
import { STAFF_ROLES, type AccessScope } from '../platform/auth/access-scope';
import type { PropositionView } from './proposition-view';

/**
 * Whether the order advised to the CAL is computed for this proposition: for the bailleur's staff
 * only (it is the bailleur's preparation of its commission, not shown to a réservataire), while its
 * candidates await the CAL (CANDIDATS_RECUS: once attributed, the convention's progress already
 * counts the attribution and an advice computed from it would no longer be the one given), and for
 * a flat in the flux (a first letting outside it counts for no convention: no target to serve).
 * DIRECTE and delegated designation alike: under délégation the bailleur designated the candidates,
 * but the attribution still counts toward the same convention's legal targets.
 */
export function conseilApplicable(scope: AccessScope, p: PropositionRow): boolean {
  return STAFF_ROLES.includes(scope.role) && p.status === 'CANDIDATS_RECUS' && !p.horsFlux;
}

/**
 * The view with, per candidate, the rank the engine advises the CAL (`rangConseille`, from 1) and
 * why it moved ahead of the réservataire's order (`motifsConseil`, French, empty when that order
 * stands), from the convention's live progress and its terms on the day of the libération. Only
 * the candidates still in the running are ranked (`horsLice`: refused by the CAL or having refused
 * the flat get no advice). The candidates keep the réservataire's order in the list; unchanged
 * when the state lacks the convention or its progress.
 */
export function avecConseilCal(
  view: PropositionView,
  p: PropositionRow,
  logement: Logement,
  state: EngineState,
  horsLice: ReadonlySet<string>,
): PropositionView {
  const convention = state.conventions.find((c) => c.id === p.conventionId);
  const progress = state.progress[p.conventionId];
  const enLice = view.candidats.filter((c) => !horsLice.has(c.id));
  if (!convention || !progress || enLice.length === 0) return view;
  const reservataire = state.reservataires.find((r) => r.id === convention.reservataireId);
  const rangs = classerCandidats(
    enLice,
    logement,
    termesEnVigueur(state, convention, p.date),
    progress,
    reservataire?.nom ?? 'le réservataire',
  );
  const parId = new Map(rangs.map((r) => [enLice[r.indice].id, r]));
  return {
    ...view,
    candidats: view.candidats.map((c) => {
      const r = parId.get(c.id);
      return r ? { ...c, rangConseille: r.rang, motifsConseil: r.motifs } : c;
    }),
  };
}
