import { createPrivateKey, X509Certificate } from 'node:crypto';
import { dirname } from 'node:path';
import type { PrivateKeyFile, TextFile } from '../projectFiles';

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

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
/** Names only this machine answers to: `localhost`, `*.localhost`, `*.local`, loopback addresses. */
const LOOPBACK_NAME = /^(?:DNS:(?:(?:[\w*-]+\.)*localhost|[\w*.-]+\.local)|IP Address:(?:127(?:\.\d+){3}|0:0:0:0:0:0:0:1|::1))$/i;

/**
 * Marks the keys whose certificate, in the same folder, is issued only to this machine's names
 * (lws's `ssl/private-key.pem` beside a certificate for `localhost` and `127.0.0.1`): a key made for
 * trying HTTPS locally, which no deploy can serve a real host with.
 */
export function withLocalhostCertificates(keys: readonly PrivateKeyFile[], files: readonly TextFile[]): PrivateKeyFile[] {
  const certificates = files.flatMap((file) => {
    const pem = CERTIFICATE.exec(file.text)?.[0];
    const certificate = pem ? parseCertificate(pem) : undefined;
    return certificate ? [{ folder: dirname(file.path), certificate }] : [];
  });
  if (certificates.length === 0) return [...keys];
  return keys.map((key) => {
    const local = certificates.some(({ folder, certificate }) => folder === dirname(key.path) && isLoopbackOnly(certificate) && certifies(certificate, key.text));
    return local ? { ...key, localhostOnly: true } : key;
  });
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function isLoopbackOnly(certificate: X509Certificate): boolean {
  const names = certificate.subjectAltName?.split(/,\s*/) ?? [];
  return names.length > 0 && names.every((name) => LOOPBACK_NAME.test(name));
}

function certifies(certificate: X509Certificate, keyText: string): boolean {
  try {
    return certificate.checkPrivateKey(createPrivateKey(keyText));
  } catch {
    return false;
  }
}
