/** The twelve factors, in our own words. Shared by the server, the CLI and the client's checklist. */
export type FactorNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

export interface Factor {
  readonly number: FactorNumber;
  readonly roman: string;
  /** Folder and rule-id prefix, e.g. `config` for factor III. */
  readonly slug: string;
  readonly title: string;
  /** One line: what the factor asks of a service. */
  readonly rule: string;
}

export const FACTORS: readonly Factor[] = [
  { number: 1, roman: 'I', slug: 'codebase', title: 'Codebase', rule: 'One app, one repository, many deploys: no code pulled in from sibling apps.' },
  { number: 2, roman: 'II', slug: 'dependencies', title: 'Dependencies', rule: 'Every package and tool the app uses is declared and locked; nothing is assumed to be on the machine.' },
  { number: 3, roman: 'III', slug: 'config', title: 'Config', rule: 'Whatever differs between deploys, credentials above all, comes from the environment, not from code.' },
  { number: 4, roman: 'IV', slug: 'backing-services', title: 'Backing services', rule: 'Databases, caches, queues and mail servers are attached by a URL in config, swappable without a code change.' },
  { number: 5, roman: 'V', slug: 'build-release-run', title: 'Build, release, run', rule: 'Build once, release with config, run unchanged: the running process never installs or builds code.' },
  { number: 6, roman: 'VI', slug: 'processes', title: 'Processes', rule: 'Processes are stateless and share nothing: sessions, uploads and data live in backing services.' },
  { number: 7, roman: 'VII', slug: 'port-binding', title: 'Port binding', rule: 'The app serves by binding to the port the environment gives it.' },
  { number: 8, roman: 'VIII', slug: 'concurrency', title: 'Concurrency', rule: 'Scale out with more processes managed by the platform; never daemonise or manage PID files.' },
  { number: 9, roman: 'IX', slug: 'disposability', title: 'Disposability', rule: 'Start fast and stop gracefully on SIGTERM: finish in-flight work, close the server, exit.' },
  { number: 10, roman: 'X', slug: 'dev-prod-parity', title: 'Dev/prod parity', rule: 'Development runs the same kinds of backing services as production.' },
  { number: 11, roman: 'XI', slug: 'logs', title: 'Logs', rule: 'Logs are an event stream written to stdout; routing and storage belong to the platform.' },
  { number: 12, roman: 'XII', slug: 'admin-processes', title: 'Admin processes', rule: 'Migrations and one-off tasks run as separate commands against the same release, not inside the web process.' },
];

export type FactorSlug = (typeof FACTORS)[number]['slug'];

export function factorBySlug(slug: string): Factor | undefined {
  return FACTORS.find((factor) => factor.slug === slug);
}

export function factorByNumber(number: number): Factor | undefined {
  return FACTORS[number - 1];
}
