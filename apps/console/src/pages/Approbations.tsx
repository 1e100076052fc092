import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { api } from '../api';
import { dateFr, dateHeureFr } from '../format';
import { useRechargementEnDirect, useSession } from '../session';
import type { DerogationConsole, Page } from '../types';
import { HistoriqueDerogation, ListeChargee, useChamp, useEnvoi } from './communs';

function Demande({ d, traitee }: { d: DerogationConsole; traitee: (message: string) => void }) {
  const { utilisateur } = useSession();
  const { erreur, envoi, envoyer } = useEnvoi();
  const commentaire = useChamp('commentaire', erreur);
  const l = d.liberation.logement;

  async function agir(action: 'approve' | 'reject') {
    await envoyer(async () => {
      await api(`/overrides/${d.id}/${action}`, {
        method: 'POST',
        body: commentaire.valeur.trim() ? { commentaire: commentaire.valeur.trim() } : {},
      });
      traitee(
        `Dérogation ${action === 'approve' ? 'approuvée' : 'rejetée'} : logement ${l.rplsId} (${l.communeNom ?? l.commune}).`,
      );
    });
  }

  const lui = d.demandeurId === utilisateur?.userId;
  return (
    <Paper
      withBorder
      p="md"
      data-testid="demande"
      data-liberation={d.liberation.id}
      component="article"
      aria-label={`Dérogation pour le logement ${l.rplsId}`}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Logement {l.rplsId} — {l.communeNom ?? l.commune}
          </Title>
          <Badge color="orange">En attente</Badge>
        </Group>
        <Text size="sm">
          {l.description}. Libéré le {dateFr(d.liberation.date)}.
        </Text>
        <SimpleGrid cols={2}>
          <div>
            <Text size="xs" fw={700}>
              Recommandé
            </Text>
            <Text size="sm">{d.recommandee?.libelle ?? 'Aucune option éligible'}</Text>
          </div>
          <div>
            <Text size="xs" fw={700}>
              Demandé
            </Text>
            <Text size="sm" data-testid="demandee">
              {d.demandee.libelle}
            </Text>
          </div>
        </SimpleGrid>
        <Text size="sm">
          Motif : <strong>{d.motifLibelle}</strong>
          {d.commentaire ? ` — « ${d.commentaire} »` : ''}
        </Text>
        <Text size="sm">
          Demandée par {d.demandeur ?? '?'} le {dateHeureFr(d.le)}
        </Text>
        {d.motifsApprobation.length > 0 && (
          <div>
            <Text size="xs" fw={700}>
              Pourquoi la politique demande une approbation
            </Text>
            <List size="sm">
              {d.motifsApprobation.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </div>
        )}
        {/* The request alone is said above: its steps once there is more than the request. */}
        {d.historique.length > 1 && <HistoriqueDerogation etapes={d.historique} bulletSize={10} />}
        {lui ? (
          <Text size="sm" c="dark.6">
            Vous avez demandé cette dérogation : un autre responsable doit la traiter.
          </Text>
        ) : (
          <>
            <Textarea label="Commentaire de la décision" {...commentaire.props} autosize minRows={1} />
            {erreur && erreur.erreurs.length === 0 && (
              <Alert color="red" role="alert">
                {erreur.message}
              </Alert>
            )}
            <Group>
              <Button color="green" onClick={() => void agir('approve')} loading={envoi} data-testid="approuver">
                Approuver
              </Button>
              <Button
                color="red"
                variant="outline"
                onClick={() => void agir('reject')}
                disabled={envoi}
                data-testid="rejeter"
              >
                Rejeter
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The manager's queue of overrides awaiting approval, live. */
export function Approbations() {
  const [data, setData] = useState<Page<DerogationConsole> | null>(null);
  const [avis, setAvis] = useState<string | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);

  const charger = useCallback(async () => {
    try {
      setData(await api<Page<DerogationConsole>>('/console/derogations?statut=PENDING&limit=100'));
    } catch (error) {
      setErreur((error as Error).message);
    }
  }, []);

  useRechargementEnDirect(charger, (e) => e.type.startsWith('override.') || e.type === 'orientation.decided');

  return (
    <section aria-labelledby="titre-approbations">
      <Title order={2} id="titre-approbations" mb="sm">
        Dérogations à approuver{' '}
        {data ? (
          <Badge size="lg" data-testid="total-approbations">
            {data.total}
          </Badge>
        ) : null}
      </Title>
      <div aria-live="polite">
        {avis && (
          <Alert color="green" mb="sm" data-testid="avis-approbation">
            {avis}
          </Alert>
        )}
      </div>
      <ListeChargee data={data} erreur={erreur} vide="Aucune dérogation en attente.">
        {(items) => (
          <Stack>
            {items.map((d) => (
              <Demande
                key={d.id}
                d={d}
                traitee={(message) => {
                  setAvis(message);
                  void charger();
                }}
              />
            ))}
          </Stack>
        )}
      </ListeChargee>
    </section>
  );
}
