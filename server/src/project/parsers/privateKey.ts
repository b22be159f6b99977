import type { PrivateKeyFile } from '../projectFiles';

/** The armour line of a PEM private key: `-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`. */
const PRIVATE_KEY_HEADER = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;

/** A `.pem` or `.key` file that holds a private key, with where its armour line is; undefined for certificates and public keys. */
export function parsePrivateKey(path: string, text: string): PrivateKeyFile | undefined {
  const match = PRIVATE_KEY_HEADER.exec(text);
  return match ? { path, text, comments: [], header: [match.index, match.index + match[0].length] } : undefined;
}
