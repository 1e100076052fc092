import { Alert, Button, FileInput, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { nombreFr } from '../format';
import { Formulaire, useEnvoi } from './communs';

interface ResultatImport {
  lignes: number;
  creees: number;
  existantes: number;
  lignesEnErreur: number;
  erreurs: Array<{ ligne: number; colonne: string | null; message: string }>;
}

/** Upload of a libérations file (the existing import): counts, then the line errors as a table. */
export function ImportLiberations() {
  const [bailleurs, setBailleurs] = useState<Array<{ id: string; nom: string }>>([]);
  const [bailleurId, setBailleurId] = useState('');
  const [fichier, setFichier] = useState<File | null>(null);
  const [resultat, setResultat] = useState<ResultatImport | null>(null);
  const { erreur, setErreur, envoi, envoyer } = useEnvoi();

  useEffect(() => {
    api<Array<{ id: string; nom: string }>>('/bailleurs')
      .then((list) => {
        setBailleurs(list);
        setBailleurId((current) => current || list[0]?.id || '');
      })
      .catch(() => setBailleurs([]));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!fichier) {
      setErreur(new ApiError(400, 'Requête invalide', [{ champ: 'fichier', raison: 'choisir un fichier CSV' }]));
      return;
    }
    setResultat(null);
    await envoyer(async () => {
      const contenu = await fichier.arrayBuffer();
      setResultat(
        await api<ResultatImport>(`/bailleurs/${bailleurId}/liberations/import`, {
          method: 'POST',
          raw: contenu,
          headers: { 'content-type': 'text/csv' },
        }),
      );
    });
  }

  return (
    <Formulaire id="titre-import" titre="Importer un fichier de libérations" onSubmit={submit}>
      <Text size="sm">
        CSV (séparateur « ; » ou « , », UTF-8 ou Latin-1) : colonnes rpls (ou logementId), date (AAAA-MM-JJ ou
        JJ/MM/AAAA), motif, type (facultatif).
      </Text>
      <NativeSelect
        label="Bailleur"
        value={bailleurId}
        onChange={(e) => setBailleurId(e.currentTarget.value)}
        data={bailleurs.map((b) => ({ value: b.id, label: b.nom }))}
      />
      <FileInput
        label="Fichier"
        placeholder="Choisir un fichier…"
        accept=".csv,text/csv"
        value={fichier}
        onChange={setFichier}
        error={erreur?.champ('fichier')}
        clearable
        clearButtonProps={{ 'aria-label': 'Retirer le fichier' }}
      />
      {erreur && erreur.champ('fichier') === undefined && (
        <Alert color="red" role="alert" title={erreur.message}>
          {erreur.erreurs.map((e) => `${e.champ} : ${e.raison}`).join(' ; ')}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={envoi}>
          Importer
        </Button>
      </Group>
      {resultat && (
        <>
          <Alert color={resultat.lignesEnErreur > 0 ? 'orange' : 'green'} role="status" data-testid="resultat-import">
            {nombreFr(resultat.lignes)} lignes : {nombreFr(resultat.creees)} libérations créées,{' '}
            {nombreFr(resultat.existantes)} déjà déclarées, {nombreFr(resultat.lignesEnErreur)} en erreur.
          </Alert>
          {resultat.erreurs.length > 0 && (
            <Table striped data-testid="erreurs-import">
              <Table.Caption>Lignes refusées</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ligne</Table.Th>
                  <Table.Th>Colonne</Table.Th>
                  <Table.Th>Raison</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resultat.erreurs.map((e, i) => (
                  <Table.Tr key={`${e.ligne}-${i}`}>
                    <Table.Td>{e.ligne}</Table.Td>
                    <Table.Td>{e.colonne ?? '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Formulaire>
  );
}
