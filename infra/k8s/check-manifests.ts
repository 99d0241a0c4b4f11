import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Renders the Kustomize overlays offline and checks what they produce: every object against the
 * Kubernetes API schemas (the `kubernetes-models` package), then the invariants the deployment
 * relies on (docs/deployment.md). Each check returns problems as sentences naming the object.
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are untyped YAML
  [field: string]: any;
}

export const K8S_DIR = path.resolve(import.meta.dirname);
export const OVERLAYS = ['dev', 'production'] as const;

export function kubectlAvailable(): { ok: true } | { ok: false; reason: string } {
  const result = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return { ok: false, reason: 'kubectl is not installed (Debian: apt-get install kubectl)' };
  }
  return { ok: true };
}

/** `kubectl kustomize DIR` → parsed objects (no cluster needed). */
export function render(dir: string): K8sObject[] {
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

const id = (object: K8sObject) => `${object.kind}/${object.metadata?.name}`;

/** The `kubernetes-models` module of an apiVersion: `apps/v1` → `kubernetes-models/apps/v1`. */
function modelModule(apiVersion: string): string {
  return `kubernetes-models/${apiVersion}`;
}

/**
 * kubectl wraps long base64 values of Secrets over several lines; the API server's decoder skips
 * line breaks, while the schema's `byte` format does not. Compare like the server does.
 */
function withoutBase64LineBreaks(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') return object;
  const field = object.kind === 'Secret' ? 'data' : 'binaryData';
  if (!object[field]) return object;
  const unwrapped = Object.fromEntries(
    Object.entries(object[field] as Record<string, string>).map(([key, value]) => [
      key,
      value.replace(/[\r\n]/g, ''),
    ]),
  );
  return { ...object, [field]: unwrapped };
}

/** Validates each object against its Kubernetes API schema; an unknown kind is a problem too. */
export async function schemaProblems(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    let module: Record<string, unknown>;
    try {
      module = (await import(modelModule(object.apiVersion))) as Record<string, unknown>;
    } catch {
      problems.push(`${id(object)}: no schema for apiVersion ${object.apiVersion}`);
      continue;
    }
    const Model = module[object.kind] as (new (data: unknown) => { validate(): void }) | undefined;
    if (typeof Model !== 'function') {
      problems.push(`${id(object)}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(withoutBase64LineBreaks(object)).validate();
    } catch (error) {
      problems.push(`${id(object)}: ${(error as Error).message}`);
    }
  }
  return problems;
}

interface PodOwner {
  owner: K8sObject;
  // biome-ignore lint/suspicious/noExplicitAny: pod spec from YAML
  pod: any;
  labels: Record<string, string>;
}

function podOwners(objects: K8sObject[]): PodOwner[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind))
    .map((owner) => ({
      owner,
      pod: owner.spec?.template?.spec ?? {},
      labels: owner.spec?.template?.metadata?.labels ?? {},
    }));
}

/** AURA Fleet's own workloads (not the dev overlay's throw-away PostgreSQL/Redis). */
const AURA_WORKLOADS = ['aura-api', 'aura-worker', 'aura-dashboard', 'aura-migrate'];

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

interface EgressRule {
  to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }>;
  ports?: Array<{ protocol?: string; port?: number | string }>;
}

/**
 * Whether a NetworkPolicy selecting these pods lets them open TCP `port` to addresses outside the
 * cluster (an ipBlock of 0.0.0.0/0, or a rule with no `to`).
 */
function egressToInternet(policies: K8sObject[], labels: Record<string, string>, port: number): boolean {
  return policies
    .filter((p) => matches(p.spec?.podSelector?.matchLabels, labels))
    .flatMap((p): EgressRule[] => p.spec?.egress ?? [])
    .some(
      (rule) =>
        (rule.to === undefined || rule.to.some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0')) &&
        (rule.ports === undefined ||
          rule.ports.some((p) => (p.protocol ?? 'TCP') === 'TCP' && Number(p.port) === port)),
    );
}

const quantity = (value: unknown) => value !== undefined && value !== null && String(value).length > 0;

/** Image references must pin a tag or digest, never `latest`. */
export function imageProblem(image: string): string | undefined {
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.split('/').pop() ?? image;
  if (!lastSegment.includes(':')) return `image ${image} has no tag`;
  if (lastSegment.endsWith(':latest')) return `image ${image} uses the latest tag`;
  return undefined;
}

/** The deployment's invariants; `longPollSeconds` is CONFIG_LONG_POLL_MAX_SECONDS. */
export function invariantProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  const configMaps = byKind('ConfigMap');
  const secrets = byKind('Secret');
  const config = configMaps.find((c) => c.metadata.name.startsWith('aura-fleet-config'));
  const settings: Record<string, string> = config?.data ?? {};

  // Everything the issue lists exists.
  for (const [kind, name] of [
    ['Deployment', 'aura-api'],
    ['Service', 'aura-api'],
    ['HorizontalPodAutoscaler', 'aura-api'],
    ['PodDisruptionBudget', 'aura-api'],
    ['Deployment', 'aura-worker'],
    ['Deployment', 'aura-dashboard'],
    ['Service', 'aura-dashboard'],
    ['Job', 'aura-migrate'],
    ['Ingress', 'aura-api'],
    ['Secret', 'aura-fleet-secrets'],
  ] as const) {
    if (!find(kind, name)) problems.push(`${kind}/${name} is missing`);
  }
  if (!config) problems.push('ConfigMap aura-fleet-config is missing');
  const secret = find('Secret', 'aura-fleet-secrets');
  if (secret) {
    const keys = Object.keys({ ...secret.data, ...secret.stringData });
    for (const key of ['DATABASE_URL', 'REDIS_URL']) {
      if (!keys.includes(key)) problems.push(`Secret/aura-fleet-secrets has no ${key}`);
    }
    if (settings.NODE_ENV === 'production' && !keys.includes('CONFIG_SIGNING_KEYS')) {
      problems.push('Secret/aura-fleet-secrets has no CONFIG_SIGNING_KEYS (required in production)');
    }
  }
  for (const key of Object.keys(settings)) {
    if (Object.keys(secret?.data ?? {}).includes(key))
      problems.push(`${key} is both in the ConfigMap and the Secret`);
  }
  if (/[{}]/.test(settings.REDIS_PREFIX ?? '') === false) {
    problems.push('REDIS_PREFIX has no {hash tag}: BullMQ on Redis Cluster needs one');
  }

  // Default deny, and every pod of ours is selected by an allow policy.
  const policies = byKind('NetworkPolicy');
  const denyAll = policies.find(
    (p) =>
      Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
      !p.spec?.ingress &&
      !p.spec?.egress &&
      ['Ingress', 'Egress'].every((t) => p.spec?.policyTypes?.includes(t)),
  );
  if (!denyAll)
    problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');

  for (const { owner, pod, labels } of podOwners(objects)) {
    const name = owner.metadata.name;
    const ours = AURA_WORKLOADS.includes(name);
    const where = id(owner);
    const containers: Array<{ name: string; [k: string]: unknown }> = [
      ...(pod.initContainers ?? []),
      ...(pod.containers ?? []),
    ];

    // Non-root, no privilege escalation, read-only root, no capabilities, requests and limits.
    if (pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${where}: pod securityContext.runAsNonRoot is not true`);
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') {
      problems.push(`${where}: pod seccompProfile is not RuntimeDefault`);
    }
    if (pod.automountServiceAccountToken !== false) problems.push(`${where}: mounts a service account token`);
    for (const container of containers) {
      // biome-ignore lint/suspicious/noExplicitAny: container from YAML
      const c = container as any;
      const at = `${where} container ${c.name}`;
      const security = c.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      if (security.readOnlyRootFilesystem !== true)
        problems.push(`${at}: readOnlyRootFilesystem is not true`);
      if (security.runAsUser === 0) problems.push(`${at}: runs as root`);
      if (security.privileged === true) problems.push(`${at}: is privileged`);
      if (!security.capabilities?.drop?.includes('ALL'))
        problems.push(`${at}: does not drop ALL capabilities`);
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (!quantity(c.resources?.[kind]?.[resource])) problems.push(`${at}: no ${resource} ${kind}`);
        }
      }
      const image = imageProblem(String(c.image ?? ''));
      if (image) problems.push(`${at}: ${image}`);
      // Every referenced ConfigMap/Secret exists in the render.
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !find('ConfigMap', from.configMapRef.name)) {
          problems.push(`${at}: envFrom ConfigMap ${from.configMapRef.name} does not exist`);
        }
        if (from.secretRef && !find('Secret', from.secretRef.name)) {
          problems.push(`${at}: envFrom Secret ${from.secretRef.name} does not exist`);
        }
      }
      for (const env of c.env ?? []) {
        const ref = env.valueFrom?.configMapKeyRef;
        if (ref && !find('ConfigMap', ref.name)?.data?.[ref.key]) {
          problems.push(`${at}: env ${env.name} reads ${ref.name}/${ref.key}, which does not exist`);
        }
      }
    }

    if (!ours) continue;
    if (owner.kind === 'Deployment') {
      if (!pod.topologySpreadConstraints?.length) problems.push(`${where}: no topologySpreadConstraints`);
      for (const c of pod.containers ?? []) {
        for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
          if (!c[probe]) problems.push(`${where} container ${c.name}: no ${probe}`);
        }
      }
    }
    // API and worker: liveness looks at the process only (/livez), readiness at dependencies.
    if (name === 'aura-api' || name === 'aura-worker') {
      const main = pod.containers?.[0];
      const expectPath = (probe: string, path: string) => {
        const actual = main?.[probe]?.httpGet?.path;
        if (actual !== path)
          problems.push(`${where}: ${probe} path is ${actual ?? 'unset'}, expected ${path}`);
      };
      expectPath('livenessProbe', '/livez');
      expectPath('startupProbe', '/livez');
      expectPath('readinessProbe', '/readyz');
      const waits = (pod.initContainers ?? []).some(
        // biome-ignore lint/suspicious/noExplicitAny: container from YAML
        (c: any) => String(c.image).includes('migrate') && c.args?.includes('--exit-code'),
      );
      if (!waits) problems.push(`${where}: no init container waiting for the migrations`);
      const port = name === 'aura-api' ? settings.PORT : settings.WORKER_HTTP_PORT;
      // biome-ignore lint/suspicious/noExplicitAny: ports from YAML
      if (!main?.ports?.some((p: any) => String(p.containerPort) === port)) {
        problems.push(
          `${where}: no container port ${port} (the configured ${name === 'aura-api' ? 'PORT' : 'WORKER_HTTP_PORT'})`,
        );
      }
      const grace = Number(pod.terminationGracePeriodSeconds ?? 30) * 1000;
      const shutdown = Number(settings.SHUTDOWN_TIMEOUT_MS ?? 10_000);
      if (grace <= shutdown) {
        problems.push(
          `${where}: terminationGracePeriodSeconds (${grace / 1000} s) ≤ SHUTDOWN_TIMEOUT_MS (${shutdown} ms)`,
        );
      }
    }
    // Services, PDBs, HPAs point at these pods.
    const selected = policies.some(
      (p) => (p.spec?.ingress || p.spec?.egress) && matches(p.spec?.podSelector?.matchLabels, labels),
    );
    if (!selected) problems.push(`${where}: no NetworkPolicy allows its traffic`);
    // The worker sends alert notifications (webhooks, Slack, PagerDuty) over HTTPS.
    if (name === 'aura-worker' && !egressToInternet(policies, labels, 443)) {
      problems.push(`${where}: no NetworkPolicy lets it reach port 443 (alert notifications)`);
    }
  }

  for (const service of byKind('Service')) {
    const target = podOwners(objects).find((o) => matches(service.spec?.selector, o.labels));
    if (!target) problems.push(`${id(service)}: selects no pods`);
    for (const port of service.spec?.ports ?? []) {
      const named = typeof port.targetPort === 'string';
      const ok = target?.pod.containers?.some(
        (c: { ports?: Array<{ name?: string; containerPort: number }> }) =>
          c.ports?.some((p) =>
            named ? p.name === port.targetPort : p.containerPort === (port.targetPort ?? port.port),
          ),
      );
      if (target && !ok) problems.push(`${id(service)}: targetPort ${port.targetPort} is no container port`);
    }
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!podOwners(objects).some((o) => matches(pdb.spec?.selector?.matchLabels, o.labels))) {
      problems.push(`${id(pdb)}: selects no pods`);
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const ref = hpa.spec?.scaleTargetRef;
    if (!find(ref?.kind, ref?.name))
      problems.push(`${id(hpa)}: scales ${ref?.kind}/${ref?.name}, which does not exist`);
    const deployment = find('Deployment', ref?.name);
    if (deployment && Number(deployment.spec?.replicas ?? 1) < Number(hpa.spec?.minReplicas ?? 1)) {
      problems.push(`${id(hpa)}: minReplicas above the Deployment's replicas`);
    }
  }

  // Long-polls fit through the Ingress: read timeout above CONFIG_LONG_POLL_MAX_SECONDS.
  const longPoll = Number(settings.CONFIG_LONG_POLL_MAX_SECONDS ?? 30);
  const apiIngress = find('Ingress', 'aura-api');
  const readTimeout = Number(
    apiIngress?.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'],
  );
  if (apiIngress && !(readTimeout > longPoll)) {
    problems.push(
      `Ingress/aura-api: proxy-read-timeout ${Number.isNaN(readTimeout) ? 'unset' : readTimeout} s does not exceed the ${longPoll} s long-poll`,
    );
  }
  for (const secret of secrets) {
    if (secret.metadata.name !== 'aura-fleet-secrets') problems.push(`${id(secret)}: unexpected Secret`);
  }
  return problems;
}
