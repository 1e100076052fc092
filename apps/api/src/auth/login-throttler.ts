import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import { AppConfig, TropDeRequetesError } from '@aiguillage/core';

const MINUTE = 60_000;

/** The account a login attempt is about (its e-mail, case-insensitive); the address when absent. */
function compteOf(req: { body?: { email?: unknown }; ip?: string }): string {
  const email = req.body?.email;
  return typeof email === 'string' ? `compte:${email.trim().toLowerCase()}` : `adresse:${req.ip ?? ''}`;
}

/**
 * Login throttling (@nestjs/throttler), per account and per client address, with a growing wait:
 * - per account: `compte` attempts a minute, then 1 minute of wait; 4 × `compte` in 15 minutes,
 *   then 15 minutes;
 * - per address: `adresse` attempts a minute, then 5 minutes.
 * Every attempt counts (a success too), so a guessed password gains nothing from retrying fast.
 */
export function loginThrottlers(config: AppConfig): ThrottlerOptions[] {
  const { compte, adresse } = config.get('loginEssais');
  return [
    { name: 'compte', ttl: MINUTE, limit: compte, blockDuration: MINUTE, getTracker: compteOf },
    { name: 'compte-15min', ttl: 15 * MINUTE, limit: 4 * compte, blockDuration: 15 * MINUTE, getTracker: compteOf },
    { name: 'adresse', ttl: MINUTE, limit: adresse, blockDuration: 5 * MINUTE },
  ];
}

export const LoginThrottlerModule = ThrottlerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({ throttlers: loginThrottlers(config), setHeaders: false }),
});

/** Applied to the login route only (`@UseGuards`): a French 429 with `Retry-After` (seconds). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const attente = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} secondes`;
    throw new TropDeRequetesError(`Trop de tentatives de connexion : réessayez dans ${attente}`, seconds);
  }
}
