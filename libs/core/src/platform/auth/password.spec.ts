import { hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct hors', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('même')).not.toBe(await hashPassword('même'));
  });

  it('treats malformed hashes as a mismatch', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$y$z$$', 'bcrypt$1$2$3$abc$def']) {
      await expect(verifyPassword('x', stored)).resolves.toBe(false);
    }
  });
});
