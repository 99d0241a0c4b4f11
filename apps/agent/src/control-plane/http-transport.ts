import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, type Dispatcher, EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

/** Where requests to a URL go: straight, or through which proxy (from HTTP(S)_PROXY / NO_PROXY). */
export interface ProxyRoute {
  proxy: string | undefined;
  /** the NO_PROXY entry that sends the URL straight, if one did */
  bypassedBy?: string;
}

export interface HttpTransport {
  dispatcher: Dispatcher;
  /** extra CA certificates (count) trusted besides the system's */
  extraCaCertificates: number;
  route(url: string): ProxyRoute;
}

/** The CA bundle named by `api.caFile` cannot be used; `setting` names the configuration key. */
export class CaFileError extends Error {
  readonly setting = 'api.caFile';
  constructor(message: string) {
    super(message);
    this.name = 'CaFileError';
  }
}

function env(name: string, vars: Record<string, string | undefined>): string | undefined {
  return vars[name.toLowerCase()] ?? vars[name.toUpperCase()] ?? undefined;
}

/** Reads a PEM bundle and checks that it holds at least one certificate TLS can use. */
export function readCaBundle(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CaFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw new CaFileError(`${file} holds no PEM certificate`);
  try {
    tls.createSecureContext({ ca: certs });
  } catch (err) {
    throw new CaFileError(`${file}: ${(err as Error).message}`);
  }
  return certs;
}

/**
 * The process's HTTP transport for the API: undici's `EnvHttpProxyAgent` (HTTPS_PROXY, HTTP_PROXY,
 * NO_PROXY, upper or lower case), trusting the system CAs plus `caFile`, installed as the global
 * dispatcher so every `fetch` of the agent (the generated API client) goes through it.
 */
export function createHttpTransport(
  options: { caFile?: string } = {},
  vars: Record<string, string | undefined> = process.env,
): HttpTransport {
  const extra = options.caFile ? readCaBundle(options.caFile) : [];
  const tlsOptions = extra.length > 0 ? { ca: [...tls.rootCertificates, ...extra] } : {};
  const proxied = Boolean(env('https_proxy', vars) ?? env('http_proxy', vars));
  let dispatcher: Dispatcher;
  if (proxied) {
    // undici marks this agent experimental with a process warning; the agent documents its use
    const emit = process.emitWarning;
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const code = (rest[0] as { code?: string } | undefined)?.code;
      if (code === 'UNDICI-EHPA') return;
      (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
    }) as typeof process.emitWarning;
    try {
      dispatcher = new EnvHttpProxyAgent({
        ...(env('http_proxy', vars) ? { httpProxy: env('http_proxy', vars) } : {}),
        ...(env('https_proxy', vars) ? { httpsProxy: env('https_proxy', vars) } : {}),
        ...(env('no_proxy', vars) !== undefined ? { noProxy: env('no_proxy', vars) } : {}),
        connect: tlsOptions,
        // passed on to its ProxyAgent: TLS to the API through the proxy's tunnel
        requestTls: tlsOptions,
      } as EnvHttpProxyAgent.Options);
    } finally {
      process.emitWarning = emit;
    }
  } else {
    dispatcher = new Agent({ connect: tlsOptions });
  }
  return {
    dispatcher,
    extraCaCertificates: extra.length,
    route: (url) => proxyRoute(url, vars),
  };
}

/** Installs a transport for the whole process (global fetch included). */
export function installHttpTransport(transport: HttpTransport): void {
  setGlobalDispatcher(transport.dispatcher);
}

/** Which proxy a URL's request takes under HTTP(S)_PROXY / NO_PROXY (the rules undici applies). */
export function proxyRoute(url: string, vars: Record<string, string | undefined> = process.env): ProxyRoute {
  const u = new URL(url);
  const proxy =
    u.protocol === 'https:' ? (env('https_proxy', vars) ?? env('http_proxy', vars)) : env('http_proxy', vars);
  if (!proxy) return { proxy: undefined };
  const noProxy = env('no_proxy', vars) ?? '';
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  const host = u.hostname.toLowerCase();
  for (const raw of noProxy.split(/[,\s]+/).filter(Boolean)) {
    if (raw === '*') return { proxy: undefined, bypassedBy: raw };
    const [name = '', p] = raw.toLowerCase().split(':');
    if (p && Number(p) !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return { proxy: undefined, bypassedBy: raw };
  }
  return { proxy };
}

const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the API's certificate is signed by a CA this robot does not trust",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the API's certificate is signed by a CA this robot does not trust",
  SELF_SIGNED_CERT_IN_CHAIN: "the API's certificate chain ends in a CA this robot does not trust",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the API's certificate is self-signed and not trusted",
  CERT_HAS_EXPIRED: "the API's certificate has expired (or this robot's clock is wrong)",
  CERT_NOT_YET_VALID: "the API's certificate is not valid yet (or this robot's clock is wrong)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the API's certificate does not name the host in api.url",
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer TLS (is api.url https:// to an http:// port?)',
};

/**
 * One line for a failed request: fetch's bare "fetch failed" gets its cause, and TLS failures say
 * what is wrong and what to set (`api.caFile` for a CA the robot does not trust).
 */
export function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  let cause: unknown = (err as { cause?: unknown }).cause;
  // undici wraps the TLS error one or two levels down
  for (let i = 0; i < 3 && cause instanceof Error; i++) {
    const code = (cause as { code?: string }).code;
    if (code && TLS_CODES[code]) {
      const hint = /trust|self-signed/.test(TLS_CODES[code])
        ? '; set api.caFile (AURA_AGENT_API_CA_FILE) to the PEM bundle of the CA that signed it'
        : '';
      return `TLS: ${TLS_CODES[code]} (${code})${hint}`;
    }
    if (code)
      return `${err.message} (${code}${cause.message && !cause.message.includes(code) ? `: ${cause.message}` : ''})`;
    const next = (cause as { cause?: unknown }).cause;
    if (!(next instanceof Error)) return `${err.message} (${cause.message})`;
    cause = next;
  }
  return err.message;
}
