/** Join codes: random, short, and easy to read aloud (no 0/O, no 1/I). */
import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@coderprep/contracts';

/** A new random join code (32^8 ≈ 10^12 codes: guessing one is hopeless at 10 tries per 15 minutes). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * Stores a fresh code with `tryStore` (false = taken by another cohort), drawing again on the
 * rare collision.
 */
export function withFreshJoinCode(tryStore: (code: string) => boolean, generate = newJoinCode): string {
  for (let i = 0; i < 10; i++) {
    const code = generate();
    if (tryStore(code)) return code;
  }
  throw new Error('could not find a free join code in 10 draws');
}
