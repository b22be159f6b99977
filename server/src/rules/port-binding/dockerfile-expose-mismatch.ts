/**
 * Factor VII: the app is self-contained and exports its service by binding to a port, and the
 * image declares that port with EXPOSE. `docker run -P`, compose tooling and several platforms
 * route to the exposed port; when it is not the one the app listens on, requests reach nothing.
 * The rule compares the ports the app's servers listen on (a literal, the default of
 * `process.env.PORT || 3000`, or the value the image gives that variable) with EXPOSE, and
 * stays silent whenever a port cannot be determined.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule, type FixSpec, type ReportDescriptor } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import type { DockerfileFile, DockerInstruction } from '../../project/projectFiles';
import { findProperty, getStaticString, isFunctionNode, unwrapExpression } from '../_utils/ast';
import { composeEntries, composeServices } from '../_utils/compose';
import { dockerVariables, expandDockerVariables, isDevDockerfile, runsNodeApp, runtimeInstructions } from '../_utils/dockerfiles';
import { listenArguments, portSetting, serverFactoryOptions, type PortSetting } from '../_utils/servers';
import { devOnlyFiles, isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'exposeMismatch';

interface ListenPorts {
  readonly settings: PortSetting[];
  /** A server whose port the rule cannot read (`config.port` from another module): the rule then stays silent. */
  unknown: boolean;
}

/** One port or a range, as EXPOSE writes them (`3000`, `3000/tcp`, `8000-8010`). */
interface ExposedPorts {
  readonly from: number;
  readonly to: number;
}

export default defineProjectRule<MessageId, ListenPorts>({
  id: 'port-binding/dockerfile-expose-mismatch',
  severity: 'info',
  description: 'A Dockerfile EXPOSE that is not the port the app listens on.',
  hasSuggestions: true,
  triggers: /\.listen\s*\(|\bport\s*:/,
  messages: {
    exposeMismatch:
      'The image exposes {{exposed}}, but the app listens on {{port}}. Tools and platforms that route to the declared port (docker run -P, port detection) reach nothing there: expose {{port}}, or have the image set the port the app reads.',
  },
  initial: () => ({ settings: [], unknown: false }),
  collect({ source, project, collected }) {
    if (isDevOnlyFile(project, source.path) || isBrowserFile(project.root, source.path, source.text)) return {};
    const add = (port: Node | undefined) => addPort(source, port, collected);
    return {
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        const listen = listenArguments(call);
        if (listen) add(listen.port);
        else add(factoryPort(source, call));
      },
      NewExpression: (node) => add(factoryPort(source, node as TSESTree.NewExpression)),
    };
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    const production = [...files].filter(([path]) => !devOnly.has(path)).map(([, file]) => file.collected);
    if (production.some((ports) => ports.unknown)) return;
    const settings = production.flatMap((ports) => ports.settings);
    if (settings.length === 0) return;
    for (const dockerfile of project.files.dockerfiles) {
      if (isDevDockerfile(dockerfile.path) || !runsNodeApp(dockerfile)) continue;
      checkDockerfile(project, dockerfile, settings, report);
    }
  },
});

function factoryPort(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): Node | undefined {
  const options = serverFactoryOptions(source, call);
  return options && (findProperty(options, 'port')?.value as Node | undefined);
}

function addPort(source: SourceCode, port: Node | undefined, collected: ListenPorts): void {
  if (!port) return;
  const value = unwrapExpression(port);
  if (isFunctionNode(value) || value.type === 'ObjectExpression') return;
  const setting = portSetting(source, value);
  if (setting?.kind === 'literal' && setting.port === 0) return;
  if (setting) collected.settings.push(setting);
  // Only something that reads like a port makes the answer unknown: `io.listen(server)` is not one, a socket path is not one.
  else if (getStaticString(value) === undefined && /port/i.test(source.getText(value))) collected.unknown = true;
}

