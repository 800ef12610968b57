// Validates every document of the given Kubernetes manifests against the API schemas (kubernetes-models),
// and the rules this deployment promises: probes on every container, resource requests and limits, a read-only
// root filesystem, no privilege escalation, non-root. Exit 1 with one line per problem.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Service, Namespace } from 'kubernetes-models/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

const kinds = { Deployment, StatefulSet, Service, Namespace, NetworkPolicy, PodDisruptionBudget };
const problems = [];
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const obj = doc.toJS();
    if (!obj) continue;
    count++;
    const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
    const Kind = kinds[obj.kind];
    if (!Kind) { problems.push(`${where}: kind not expected here`); continue; }
    try { new Kind(obj).validate(); } catch (e) { problems.push(`${where}: ${e.message}`); }
    if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') {
      const pod = obj.spec.template.spec;
      if (!pod.securityContext?.runAsNonRoot) problems.push(`${where}: runAsNonRoot missing`);
      for (const c of pod.containers) {
        for (const p of ['livenessProbe', 'readinessProbe']) if (!c[p]) problems.push(`${where}: ${c.name} has no ${p}`);
        if (!c.resources?.requests || !c.resources?.limits) problems.push(`${where}: ${c.name} lacks requests or limits`);
        if (!c.securityContext?.readOnlyRootFilesystem) problems.push(`${where}: ${c.name} root filesystem writable`);
        if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: ${c.name} may escalate`);
      }
    }
  }
}
for (const p of problems) console.error(p);
console.log(`k8s-validate: ${count} documents, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
