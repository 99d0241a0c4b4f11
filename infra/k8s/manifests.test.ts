import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  imageProblem,
  invariantProblems,
  K8S_DIR,
  type K8sObject,
  kubectlAvailable,
  OVERLAYS,
  render,
  schemaProblems,
} from './check-manifests.js';

const root = path.resolve(K8S_DIR, '../..');
const kubectl = kubectlAvailable();
if (!kubectl.ok) {
  // Printed, never silent: CI installs kubectl (.ci/run), so this only skips on a machine without it.
  console.warn(`[k8s manifests] SKIPPED: ${kubectl.reason}`);
}

describe.skipIf(!kubectl.ok)('Kubernetes manifests (kubectl kustomize, offline)', () => {
  const rendered = new Map<string, K8sObject[]>();
  beforeAll(() => {
    for (const overlay of OVERLAYS) rendered.set(overlay, render(path.join(K8S_DIR, 'overlays', overlay)));
  });
  const objects = (overlay: string) => rendered.get(overlay) ?? [];

  describe.each(OVERLAYS)('overlay %s', (overlay) => {
    it('renders every object the deployment needs', () => {
      const kinds = new Set(objects(overlay).map((o) => o.kind));
      for (const kind of [
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'Job',
        'Ingress',
        'ConfigMap',
        'Secret',
        'NetworkPolicy',
        'ServiceAccount',
        'Namespace',
      ]) {
        expect(kinds, kind).toContain(kind);
      }
      expect(new Set(objects(overlay).map((o) => o.metadata.namespace ?? o.metadata.name))).toEqual(
        new Set([overlay === 'dev' ? 'aura-fleet-dev' : 'aura-fleet']),
      );
    });

    it('validates every object against the Kubernetes API schemas (kubernetes-models)', async () => {
      expect(await schemaProblems(objects(overlay))).toEqual([]);
    });

    it('keeps the invariants: probes, limits, non-root, read-only root, pinned images, wiring', () => {
      expect(invariantProblems(objects(overlay))).toEqual([]);
    });

    it('sets only settings the processes document (docs/configuration.md)', () => {
      const documented = readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');
      const config = objects(overlay).find((o) => o.kind === 'ConfigMap');
      for (const key of Object.keys(config?.data ?? {})) {
        expect(documented, `${key} is not in docs/configuration.md`).toContain(`| \`${key}\``);
      }
    });
  });

  it('production commits no secret values: the base Secret holds placeholders only', () => {
    const secret = objects('production').find((o) => o.kind === 'Secret');
    const values = Object.values(secret?.data ?? {}).map((v) => Buffer.from(String(v), 'base64').toString());
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values)).toEqual(new Set(['REPLACE_ME']));
  });

  it('production pulls from a registry and pins the release tag of apps/api/package.json', () => {
    const { version } = JSON.parse(readFileSync(path.join(root, 'apps/api/package.json'), 'utf8'));
    const images = objects('production').flatMap((o) =>
      [...(o.spec?.template?.spec?.initContainers ?? []), ...(o.spec?.template?.spec?.containers ?? [])].map(
        (c: { image: string }) => c.image,
      ),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images)
      expect(image).toMatch(new RegExp(`^registry\\.example\\.com/aura-fleet/[a-z]+:${version}$`));
  });

  it('finds the problems it looks for (checks can fail)', async () => {
    const production = objects('production');
    const broken: K8sObject[] = structuredClone(production);
    const api = broken.find((o) => o.kind === 'Deployment' && o.metadata.name === 'aura-api');
    const container = api?.spec.template.spec.containers[0];
    container.image = 'registry.example.com/aura-fleet/api:latest';
    container.livenessProbe.httpGet.path = '/readyz';
    delete container.resources.limits;
    container.securityContext.readOnlyRootFilesystem = false;
    container.ports[0].containerPort = 'http';
    const workerPolicy = broken.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'aura-worker');
    workerPolicy?.spec.egress.splice(1); // only PostgreSQL and Redis, as before the webhook rule
    const problems = invariantProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment/aura-api container api: image registry.example.com/aura-fleet/api:latest uses the latest tag',
        'Deployment/aura-api: livenessProbe path is /readyz, expected /livez',
        'Deployment/aura-api container api: no cpu limits',
        'Deployment/aura-api container api: no memory limits',
        'Deployment/aura-api container api: readOnlyRootFilesystem is not true',
        'Deployment/aura-worker: no NetworkPolicy lets it reach port 443 (alert notifications)',
      ]),
    );
    expect((await schemaProblems(broken)).join('\n')).toMatch(
      /Deployment\/aura-api: .*containerPort must be integer/,
    );
    expect(
      await schemaProblems([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]),
    ).toEqual(['Widget/w: no schema for apiVersion example.com/v1']);
    expect(imageProblem('aura-fleet/api')).toBe('image aura-fleet/api has no tag');
    expect(imageProblem('localhost:5000/aura-fleet/api')).toBe(
      'image localhost:5000/aura-fleet/api has no tag',
    );
    expect(imageProblem('registry/aura@sha256:abc')).toBeUndefined();
  });
});