function checkDockerfile(
  project: ProjectFacts,
  dockerfile: DockerfileFile,
  settings: readonly PortSetting[],
  report: (file: string, descriptor: ReportDescriptor<MessageId>) => void,
): void {
  const instructions = runtimeInstructions(dockerfile);
  const exposes = instructions.filter((instruction) => instruction.keyword === 'EXPOSE');
  if (exposes.length === 0) return;
  const variables = dockerVariables(instructions);
  const appPorts = listenPortsIn(project, settings, variables);
  const exposed = exposes.map((instruction) => exposedPorts(instruction, variables));
  if (!appPorts || appPorts.size === 0 || exposed.some((ports) => ports === undefined)) return;
  const matches = exposed.some((ports) => ports!.some((range) => [...appPorts].some((port) => port >= range.from && port <= range.to)));
  if (matches) return;
  const port = [...appPorts].sort((a, b) => a - b).join(' or ');
  exposes.forEach((instruction, index) => {
    const suggest = suggestions(instruction, exposed[index]!, appPorts, settings);
    report(dockerfile.path, { at: instruction.range, messageId: 'exposeMismatch', data: { exposed: instruction.args.trim(), port }, suggest });
  });
}

/**
 * The ports the app may listen on in this image. A port read from the environment takes the
 * image's ENV value, else its default; values that compose or .env files give the variable count
 * too. Undefined when a server's port is unknown here.
 */
function listenPortsIn(project: ProjectFacts, settings: readonly PortSetting[], variables: ReadonlyMap<string, string>): Set<number> | undefined {
  const ports = new Set<number>();
  for (const setting of settings) {
    if (setting.kind === 'literal') {
      ports.add(setting.port);
      continue;
    }
    const fromImage = portNumber(variables.get(setting.name));
    const elsewhere = valuesGivenTo(project, setting.name);
    const own = fromImage ?? setting.fallback;
    if (own === undefined && elsewhere.length === 0) return undefined;
    if (own !== undefined) ports.add(own);
    elsewhere.forEach((port) => ports.add(port));
  }
  return ports;
}

function valuesGivenTo(project: ProjectFacts, name: string): number[] {
  const compose = composeServices(project.files.composeFiles).flatMap((service) => composeEntries(service, 'environment'));
  const env = project.files.envFiles.flatMap((file) => file.entries);
  return [...compose, ...env].filter((entry) => entry.key === name).map((entry) => portNumber(entry.value)).filter((port): port is number => port !== undefined);
}

function portNumber(value: string | undefined): number | undefined {
  const text = value?.trim().replace(/^["']|["']$/g, '');
  return text !== undefined && /^\d{1,5}$/.test(text) && Number(text) < 65536 ? Number(text) : undefined;
}

/** The ports of one EXPOSE; undefined when a variable in it has no known value. */
function exposedPorts(instruction: DockerInstruction, variables: ReadonlyMap<string, string>): ExposedPorts[] | undefined {
  const ports: ExposedPorts[] = [];
  for (const token of instruction.args.split(/\s+/).filter(Boolean)) {
    const expanded = expandDockerVariables(token, variables);
    const match = expanded === undefined ? null : /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(?:tcp|udp|sctp))?$/i.exec(expanded);
    if (!match) return undefined;
    ports.push({ from: Number(match[1]), to: Number(match[2] ?? match[1]) });
  }
  return ports;
}

/** Expose the app's port instead; or, when the app reads its port from one variable, set it to the exposed port. */
function suggestions(instruction: DockerInstruction, exposed: readonly ExposedPorts[], appPorts: ReadonlySet<number>, settings: readonly PortSetting[]): FixSpec[] {
  const result: FixSpec[] = [];
  const single = exposed.length === 1 && exposed[0].from === exposed[0].to && /^\d+(?:\/tcp)?$/i.test(instruction.args.trim());
  if (single && appPorts.size === 1) {
    const [port] = appPorts;
    result.push({ title: `Expose port ${port}`, changes: [{ type: 'replace', range: instruction.argsRange, text: String(port) }] });
  }
  const names = new Set(settings.map((setting) => (setting.kind === 'env' ? setting.name : '')));
  const [name] = names;
  if (single && names.size === 1 && name !== '') {
    result.push({ title: `Set ${name}=${exposed[0].from} in the image`, changes: [{ type: 'replace', range: [instruction.range[0], instruction.range[0]], text: `ENV ${name}=${exposed[0].from}\n` }] });
  }
  return result;
}
