import type { INestApplication } from '@nestjs/common';
import { AuthService, UsersService, type UserRole } from '@aiguillage/core';
import { generateDepartement, type DemoDepartement } from '@aiguillage/demo';
import { insertDemo, ReservataireRepository, UserRepository } from '@aiguillage/persistence';
import { randomBytes } from 'crypto';
import type { DataSource } from 'typeorm';

/** Which generated département a suite starts from (`seedDemo`'s defaults: 5 bailleurs, ~1 200 flats, 22 conventions). */
export interface SeedOptions {
  seed?: number;
  scale?: number;
}

export const DEFAULT_SEED: Required<SeedOptions> = { seed: 7, scale: 0.02 };

/** The generated département of `options` (deterministic: the same seed and scale give the same ids). */
export function demoDepartement(options: SeedOptions = {}): DemoDepartement {
  return generateDepartement({ ...DEFAULT_SEED, ...options });
}

/** Writes a generated département (exercices 2026) into an empty database; returns it. */
export async function seedDemo(dataSource: DataSource, options: SeedOptions = {}): Promise<DemoDepartement> {
  const demo = demoDepartement(options);
  await insertDemo(dataSource, demo);
  return demo;
}

/** A logged-in account: its id and bearer token, and what a browser needs to log in through the form. */
export interface Account {
  userId: string;
  token: string;
  email: string;
  password: string;
  nom: string;
}

/**
 * Creates an account through the use case (as the ADMIN route does) and logs it in: the one way every
 * suite gets a user. `nom` defaults to the role and the (random) e-mail.
 */
export async function account(
  app: INestApplication,
  role: UserRole,
  bailleurIds: string[],
  reservataireId: string | null = null,
  nom?: string,
): Promise<Account> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@aiguillage.test`;
  const password = 'mot-de-passe-de-test';
  const name = nom ?? `${role} ${email}`;
  const user = await app
    .get(UsersService)
    .createAccount(
      { email, nom: name, password, role, bailleurIds, ...(reservataireId ? { reservataireId } : {}) },
      app.get(UserRepository),
      app.get(ReservataireRepository),
    );
  const login = await app.get(AuthService).login(email, password);
  return { userId: user.id, token: login.accessToken, email, password, nom: name };
}

/** The Authorization header of an account. */
export const auth = (a: { token: string }) => ({ Authorization: `Bearer ${a.token}` });
