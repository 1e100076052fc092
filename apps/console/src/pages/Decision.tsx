import { Alert, Button, Group, Kbd, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { dateFr, dateHeureFr, MOTIFS_LIBERATION } from '../format';
import { motifDerogation } from '../libelles';
import { Lien } from '../router';
import { coalescer } from '../rechargement';
import { useLiveEvents, useChargementEnDirect } from '../session';
import type { PanneauDecision } from '../types';
import { FormulaireDerogation, type DemandeDerogation } from './Derogation';
import { HistoriqueDerogation } from './communs';
import { OptionCarte } from './OptionCarte';
import { RecalculRecommandation } from './RecalculRecommandation';

interface Resultat {
  status: 'DECIDEE' | 'EN_ATTENTE_APPROBATION';
  motifsApprobation: string[];
}

/** The decision panel of one freed flat: accept in one click (or the A key), or override. */
export function Decision({ id }: { id: string }) {
  const [panneau, setPanneau] = useState<PanneauDecision | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const [conflit, setConflit] = useState<{ titre: string; texte: string } | null>(null);
  const [resultat, setResultat] = useState<string | null>(null);
  const [derogation, setDerogation] = useState(false);
  const [envoi, setEnvoi] = useState(false);
  const accepter = useRef<HTMLButtonElement>(null);

  const affiche = useRef(id);
  affiche.current = id;
  const charger = useCallback(async () => {
    try {
      const lu = await api<PanneauDecision>(`/console/liberations/${id}/panneau`);
      if (affiche.current === id) setPanneau(lu); // not a flat the chargé has left meanwhile
    } catch (error) {
      setErreur((error as Error).message);
    }
  }, [id]);
  const recharger = useMemo(() => coalescer(charger), [charger]);

  useChargementEnDirect(charger);

  useEffect(() => {
    if (panneau?.statut === 'A_ORIENTER' && !derogation) accepter.current?.focus();
  }, [panneau?.statut, derogation]);

  useLiveEvents((event) => {
    if (event.liberationId === id && event.type !== 'recommendation.created') void recharger();
    // Another flat decided: the conventions' progress moved, the panel says whether its recommendation still holds.
    else if (event.type === 'orientation.decided' && panneau?.statut === 'A_ORIENTER') void recharger();
  });

  /** Accepts (no destination) or overrides, on today's state: refused when it names another destination. */
  const decider = useCallback(
    async (corps: Record<string, unknown>) => {
      if (!panneau) return;
      setEnvoi(true);
      setConflit(null);
      const recommendationId = panneau.recommendationId ?? undefined;
      try {
        const r = await api<Resultat>('/orientations', {
          method: 'POST',
          body: { liberationId: id, recommendationId, surEtatDuJour: true, ...corps },
        });
        setResultat(
          r.status === 'DECIDEE'
            ? 'Décision enregistrée.'
            : `Dérogation envoyée : en attente de l'approbation d'un responsable (${r.motifsApprobation.join(' ; ')}).`,
        );
        setDerogation(false);
        await charger();
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          // Today's recommendation names another destination (the panel now shows it), or decided elsewhere.
          const titre = error.body.changement ? 'Recommandation changée' : 'Décidé entre-temps';
          setConflit({ titre, texte: error.message });
          await charger();
        } else throw error;
      } finally {
        setEnvoi(false);
      }
    },
    [id, panneau, charger],
  );

  const accepterRecommandation = useCallback(() => {
    decider({}).catch((error: Error) => setErreur(error.message));
  }, [decider]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const cible = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(cible.tagName)) return;
      if (panneau?.statut !== 'A_ORIENTER' || envoi || derogation) return;
      if (e.key === 'a' || e.key === 'A') {
        e.preventDefault();
        accepterRecommandation();
      } else if (e.key === 'd' || e.key === 'D') {
        e.preventDefault();
        setDerogation(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panneau?.statut, envoi, derogation, accepterRecommandation]);

  if (erreur && !panneau) return <Alert color="red">{erreur}</Alert>;
  if (!panneau) return <Loader aria-label="Chargement" />;
  const l = panneau.logement;
  const eligibles = panneau.options.filter((o) => o.eligible);
  const exclues = panneau.options.filter((o) => !o.eligible);
  return (
    <Stack>
      <Lien to="/">← Retour à la file « À orienter »</Lien>
      <Title order={2}>
        Logement {l.rplsId} — {l.communeNom ?? l.commune}
      </Title>
      <Text>{l.description}</Text>
      <Text size="sm">
        Libéré le {dateFr(panneau.date)} ({MOTIFS_LIBERATION[panneau.motif] ?? panneau.motif}) · {panneau.bailleurNom}
      </Text>
      {panneau.recommandation && (
        <RecalculRecommandation liberationId={id} calcul={panneau.recommandation} recharger={charger} />
      )}
      {conflit && (
        <Alert color="red" title={conflit.titre} role="alert" data-testid="conflit">
          {conflit.texte}
        </Alert>
      )}
      {resultat && (
        <Alert color="green" role="status" data-testid="resultat">
          {resultat}
        </Alert>
      )}
      {erreur && <Alert color="red">{erreur}</Alert>}
      {panneau.decision && (
        <Alert color="blue" title="Décidé" data-testid="decide">
          Orienté vers {panneau.decision.destination.libelle} par {panneau.decision.par ?? 'un traitement automatique'}{' '}
          le {dateHeureFr(panneau.decision.le)}
          {panneau.decision.derogation ? ' (dérogation)' : ''}.
        </Alert>
      )}
      {panneau.derogationEnAttente && (
        <Alert color="orange" title="Dérogation en attente d'approbation" data-testid="en-attente">
          Vers {panneau.derogationEnAttente.destination.libelle}, demandée par{' '}
          {panneau.derogationEnAttente.demandeur ?? '?'} le {dateHeureFr(panneau.derogationEnAttente.le)} — motif :{' '}
          {motifDerogation(panneau.derogationEnAttente.motif)}.
          <HistoriqueDerogation etapes={panneau.historiqueDerogation} bulletSize={12} mt="sm" />
        </Alert>
      )}
      {panneau.statut === 'A_ORIENTER' && (
        <Group>
          <Button
            ref={accepter}
            size="md"
            onClick={accepterRecommandation}
            loading={envoi}
            disabled={!panneau.recommandee}
            data-testid="accepter"
          >
            Accepter : {panneau.recommandee?.libelle ?? 'aucune option'}
          </Button>
          <Button
            size="md"
            variant="outline"
            color="orange"
            onClick={() => setDerogation(true)}
            disabled={envoi}
            data-testid="deroger"
          >
            Déroger…
          </Button>
          <Text size="sm">
            Raccourcis : <Kbd>A</Kbd> accepter, <Kbd>D</Kbd> déroger
          </Text>
        </Group>
      )}
      {derogation && panneau.statut === 'A_ORIENTER' && (
        <FormulaireDerogation
          options={panneau.options}
          annuler={() => setDerogation(false)}
          envoyer={(d: DemandeDerogation) => decider({ ...d })}
        />
      )}
      <Title order={3} size="h4">
        La recommandation et les alternatives
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {eligibles.slice(0, 3).map((o) => (
          <OptionCarte key={o.rang} option={o} />
        ))}
      </SimpleGrid>
      {eligibles.length > 3 && (
        <details>
          <summary>Autres options éligibles ({eligibles.length - 3})</summary>
          <SimpleGrid cols={{ base: 1, md: 3 }} mt="xs">
            {eligibles.slice(3).map((o) => (
              <OptionCarte key={o.rang} option={o} />
            ))}
          </SimpleGrid>
        </details>
      )}
      {exclues.length > 0 && (
        <details>
          <summary>Options exclues par une règle impérative ({exclues.length})</summary>
          <Stack gap="xs" mt="xs">
            {exclues.map((o) => (
              <Text key={o.rang} size="sm">
                {o.destination.libelle} : {o.reglesImperatives.join(' ; ')}
              </Text>
            ))}
          </Stack>
        </details>
      )}
    </Stack>
  );
}
