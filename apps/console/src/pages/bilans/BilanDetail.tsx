import { Alert, Button, Group, Loader, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { dateHeureFr, departementFr, nombreFr } from '../../format';
import { Lien, navigate } from '../../router';
import { useSession } from '../../session';
import { EnTete } from '../communs';
import { Telechargements } from './Bilans';
import { hashCourt, type BilanLu, type Detail } from './types';

interface Figure {
  perimetre: 'convention' | 'reservataire' | 'bailleur';
  id?: string;
  indicateur: string;
  libelle: string;
}

const INDICATEURS: Array<[string, string]> = [
  ['proposes', 'Proposés'],
  ['attribues', 'Attribués'],
  ['baux', 'Baux'],
];

/** A figure of the bilan that opens on the flats it counts. */
function Chiffre({ valeur, figure, ouvrir }: { valeur: number; figure: Figure; ouvrir: (f: Figure) => void }) {
  return (
    <UnstyledButton
      onClick={() => ouvrir(figure)}
      aria-label={`${figure.libelle} : ${nombreFr(valeur)}, voir les logements`}
      style={{ textDecoration: 'underline', color: 'var(--mantine-color-blue-9)' }}
    >
      {nombreFr(valeur)}
    </UnstyledButton>
  );
}

/** One bilan: per convention its objective, what counted and the gap; each figure opens on its flats. */
export function BilanDetail({ id }: { id: string }) {
  const { utilisateur } = useSession();
  const [bilan, setBilan] = useState<BilanLu | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const [figure, setFigure] = useState<Figure | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [actualisation, setActualisation] = useState<ApiError | null>(null);
  const gestionnaire = utilisateur?.role === 'MANAGER' || utilisateur?.role === 'ADMIN';

  useEffect(() => {
    api<BilanLu>(`/bilans/${id}`)
      .then(setBilan)
      .catch((e: Error) => setErreur(e.message));
  }, [id]);

  function ouvrir(f: Figure) {
    setFigure(f);
    setDetail(null);
    const q = new URLSearchParams({ perimetre: f.perimetre, indicateur: f.indicateur, ...(f.id ? { id: f.id } : {}) });
    api<Detail>(`/bilans/${id}/detail?${q.toString()}`)
      .then(setDetail)
      .catch((e: Error) => setErreur(e.message));
  }

  if (erreur && !bilan) return <Alert color="red">{erreur}</Alert>;
  if (!bilan) return <Loader aria-label="Chargement" />;
  const b = bilan.bilan;
  return (
    <div>
      <Text size="sm" mb="xs">
        <Lien to="/bilans">← Tous les bilans</Lien>
      </Text>
      <Title order={2}>
        Bilan {b.annee} — {b.bailleur.nom} — {departementFr(bilan.departement, bilan.departementNom)}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Calculé le {dateHeureFr(bilan.createdAt)}, version {hashCourt(bilan.hash)}. Libérations de l'année :{' '}
        <Chiffre
          valeur={b.flux.liberes}
          figure={{ perimetre: 'bailleur', indicateur: 'liberes', libelle: "Libérations de l'année" }}
          ouvrir={ouvrir}
        />
        , flux réel à répartir : {nombreFr(b.flux.fluxReelARepartir)}.
      </Text>
      {gestionnaire && (
        <Group mb="md">
          <Button
            variant="light"
            onClick={() => {
              setActualisation(null);
              api<{ id: string }>('/actualisations', { method: 'POST', body: { snapshotId: id } })
                .then((a) => navigate(`/actualisations/${a.id}`))
                .catch((e: unknown) => setActualisation(e instanceof ApiError ? e : new ApiError(0, String(e))));
            }}
          >
            Proposer l'exercice {b.annee + 1}
          </Button>
          {actualisation && (
            <Alert color="red" py={4}>
              {actualisation.champ('snapshotId') ?? actualisation.message}
            </Alert>
          )}
        </Group>
      )}
      <Title order={3} size="h4" mb="xs">
        Par convention
      </Title>
      <Table striped data-testid="conventions">
        <EnTete
          titres={[
            'Réservataire',
            'Convention',
            'Objectif (flux réel)',
            'Objectif prévu',
            'Réalisé',
            'Écart',
            ...INDICATEURS.map(([, l]) => l),
          ]}
        />
        <Table.Tbody>
          {b.conventions.map((c) => (
            <Table.Tr key={c.conventionId}>
              <Table.Td>{c.reservataireNom}</Table.Td>
              <Table.Td>{c.reference}</Table.Td>
              <Table.Td>{nombreFr(c.objectif.reel)}</Table.Td>
              <Table.Td>{nombreFr(c.objectif.prevision)}</Table.Td>
              <Table.Td>{nombreFr(c.objectif.decompte)}</Table.Td>
              <Table.Td title={c.objectif.issue.explication}>{nombreFr(c.objectif.ecart)}</Table.Td>
              {INDICATEURS.map(([ind, l]) => (
                <Table.Td key={ind}>
                  <Chiffre
                    valeur={c.compteurs[ind] ?? 0}
                    figure={{
                      perimetre: 'convention',
                      id: c.conventionId,
                      indicateur: ind,
                      libelle: `${l} — ${c.reservataireNom}, convention ${c.reference}`,
                    }}
                    ouvrir={ouvrir}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4" mt="lg" mb="xs">
        Par réservataire
      </Title>
      <Table striped>
        <EnTete titres={['Réservataire', ...INDICATEURS.map(([, l]) => l), 'Son bilan']} />
        <Table.Tbody>
          {b.reservataires.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.nom}</Table.Td>
              {INDICATEURS.map(([ind, l]) => (
                <Table.Td key={ind}>
                  <Chiffre
                    valeur={r.compteurs[ind] ?? 0}
                    figure={{ perimetre: 'reservataire', id: r.id, indicateur: ind, libelle: `${l} — ${r.nom}` }}
                    ouvrir={ouvrir}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <Telechargements
                  chemin={`/bilans/${id}/reservataires/${r.id}`}
                  annee={b.annee}
                  titre={`télécharger le bilan ${b.annee} de ${r.nom}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {figure && (
        <section aria-label="Logements du chiffre" data-testid="detail">
          <Title order={3} size="h4" mt="lg" mb="xs">
            {figure.libelle}
          </Title>
          {!detail ? (
            <Loader aria-label="Chargement" />
          ) : detail.nombre === 0 ? (
            <Text>Aucun logement compté par ce chiffre.</Text>
          ) : (
            <div tabIndex={0} role="region" aria-label={`Logements : ${figure.libelle}`} style={{ overflowX: 'auto' }}>
              <Table striped>
                <EnTete titres={detail.colonnes.slice(0, 11).map((c) => c.titre)} />
                <Table.Tbody>
                  {detail.lignes.map((l) => (
                    <Table.Tr key={l.liberationId}>
                      {detail.colonnes.slice(0, 11).map((c) => (
                        <Table.Td key={c.cle}>{String(l[c.cle] ?? '')}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
