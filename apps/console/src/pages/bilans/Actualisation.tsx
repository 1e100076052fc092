import { Alert, Badge, Button, Loader, NumberInput, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { nombreFr } from '../../format';
import { nomDepartement, useNoms } from '../../noms';
import { Lien } from '../../router';
import { EnTete, useEnvoi } from '../communs';
import type { Actualisation as ActualisationLue, Explique } from './types';

function Ligne({
  libelle,
  chiffre,
  unite = '',
  champ,
  erreur,
}: {
  libelle: string;
  chiffre: Explique<number>;
  unite?: string;
  champ?: string;
  erreur?: string;
}) {
  return (
    <Table.Tr data-champ={champ}>
      <Table.Th scope="row">{libelle}</Table.Th>
      <Table.Td>
        {nombreFr(chiffre.valeur)}
        {unite}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{chiffre.explication}</Text>
        {erreur && (
          <Text size="sm" c="red" role="alert">
            {erreur}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Next year's actualisation: each number with its explanation, the objectives the MANAGER may change, validation. */
export function Actualisation({ id }: { id: string }) {
  const [a, setA] = useState<ActualisationLue | null>(null);
  const [objectifs, setObjectifs] = useState<Record<string, number | string>>({});
  const [chargement, setChargement] = useState<string | null>(null);
  const { erreur, envoi, envoyer } = useEnvoi();
  const noms = useNoms();

  useEffect(() => {
    api<ActualisationLue>(`/actualisations/${id}`)
      .then(setA)
      .catch((e: Error) => setChargement(e.message));
  }, [id]);

  if (chargement) return <Alert color="red">{chargement}</Alert>;
  if (!a) return <Loader aria-label="Chargement" />;
  const p = a.proposition.proposition;
  const validee = a.statut === 'VALIDEE';
  const modifies = Object.entries(objectifs).filter(([, v]) => v !== '');
  const raison = (champ: string) => erreur?.champ(champ);

  return (
    <div>
      <Text size="sm" mb="xs">
        <Lien to="/bilans">← Tous les bilans</Lien>
      </Text>
      <Title order={2} mb="xs">
        Exercice {p.annee} proposé à partir du bilan {p.anneeSource} — {nomDepartement(noms, p.departement)}{' '}
        <Badge color={validee ? 'green' : 'gray'}>{validee ? 'Validé' : 'Brouillon'}</Badge>
      </Title>
      <Title order={3} size="h4" mt="md" mb="xs">
        Assiette et flux
      </Title>
      <Table>
        <EnTete titres={['Chiffre', 'Valeur', 'Explication']} />
        <Table.Tbody>
          <Ligne libelle="Logements du patrimoine" chiffre={p.assiette.logements} />
          <Ligne libelle="Stock défense" chiffre={p.assiette.stockDefense} />
          <Ligne libelle="Plans de vente" chiffre={p.assiette.plansVente} />
          <Ligne libelle="Démolitions" chiffre={p.assiette.demolitions} />
          <Ligne
            libelle="Taux de rotation"
            chiffre={{ ...p.assiette.tauxRotation, valeur: p.assiette.tauxRotation.valeur * 100 }}
            unite=" %"
            champ="tauxRotation"
            erreur={raison('tauxRotation')}
          />
          <Ligne libelle="Mutations prévues" chiffre={p.assiette.mutations} erreur={raison('exclusions')} />
          <Ligne libelle="Relogements NPNRU" chiffre={p.assiette.relogements.npnru} />
          <Ligne libelle="Relogements ORCOD" chiffre={p.assiette.relogements.orcod} />
          <Ligne libelle="Lutte contre l'habitat indigne" chiffre={p.assiette.relogements.lhi} />
          <Ligne libelle="Flux à répartir" chiffre={p.fluxARepartir} />
          <Ligne libelle="Nouveaux programmes" chiffre={p.nouveauxProgrammes} />
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4" mt="lg" mb="xs">
        Objectifs par convention
      </Title>
      <Table striped data-testid="objectifs">
        <EnTete titres={['Réservataire', 'Convention', 'Déficit reporté', `Objectif ${p.annee}`, 'Explication']} />
        <Table.Tbody>
          {p.objectifs.map((o, i) => (
            <Table.Tr key={o.conventionId}>
              <Table.Td>{o.reservataireNom}</Table.Td>
              <Table.Td>{o.reference}</Table.Td>
              <Table.Td title={o.deficitReporte.explication}>{nombreFr(o.deficitReporte.valeur)}</Table.Td>
              <Table.Td>
                {validee ? (
                  nombreFr(o.objectif.valeur)
                ) : (
                  <NumberInput
                    aria-label={`Objectif ${p.annee} — ${o.reservataireNom}, convention ${o.reference}`}
                    value={objectifs[o.conventionId] ?? o.objectif.valeur}
                    onChange={(v) => setObjectifs((s) => ({ ...s, [o.conventionId]: v }))}
                    min={0}
                    w={110}
                    error={raison(`objectifs.${i}`)}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{o.objectif.explication}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {erreur && (
        <Alert color="red" mt="md" title="Proposition refusée">
          {erreur.erreurs.length > 0 ? 'Corrigez les chiffres signalés : rien n’a été enregistré.' : erreur.message}
        </Alert>
      )}
      {!validee && (
        <Button
          mt="md"
          loading={envoi}
          onClick={() =>
            void envoyer(async () => {
              if (modifies.length > 0) {
                const body = {
                  objectifs: modifies.map(([conventionId, objectif]) => ({ conventionId, objectif: Number(objectif) })),
                };
                setA(await api<ActualisationLue>(`/actualisations/${id}`, { method: 'PATCH', body }));
                setObjectifs({});
              }
              await api(`/actualisations/${id}/valider`, { method: 'POST' });
              setA(await api<ActualisationLue>(`/actualisations/${id}`));
            })
          }
        >
          Valider l'exercice {p.annee}
        </Button>
      )}
      {validee && (
        <Alert color="green" mt="md">
          Exercice {p.annee} créé : objectifs fixés et déficits reportés sur les conventions.
        </Alert>
      )}
    </div>
  );
}
