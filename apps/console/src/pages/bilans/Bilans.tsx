import { Alert, Button, Group, NumberInput, Progress, Select, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, telecharger } from '../../api';
import { dateHeureFr, departementFr } from '../../format';
import type { BilanProgression } from '../../types';
import { nomDepartement, useNoms, type Noms } from '../../noms';
import { Lien } from '../../router';
import { useChargementEnDirect, useSession } from '../../session';
import { EnTete, useEnvoi } from '../communs';
import { FORMATS, hashCourt, type SnapshotResume } from './types';

const ETAPES: Record<BilanProgression['statut'], string> = {
  EN_ATTENTE: 'En attente',
  EN_COURS: 'En cours',
  TERMINEE: 'Terminé',
  ECHEC: 'Échec',
};

/** A download button: the file is fetched with the session's token and saved under the API's name. */
function Telechargement({
  chemin,
  libelle,
  nom,
  titre,
}: {
  chemin: string;
  libelle: string;
  nom: string;
  titre: string;
}) {
  const [erreur, setErreur] = useState<string | null>(null);
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        aria-label={`${libelle} — ${titre}`}
        onClick={() => {
          setErreur(null);
          telecharger(chemin, nom).catch((e: Error) => setErreur(e.message));
        }}
      >
        {libelle}
      </Button>
      {erreur && (
        <Text size="xs" c="red" role="alert">
          {erreur}
        </Text>
      )}
    </>
  );
}

/** A bilan's download buttons, one per format (`${chemin}/${format}`), saved as `bilan-<année>.<format>`. */
export function Telechargements({ chemin, annee, titre }: { chemin: string; annee: number; titre: string }) {
  return (
    <Group gap={4}>
      {FORMATS.map((f) => (
        <Telechargement
          key={f}
          chemin={`${chemin}/${f}`}
          libelle={f.toUpperCase()}
          nom={`bilan-${annee}.${f}`}
          titre={titre}
        />
      ))}
    </Group>
  );
}

/** The départements where the bailleur has an exercice, as the form's options (« Rhône (69) »). */
function departementsDu(noms: Noms | null, bailleurId: string | null): Array<{ value: string; label: string }> {
  return [...(noms?.departements ?? [])]
    .filter(([, d]) => bailleurId !== null && d.bailleurIds.includes(bailleurId))
    .map(([code, d]) => ({ value: code, label: departementFr(code, d.nom) }));
}

