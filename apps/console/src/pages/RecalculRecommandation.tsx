import { Alert, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError } from '../api';
import { changementsFr, dateHeureFr } from '../format';
import type { PanneauDecision } from '../types';

type Calcul = NonNullable<PanneauDecision['recommandation']>;

/**
 * When the panel's recommendation was computed and, when the conventions' progress has moved since
 * (other flats decided on the exercice), says so and offers to recompute it on today's state.
 */
export function RecalculRecommandation({
  liberationId,
  calcul,
  recharger,
}: {
  liberationId: string;
  calcul: Calcul;
  recharger: () => Promise<void>;
}) {
  const [envoi, setEnvoi] = useState(false);
  const [message, setMessage] = useState<{ couleur: string; texte: string } | null>(null);

  const recalculer = async () => {
    setEnvoi(true);
    setMessage(null);
    try {
      const r = await api<{ recalculee: boolean }>(`/liberations/${liberationId}/recommendation`, { method: 'POST' });
      setMessage({
        couleur: 'green',
        texte: r.recalculee
          ? 'Recommandation recalculée sur l’état actuel des conventions.'
          : 'La recommandation était déjà à jour : rien à recalculer.',
      });
    } catch (error) {
      setMessage({
        couleur: 'red',
        texte: error instanceof ApiError ? error.message : `Recalcul impossible : ${(error as Error).message}`,
      });
    } finally {
      setEnvoi(false);
    }
    await recharger();
  };

  const depuis = changementsFr(calcul);
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="calculee-le" data-calculee-le={calcul.calculeeLe}>
        Recommandation calculée le {dateHeureFr(calcul.calculeeLe)}
        {calcul.aJour ? ', sur l’état actuel des conventions.' : '.'}
      </Text>
      {!calcul.aJour && calcul.recalculable && (
        <Alert color="orange" title="Recommandation à recalculer" data-testid="perimee">
          <Text size="sm">
            L’avancement des conventions a changé depuis{depuis ? ` (${depuis})` : ''} : les raisons ci-dessous datent
            de ce calcul.
          </Text>
          <Button mt="sm" size="sm" onClick={() => void recalculer()} loading={envoi} data-testid="recalculer">
            Recalculer la recommandation
          </Button>
        </Alert>
      )}
      {message && (
        <Alert color={message.couleur} role="status" data-testid="recalcul-resultat">
          {message.texte}
        </Alert>
      )}
    </>
  );
}
