/**
 * Unknown fields, which the schema validators let through (Kubernetes' OpenAPI schemas allow extra properties,
 * and the API server drops them silently): each rendered object is type-checked as an object literal against its
 * model's TypeScript interface, so TypeScript's excess-property check names any field the API does not have, at
 * any depth (`terminationGracePeriodSecond`, `readinesProbe`…).
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import type { K8sObject } from './kubernetes.ts';

/** `apiVersion/kind` → the module and interface of its model. */
const TYPES: Record<string, [string, string]> = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
  'keda.sh/v1alpha1/ScaledObject': ['@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', 'IScaledObject'],
  'keda.sh/v1alpha1/TriggerAuthentication': [
    '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
    'ITriggerAuthentication',
  ],
};

/**
 * Fields of `objects` that their types do not have, as `Deployment/profai-api: Object literal may only specify
 * known properties, and 'readinesProbe' does not exist in type …`; [] when none. `fromDir` is where the
 * packages resolve from (the project root).
 */
export function unknownFields(objects: readonly K8sObject[], fromDir: string): string[] {
  const names: string[] = [];
  const lines: string[] = [];
  for (const [i, obj] of objects.entries()) {
    const type = TYPES[`${obj.apiVersion}/${obj.kind}`];
    if (!type) continue; // schemaProblems() reports a kind without a model
    lines.push(`import type { ${type[1]} as T${i} } from '${type[0]}';`);
    lines.push(`export const o${i}: T${i} = ${JSON.stringify(obj)};`);
    names.push(`${obj.kind}/${obj.metadata.name}`);
  }
  const file = resolve(fromDir, '__manifests_check__.ts');
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (f === file ? source : readFile(f));
  host.fileExists = (f) => f === file || fileExists(f);
  host.getSourceFile = (
    (orig) => (f, lang, onError, create) =>
      f === file ? ts.createSourceFile(f, source, lang) : orig(f, lang, onError, create)
  )(host.getSourceFile.bind(host));
  const program = ts.createProgram([file], options, host);
  // A check that found no file to check would find nothing wrong: make sure it is there.
  if (!program.getSourceFile(file)) throw new Error(`the manifests' check file ${file} was not compiled`);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => {
      const line = d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const which = names[Math.floor((line - 1) / 2)] ?? '?';
      return `${which}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}
