/**
 * Rendering kustomizations with the real `kubectl kustomize` and validating every object offline against the
 * Kubernetes OpenAPI schemas (npm `kubernetes-models`) and KEDA's API schemas (npm `@kubernetes-models/keda`,
 * generated from KEDA's CRD types). No cluster is needed, and none is reachable on the build machines.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';

/** A rendered object, as plain data. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are read field by field in the tests.
  spec?: any;
  data?: Record<string, string>;
}

/** Each kind the manifests may hold, with the model that validates it. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

const run = promisify(execFile);

/**
 * `kubectl kustomize DIR` (kustomize 4.1 or later, kubectl 1.22: `patches`, `labels`, `envs`), as objects; a
 * warning (a deprecated field) is an error.
 */
export async function kustomize(dir: string): Promise<K8sObject[]> {
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run('kubectl', ['kustomize', dir], { maxBuffer: 16 * 2 ** 20 }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error(
        'kubectl not found: the Kubernetes tests render with `kubectl kustomize` (kubectl ≥ 1.22, kustomize ≥ 4.1)',
      );
    throw new Error(
      `kubectl kustomize ${dir} failed (kubectl ≥ 1.22 needed): ${e.stderr?.trim() ?? e.message}`,
    );
  }
  // A deprecated field renders today and warns: it is the next kustomize's error.
  if (stderr.trim()) throw new Error(`kubectl kustomize ${dir} warned: ${stderr.trim()}`);
  return parseAllDocuments(stdout).map((d) => d.toJS() as K8sObject);
}

/** Problems of `obj` against its schema: `Deployment/profai-api: data/spec/… must be …`; [] when valid. */
export function schemaProblems(obj: K8sObject): string[] {
  const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  const name = `${obj.kind}/${obj.metadata?.name}`;
  if (!model) return [`${name}: no schema for ${obj.apiVersion} ${obj.kind} (add it to MODELS)`];
  try {
    new model(obj as never).validate();
    return [];
  } catch (err) {
    return [`${name}: ${(err as Error).message}`];
  }
}

export const find = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the rendered objects`);
  return found;
};
