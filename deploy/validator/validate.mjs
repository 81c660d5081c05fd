// Validates the deployment descriptors offline (./cfe deploy-check):
//  - every Kubernetes manifest against the Kubernetes API schemas (kubernetes-models: JSON schemas
//    generated from Kubernetes' OpenAPI document), and field by field against the official client's
//    model (@kubernetes/client-node): a misspelt field is an error, as the API server's strict field
//    validation makes it;
//  - the platform's own rules: probes, resources, non-root, a PodDisruptionBudget, an autoscaler and
//    a Service for every Deployment, gRPC targets that name a Service's port, only images the build makes;
//  - deploy/compose.yaml against the Compose Specification's JSON schema (deploy/schemas).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";
import * as k8s from "@kubernetes/client-node";

const deploy = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(deploy, "..");
const errors = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);
const IMAGES = ["gateway", "directory-service", "safeguarding-contacts-service", "attendance-service", "fsp-service", "launcher"]
  .map((module) => `cfe-${module}`);

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function documents(path) {
  return parseAllDocuments(readFileSync(path, "utf8"), { merge: true }).map((doc) => {
    if (doc.errors.length) fail(relative(root, path), doc.errors.map((e) => e.message).join("; "));
    return doc.toJS();
  }).filter((doc) => doc != null);
}

// --- Kubernetes: schema ---
async function validateSchema(where, object) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    return fail(where, `unknown kind ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
  } catch (e) {
    fail(where, e.message);
  }
}

// --- Kubernetes: no field the API does not know ---
const PRIMITIVE = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);
function checkFields(where, value, type, path) {
  if (value == null || PRIMITIVE.has(type)) return;
  let match;
  if ((match = /^Array<(.+)>$/.exec(type))) {
    value.forEach((item, i) => checkFields(where, item, match[1], `${path}[${i}]`));
    return;
  }
  if ((match = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    Object.entries(value).forEach(([key, item]) => checkFields(where, item, match[1], `${path}.${key}`));
    return;
  }
  const model = k8s[type];
  if (!model || typeof model.getAttributeTypeMap !== "function") return; // an enum or a scalar alias
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!attributes.has(key)) fail(where, `${path}.${key} is not a field of ${type}`);
    else checkFields(where, item, attributes.get(key), `${path}.${key}`);
  }
}
const modelName = (object) => `${object.apiVersion.split("/").pop().replace(/^v/, "V")}${object.kind}`;

// --- Kubernetes: the platform's rules ---
function checkPlatformRules(objects) {
  const named = (kind) => objects.filter((o) => o.object.kind === kind);
  const services = named("Service");
  for (const { where, object } of named("Deployment")) {
    const name = object.metadata.name;
    const pod = object.spec.template.spec;
    const labels = object.spec.template.metadata.labels ?? {};
    if (!pod.securityContext?.runAsNonRoot) fail(where, `${name}: the pod must run as non-root`);
    for (const c of pod.containers) {
      const ports = new Set((c.ports ?? []).map((p) => p.name));
      for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
        if (!c[probe]) fail(where, `${name}/${c.name}: no ${probe}`);
        else if (!ports.has(c[probe].httpGet?.port)) fail(where, `${name}/${c.name}: ${probe} is not on a named port of the container`);
      }
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory)
        fail(where, `${name}/${c.name}: needs cpu and memory requests and a memory limit`);
      if (!c.securityContext?.readOnlyRootFilesystem || c.securityContext?.allowPrivilegeEscalation !== false)
        fail(where, `${name}/${c.name}: read-only root file system, no privilege escalation`);
      const image = c.image.split("/").pop().split(":")[0];
      if (!IMAGES.includes(image)) fail(where, `${name}/${c.name}: ${c.image} is not an image ./cfe images builds`);
      for (const env of c.env ?? []) {
        const target = /^dns:\/\/\/([^.]+)\.[^:]+:(\d+)$/.exec(env.value ?? "");
        if (!target) continue;
        const service = services.find((s) => s.object.metadata.name === target[1]);
        if (!service) fail(where, `${name}: ${env.name} names no Service ${target[1]}`);
        else {
          if (service.object.spec.clusterIP !== "None") fail(where, `${name}: ${env.name} needs ${target[1]} headless (client-side balancing)`);
          if (!service.object.spec.ports.some((p) => String(p.port) === target[2])) fail(where, `${name}: ${env.name} port ${target[2]} is not a port of ${target[1]}`);
        }
      }
    }
    const selects = (selector) => selector && Object.entries(selector).every(([k, v]) => labels[k] === v);
    if (!services.some((s) => selects(s.object.spec.selector))) fail(where, `${name}: no Service selects it`);
    if (!named("PodDisruptionBudget").some((p) => selects(p.object.spec.selector.matchLabels))) fail(where, `${name}: no PodDisruptionBudget`);
    if (!named("HorizontalPodAutoscaler").some((h) => h.object.spec.scaleTargetRef.name === name)) fail(where, `${name}: no HorizontalPodAutoscaler`);
    if (!named("NetworkPolicy").some((n) => Object.keys(n.object.spec.podSelector).length === 0 && n.object.spec.policyTypes.includes("Ingress") && !n.object.spec.ingress))
      fail(where, `${name}: no default-deny NetworkPolicy`);
  }
}

async function validateKubernetes() {
  const dir = join(deploy, "kubernetes");
  const objects = [];
  for (const path of yamlFiles(dir)) {
    const where = relative(root, path);
    if (basename(path) === "kustomization.yaml") {
      const [kustomization] = documents(path);
      const listed = new Set(kustomization.resources);
      for (const resource of listed) {
        try { statSync(join(dirname(path), resource)); } catch { fail(where, `lists ${resource}, which does not exist`); }
      }
      for (const name of readdirSync(dirname(path)).filter((n) => /\.ya?ml$/.test(n))) {
        if (name !== "kustomization.yaml" && !name.endsWith(".example.yaml") && !listed.has(name)) fail(where, `does not list ${name}`);
      }
      continue;
    }
    for (const object of documents(path)) {
      await validateSchema(where, object);
      checkFields(where, object, modelName(object), object.kind);
      if (!path.endsWith(".example.yaml") && !path.includes("/mongodb/")) objects.push({ where, object });
    }
  }
  checkPlatformRules(objects);
  return objects.length;
}

// --- Compose ---
function validateCompose() {
  const path = join(deploy, "compose.yaml");
  const where = relative(root, path);
  const [compose] = documents(path);
  const schema = JSON.parse(readFileSync(join(deploy, "schemas", "compose-spec.json"), "utf8"));
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (!validate(compose)) validate.errors.forEach((e) => fail(where, `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`));
  for (const [name, service] of Object.entries(compose.services)) {
    const image = service.image.split(":")[0];
    if (image.startsWith("cfe-") && !IMAGES.includes(image)) fail(where, `${name}: ${service.image} is not an image ./cfe images builds`);
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (!compose.services[dependency]) fail(where, `${name} depends on ${dependency}, which is not a service`);
    }
  }
  const [prometheus] = documents(join(deploy, "compose", "prometheus.yaml"));
  for (const target of prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets))) {
    if (!compose.services[target.split(":")[0]]) fail("deploy/compose/prometheus.yaml", `scrapes ${target}, which is not a service`);
  }
  return Object.keys(compose.services).length;
}

const manifests = await validateKubernetes();
const composeServices = validateCompose();
if (errors.length) {
  console.error(errors.join("\n"));
  console.error(`deploy-check: ${errors.length} problem(s)`);
  process.exit(1);
}
console.log(`deploy-check: ${manifests} Kubernetes objects and ${composeServices} Compose services valid`);
