import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, where the library's
 * default (64 MiB, 3 passes, 4 lanes) takes half a second of a 2-core machine per sign-in.
 */
const hashOptions = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hashing; verifying against a dummy hash keeps unknown e-mails as slow as wrong passwords. */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, hashOptions);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A malformed stored hash never matches (and must not become a 500).
      return false;
    }
  }

  /** Spends the same work as a real verification, for an account that does not exist. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('guichet-dummy-password-for-timing');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
