import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useSession } from '../session';
import { useChamp, useEnvoi } from './communs';

export function Login() {
  const { login } = useSession();
  const { erreur, envoi, envoyer } = useEnvoi();
  const email = useChamp('email', erreur);
  const password = useChamp('password', erreur);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await envoyer(() => login(email.valeur, password.valeur));
  }

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Aiguillage
            </Title>
            <Text size="sm">Console d'attribution : connectez-vous avec votre compte.</Text>
            {erreur && erreur.erreurs.length === 0 && (
              <Alert color="red" role="alert" data-testid="erreur-connexion">
                {erreur.status === 401 ? 'Identifiants invalides' : erreur.message}
              </Alert>
            )}
            <TextInput label="Adresse e-mail" type="email" autoComplete="username" required {...email.props} />
            <PasswordInput label="Mot de passe" autoComplete="current-password" required {...password.props} />
            <Button type="submit" loading={envoi}>
              Se connecter
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
