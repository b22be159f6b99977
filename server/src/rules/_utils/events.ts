/** The EventEmitter methods that register a listener: `process.on('SIGTERM', …)`, `server.once('error', …)`. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
