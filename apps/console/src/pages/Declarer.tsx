import { Alert, Button, Group, NativeSelect, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { MOTIFS_LIBERATION } from '../format';
import { Lien } from '../router';
import type { LogementLu } from '../types';
import { Formulaire, useChamp, useEnvoi } from './communs';
import { ImportLiberations } from './ImportLiberations';

const aujourdhui = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

/** « JJ/MM/AAAA » → « AAAA-MM-JJ » (the API's format, also accepted as typed); anything else is sent as typed, for the API to say why. */
function versIso(date: string): string {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : date.trim();
}

/** Declare one libération (flat found by RPLS id, commune or résidence), or upload a file. */
export function Declarer() {
  const { erreur, envoi, envoyer } = useEnvoi();
  /** The search for the flat: the API's refusal of `logementId` is said under it. */
  const recherche = useChamp('logementId', erreur);
  const q = recherche.valeur;
  const [trouves, setTrouves] = useState<LogementLu[]>([]);
  const [logementId, setLogementId] = useState('');
  const date = useChamp('date', erreur, aujourdhui());
  const motif = useChamp('motif', erreur, 'CONGE');
  const [declaree, setDeclaree] = useState<{ id: string; texte: string } | null>(null);

  useEffect(() => {
    if (q.trim().length < 2) {
      setTrouves([]);
      return;
    }
    let actif = true;
    const t = setTimeout(() => {
      api<LogementLu[]>(`/console/logements?q=${encodeURIComponent(q.trim())}&limit=10`)
        .then((list) => {
          if (!actif) return;
          setTrouves(list);
          const exact = list.find((l) => l.rplsId.toLowerCase() === q.trim().toLowerCase());
          setLogementId(exact?.id ?? (list.length === 1 ? list[0].id : ''));
        })
        .catch(() => actif && setTrouves([]));
    }, 200);
    return () => {
      actif = false;
      clearTimeout(t);
    };
  }, [q]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDeclaree(null);
    await envoyer(async () => {
      const r = await api<{
        created: boolean;
        liberation: { id: string };
        recommendation: { recommandee: unknown } | null;
      }>('/liberations', {
        method: 'POST',
        body: { logementId, date: versIso(date.valeur), motif: motif.valeur },
      });
      const l = trouves.find((x) => x.id === logementId);
      setDeclaree({
        id: r.liberation.id,
        texte: `${r.created ? 'Libération déclarée' : 'Déjà déclarée ce jour'} : logement ${l?.rplsId ?? ''} (${l?.communeNom ?? ''}).`,
      });
    });
  }

  return (
    <Stack>
      <Title order={2}>Déclarer une libération</Title>
      <Formulaire id="titre-declarer" titre="Un logement" onSubmit={submit}>
        <TextInput
          label="Logement : identifiant RPLS, commune ou résidence"
          placeholder="ex. 45VL000123 ou Montargis"
          {...recherche.props}
        />
        {trouves.length > 0 && (
          <Radio.Group
            label="Logements trouvés"
            value={logementId}
            onChange={setLogementId}
            data-testid="logements-trouves"
          >
            <Stack gap={4} mt={4}>
              {trouves.map((l) => (
                <Radio key={l.id} value={l.id} label={`${l.rplsId} — ${l.description}`} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {q.trim().length >= 2 && trouves.length === 0 && <Text size="sm">Aucun logement trouvé.</Text>}
        <Group grow>
          <TextInput
            label="Date de libération (JJ/MM/AAAA)"
            inputMode="numeric"
            placeholder="JJ/MM/AAAA"
            {...date.props}
          />
          <NativeSelect
            label="Motif"
            {...motif.props}
            data={Object.entries(MOTIFS_LIBERATION).map(([value, label]) => ({ value, label }))}
          />
        </Group>
        {erreur && erreur.erreurs.every((e) => !['logementId', 'date', 'motif'].includes(e.champ)) && (
          <Alert color="red" role="alert">
            {erreur.message}
          </Alert>
        )}
        {declaree && (
          <Alert color="green" role="status" data-testid="declaree">
            {declaree.texte} <Lien to={`/liberations/${declaree.id}`}>Décider maintenant</Lien>
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={envoi}>
            Déclarer
          </Button>
        </Group>
      </Formulaire>
      <ImportLiberations />
    </Stack>
  );
}
