import type { PrivateKeyFile } from '../projectFiles';

/** The armour line of a PEM private key: `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`. */
const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;

/** A key locked with a passphrase (`Proc-Type: 4,ENCRYPTED`, PKCS#8's `ENCRYPTED PRIVATE KEY`): useless to whoever has only the file. */
const ENCRYPTED_KEY = /^Proc-Type:\s*4,ENCRYPTED/m;

/**
 * A `.pem` or `.key` file that holds a private key anyone with the file can use, with where its armour
 * line is; undefined for certificates, public keys and keys encrypted with a passphrase.
 */
export function parsePrivateKey(path: string, text: string): PrivateKeyFile | undefined {
  const match = PRIVATE_KEY_HEADER.exec(text);
  if (!match || match[0].includes('ENCRYPTED') || ENCRYPTED_KEY.test(text)) return undefined;
  return { path, text, comments: [], header: [match.index, match.index + match[0].length] };
}
