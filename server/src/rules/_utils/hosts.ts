/** The machine the process runs on: `localhost`, `127.0.0.1`, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\./.test(name);
}

/** Hosts that only exist inside a deploy's own network: never the same from one deploy to the next. */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopbackHost(name)) return true;
  if (/^10\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\./.test(name)) return true;
  if (/\.(?:internal|local|lan|svc|cluster\.local|consul|docker)$/.test(name)) return true;
  // A single-label name (`orders`, `db`) is a service name resolved inside the deploy's network; not a word that
  // stands for an address in an example (`http://ipaddress:9000/hook/` in an error's expected body).
  return /^[a-z][a-z0-9-]*$/.test(name) && !PLACEHOLDER_HOST.test(name);
}

const PLACEHOLDER_HOST = /^(?:ip|ip-?address|address|host-?name|host|domain|(?:your|my)-?(?:host|server|domain|ip|site|app)(?:-?name)?)$/;

/** Addresses a server binds to, not services it talks to. */
export function isBindAddress(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** `scheme://[user[:pass]@]host[:port]...` split into scheme and host, when it is a URL with a host. */
export function parseUrl(value: string): { scheme: string; host: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^\s@/]*@)?(\[[^\]]+\]|[^\s/:?#@]+)/i.exec(value.trim());
  return match ? { scheme: match[1].toLowerCase(), host: match[2] } : undefined;
}

/**
 * Public endpoints of hosted providers that every customer uses (`smtp.gmail.com`,
 * `smtp.sendgrid.net`, `email-smtp.eu-west-1.amazonaws.com`): the same for every deploy, so not a
 * deploy's attached resource. Instance endpoints under the same domains (`mydb.x.rds.amazonaws.com`)
 * are not in this list.
 */
const VENDOR_ENDPOINT = new RegExp(
  '^(?:' +
    [
      'smtp\\.gmail\\.com', 'smtp\\.googlemail\\.com', 'smtp-relay\\.gmail\\.com', 'smtp\\.office365\\.com', 'smtp-mail\\.outlook\\.com',
      'smtp\\.mail\\.yahoo\\.com', 'smtp\\.zoho\\.(?:com|eu)', 'smtp\\.sendgrid\\.net', 'smtp\\.mailgun\\.org', 'smtp\\.eu\\.mailgun\\.org',
      'smtp\\.postmarkapp\\.com', 'smtp\\.sparkpostmail\\.com', 'smtp\\.mandrillapp\\.com', 'in-v3\\.mailjet\\.com', 'smtp\\.fastmail\\.com',
      'smtp\\.mailtrap\\.io', 'sandbox\\.smtp\\.mailtrap\\.io', 'smtp-relay\\.brevo\\.com', 'smtp-relay\\.sendinblue\\.com', 'smtp\\.resend\\.com',
      'email-smtp\\.[a-z0-9-]+\\.amazonaws\\.com',
    ].join('|') +
    ')$',
  'i',
);

export function isVendorEndpoint(host: string): boolean {
  return VENDOR_ENDPOINT.test(host);
}
