import { Alert, Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { Lien } from '../router';
import { dateFr, dateHeureFr, MOTIFS_LIBERATION } from '../format';
import { useLiveEvents, useChargementEnDirect } from '../session';
import { nommer } from '../libelles';
import type { Destination, LiberationConsole, LiveEvent, Page } from '../types';
import { Avancement } from './Avancement';
import { ListeChargee, NomDestination, Pages } from './communs';
import { chargerNoms, ligneProvisoire, type Noms } from '../noms';

const PAR_PAGE = 25;

/** One row of the queue; memoised: a live insertion renders the new row only. */
const LigneFile = memo(function LigneFile({ l, nouvelle }: { l: LiberationConsole; nouvelle: boolean }) {
  return (
    <Table.Tr
      data-liberation={l.id}
      data-rpls={l.logement.rplsId}
      className={`ligne-file${nouvelle ? ' nouvelle' : ''}`}
    >
      <Table.Td>
        <Text fw={600} size="sm">
          {l.logement.rplsId}
        </Text>
        <Text size="sm">{l.logement.description}</Text>
      </Table.Td>
      <Table.Td>{l.logement.communeNom ?? l.logement.commune}</Table.Td>
      <Table.Td>
        {dateFr(l.date)}
        {l.motif && (
          <Text size="xs" c="dark.6">
            {MOTIFS_LIBERATION[l.motif] ?? l.motif}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="recommande">
        {l.recommandee ? <NomDestination d={l.recommandee} /> : 'Aucune option éligible'}
      </Table.Td>
      <Table.Td>
        <Lien to={`/liberations/${l.id}`}>
          Décider<span className="sr-only"> pour le logement {l.logement.rplsId}</span>
        </Lien>
      </Table.Td>
    </Table.Tr>
  );
});

/** The progress table, memoised: the queue's live changes do not render it again. */
const AvancementFige = memo(Avancement);

const logementFr = (l: LiberationConsole) =>
  `Logement ${l.logement.rplsId} (${l.logement.communeNom ?? l.logement.commune})`;

/** The notice of a flat that left the queue: where it went and who decided, or the override waiting. */
function avisTraite(lu: LiberationConsole): string {
  const qui = lu.decision
    ? `orienté vers ${lu.decision.destination.libelle} par ${lu.decision.par ?? 'un traitement automatique'}`
    : lu.derogationEnAttente
      ? `dérogation demandée par ${lu.derogationEnAttente.demandeur ?? '?'}, en attente d'approbation`
      : 'traité';
  return `${logementFr(lu)} : ${qui}`;
}

/** The same notice when the flat cannot be read again: the destination the event names, without who decided. */
function avisSansRelecture(event: LiveEvent, row: LiberationConsole, noms: Noms): string {
  const destination = event.destination as Destination;
  return event.type === 'orientation.decided'
    ? `${logementFr(row)} : orienté vers ${nommer(destination, noms.conventions).libelle}`
    : `${logementFr(row)} : dérogation demandée vers ${nommer(destination, noms.conventions).libelle}, en attente d'approbation`;
}

/** « À orienter »: the freed flats awaiting a decision, live. */
export function FileAOrienter() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<LiberationConsole> | null>(null);
  const [nouvelles, setNouvelles] = useState<Set<string>>(new Set());
  const [avis, setAvis] = useState<string[]>([]);
  const [erreur, setErreur] = useState<string | null>(null);
  const [noms, setNoms] = useState<Noms | null>(null);

  useEffect(() => {
    chargerNoms().then(setNoms, () => setNoms(null));
  }, []);

  const charger = useCallback(async () => {
    try {
      setData(
        await api<Page<LiberationConsole>>(
          `/console/liberations?statut=A_ORIENTER&limit=${PAR_PAGE}&offset=${(page - 1) * PAR_PAGE}`,
        ),
      );
      setErreur(null);
    } catch (error) {
      setErreur((error as Error).message);
    }
  }, [page]);

  useChargementEnDirect(charger);

  const retirer = (liberationId: string) =>
    setData((d) => {
      if (!d || !d.items.some((l) => l.id === liberationId)) return d;
      return { items: d.items.filter((l) => l.id !== liberationId), total: d.total - 1 };
    });
  const dire = (avis: string | null) => avis && setAvis((a) => [avis, ...a].slice(0, 5));

  useLiveEvents((event) => {
    const liberationId = event.liberationId as string | undefined;
    if (!liberationId) return;
    if (event.type === 'recommendation.created' || event.type === 'override.rejected') {
      if (page !== 1) return;
      const inserer = (row: LiberationConsole) =>
        setData((d) => {
          if (!d) return d;
          const present = d.items.some((l) => l.id === row.id);
          if (present) return { ...d, items: d.items.map((l) => (l.id === row.id ? row : l)) };
          return { items: [row, ...d.items].slice(0, PAR_PAGE), total: d.total + 1 };
        });
      // Shown at once from the event with the names known to the page, then completed (floor, lift, résidence).
      if (event.type === 'recommendation.created' && noms) {
        inserer(ligneProvisoire(event, noms));
        setNouvelles((n) => new Set(n).add(liberationId));
      }
      void api<LiberationConsole>(`/console/liberations/${liberationId}`).then(
        (row) => {
          if (row.statut !== 'A_ORIENTER') return retirer(row.id);
          inserer(row);
          setNouvelles((n) => new Set(n).add(row.id));
        },
        // Not read (the network, for a moment): the row from the event stays, completed at the next load.
        () => undefined,
      );
    } else if (event.type === 'orientation.decided' || event.type === 'override.requested') {
      const row = data?.items.find((l) => l.id === liberationId);
      retirer(liberationId);
      void api<LiberationConsole>(`/console/liberations/${liberationId}`).then(
        (lu) => dire(row || lu.decision ? avisTraite(lu) : null),
        // Not read again (the network, for a moment): said from the event and the row the page had.
        () => dire(row && noms ? avisSansRelecture(event, row, noms) : null),
      );
    }
  });

  return (
    <section aria-labelledby="titre-file">
      <Group justify="space-between" mb="sm">
        <Title order={2} id="titre-file">
          À orienter{' '}
          {data ? (
            <Badge size="lg" ml="xs" data-testid="total">
              {data.total}
            </Badge>
          ) : null}
        </Title>
        <Button variant="default" onClick={() => void charger()}>
          Actualiser
        </Button>
      </Group>
      <div aria-live="polite" data-testid="avis">
        {avis.map((a, i) => (
          <Alert
            key={`${i}-${a}`}
            color="gray"
            mb="xs"
            withCloseButton
            closeButtonLabel="Fermer"
            onClose={() => setAvis((list) => list.filter((x) => x !== a))}
          >
            {a}
          </Alert>
        ))}
      </div>
      <ListeChargee data={data} erreur={erreur} vide="Aucun logement à orienter.">
        {(items) => (
          <Table.ScrollContainer minWidth={700}>
            <Table highlightOnHover data-testid="file">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Logement</Table.Th>
                  <Table.Th>Commune</Table.Th>
                  <Table.Th>Libéré le</Table.Th>
                  <Table.Th>Recommandé</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden-label">Action</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((l) => (
                  <LigneFile key={l.id} l={l} nouvelle={nouvelles.has(l.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListeChargee>
      {data && (
        <Pages total={data.total} parPage={PAR_PAGE} page={page} onChange={setPage} libelle="Pages de la file" />
      )}
      {data && (
        <Text size="xs" mt="xs" c="dark.6">
          Mis à jour en direct · {dateHeureFr(new Date().toISOString())}
        </Text>
      )}
      <AvancementFige />
    </section>
  );
}