/** The annual bilans: the list of snapshots, the generation of a year with its live progress, the downloads. */
export function Bilans() {
  const { utilisateur, live } = useSession();
  const [bilans, setBilans] = useState<SnapshotResume[] | null>(null);
  const [bailleurs, setBailleurs] = useState<Array<{ id: string; nom: string }>>([]);
  const [bailleurId, setBailleurId] = useState<string | null>(utilisateur?.bailleurIds[0] ?? null);
  // The département chosen; the bailleur's first one until one of its own is chosen.
  const [choix, setChoix] = useState('');
  const [annee, setAnnee] = useState<number | string>(new Date().getFullYear());
  const [demandee, setDemandee] = useState<BilanProgression | null>(null);
  // Every step heard, by generation: a fast job may be done before the POST answers.
  const [etapes, setEtapes] = useState<Record<string, BilanProgression>>({});
  const generation = demandee ? (etapes[demandee.generationId] ?? demandee) : null;
  const { erreur, envoi, envoyer } = useEnvoi();
  const noms = useNoms();
  const departements = departementsDu(noms, bailleurId);
  const departement = departements.some((d) => d.value === choix) ? choix : (departements[0]?.value ?? '');

  const lire = useCallback(async () => {
    const [liste, b] = await Promise.all([
      api<SnapshotResume[]>('/bilans'),
      api<Array<{ id: string; nom: string }>>('/bailleurs'),
    ]);
    setBailleurs(b);
    setBilans(liste);
  }, []);
  const charger = useCallback(() => lire().catch(() => setBilans((l) => l ?? [])), [lire]);
  useChargementEnDirect(charger);

  useEffect(
    () =>
      live?.onBilan((p) => {
        setEtapes((e) => ({ ...e, [p.generationId]: p }));
        if (p.statut === 'TERMINEE') void charger();
      }),
    [live, charger],
  );

  const nomBailleur = (id: string) => bailleurs.find((b) => b.id === id)?.nom ?? 'Bailleur';

  return (
    <div>
      <Title order={2} mb="md">
        Bilans annuels
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void envoyer(async () => {
            const g = await api<BilanProgression & { id: string }>('/bilans', {
              method: 'POST',
              body: { bailleurId, departement, annee: Number(annee) },
            });
            setDemandee({ ...g, generationId: g.id });
          });
        }}
      >
        <Title order={3} size="h4" mb="xs">
          Générer le bilan d'une année
        </Title>
        <Group align="flex-start">
          <Select
            label="Bailleur"
            data={bailleurs.map((b) => ({ value: b.id, label: b.nom }))}
            value={bailleurId}
            onChange={setBailleurId}
            error={erreur?.champ('bailleurId')}
            allowDeselect={false}
          />
          <Select
            label="Département"
            data={departements}
            value={departement || null}
            onChange={(v) => setChoix(v ?? '')}
            error={erreur?.champ('departement')}
            allowDeselect={false}
          />
          <NumberInput
            label="Année"
            value={annee}
            onChange={setAnnee}
            error={erreur?.champ('annee')}
            min={2000}
            max={2100}
            w={120}
          />
          <Button type="submit" loading={envoi} mt={24}>
            Générer le bilan
          </Button>
        </Group>
        {erreur && erreur.erreurs.length === 0 && (
          <Alert color="red" mt="sm">
            {erreur.message}
          </Alert>
        )}
      </form>
      {generation && (
        <div data-testid="generation" aria-live="polite">
          <Text size="sm" mt="md">
            Bilan {generation.annee} — {nomDepartement(noms, generation.departement)} : {ETAPES[generation.statut]}
            {generation.etape ? ` — ${generation.etape}` : ''} ({generation.progression} %)
          </Text>
          <Progress
            value={generation.progression}
            color={generation.statut === 'ECHEC' ? 'red' : generation.statut === 'TERMINEE' ? 'green' : 'blue'}
            aria-label="Progression de la génération du bilan"
            mt={4}
          />
          {generation.erreur && (
            <Alert color="red" mt="xs">
              {generation.erreur}
            </Alert>
          )}
        </div>
      )}
      <Title order={3} size="h4" mt="lg" mb="xs">
        Bilans calculés
      </Title>
      {!bilans ? (
        <Text>Chargement…</Text>
      ) : bilans.length === 0 ? (
        <Text>Aucun bilan calculé pour l'instant.</Text>
      ) : (
        <Table striped data-testid="bilans">
          <EnTete
            titres={[
              'Année',
              'Bailleur',
              'Département',
              'Calculé le',
              'Calculé par',
              'Libérations',
              'Version',
              'Bilan consolidé',
            ]}
          />
          <Table.Tbody>
            {bilans.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Lien to={`/bilans/${b.id}`}>Bilan {b.annee}</Lien>
                </Table.Td>
                <Table.Td>{nomBailleur(b.bailleurId)}</Table.Td>
                <Table.Td>{departementFr(b.departement, b.departementNom)}</Table.Td>
                <Table.Td>{dateHeureFr(b.createdAt)}</Table.Td>
                <Table.Td>{b.calculePar ?? 'traitement automatique'}</Table.Td>
                <Table.Td>{b.lignes}</Table.Td>
                <Table.Td>
                  <Text
                    size="xs"
                    ff="monospace"
                    title={`Empreinte SHA-256 ${b.hash}, événement ${b.versionEvenements}`}
                  >
                    {hashCourt(b.hash)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Telechargements
                    chemin={`/bilans/${b.id}/consolide`}
                    annee={b.annee}
                    titre={`télécharger le bilan consolidé ${b.annee} de ${nomBailleur(b.bailleurId)}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
