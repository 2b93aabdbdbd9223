// The yardstick of issue 17: a plain JavaScript `simulate` of the events the benchmark scenarios
// use (release-version, publish-revision, move-latest, create-service, update-service,
// scale-service, recycle-service, LINUX only), building every step's objects directly and sharing
// nothing, in the trace shape of docs/format.md. It is not the product: `make bench` times the
// core against it, and checks that both run the same versions and patches at every step.
const iso = (at) => (at.length === 10 ? `${at}T00:00:00Z` : at);

export function plainSimulate(text) {
  const document = JSON.parse(text);
  const versions = [];
  let latest = null;
  const services = [];
  const counters = new Map();
  const steps = [];
  const find = (version) => versions.find((v) => v.version === version);
  const newest = (v) => v.revisions.length;
  for (const [index, event] of document.events.entries()) {
    const at = iso(event.at);
    const changes = [];
    let explanation;
    const start = (service, deployment) => {
      const number = (counters.get(service.name) ?? 0) + 1;
      counters.set(service.name, number);
      const version = find(deployment.version);
      const task = { number, version: deployment.version, revision: newest(version), startedAt: at };
      service.tasks.push(task);
      changes.push({ kind: "task-started", task: `${service.name}-${number}`, service: service.name, platformVersion: task.version, revision: task.revision });
    };
    const stop = (service, task, reason) => {
      service.tasks.splice(service.tasks.indexOf(task), 1);
      changes.push({ kind: "task-stopped", task: `${service.name}-${task.number}`, service: service.name, platformVersion: task.version, revision: task.revision, reason });
    };
    const deploy = (service) => {
      const number = (service.deployments[0]?.number ?? 0) + 1;
      const deployment = { number, version: service.requested === "LATEST" ? latest : service.requested, createdAt: at };
      service.deployments.unshift(deployment);
      service.deployments.length = Math.min(service.deployments.length, 4);
      changes.push({ kind: "deployment-created", service: service.name, deployment: `${service.name}/${number}`, platformVersion: deployment.version, requested: service.requested });
      return deployment;
    };
    const echo = { do: event.do };
    switch (event.do) {
      case "release-version": {
        versions.push({ version: event.version, family: "LINUX", state: "active", revisions: [event.features ?? []] });
        Object.assign(echo, { version: event.version, family: "LINUX", features: event.features ?? [] });
        changes.push({ kind: "version-released", version: event.version, family: "LINUX" });
        explanation = `AWS released platform version ${event.version} (LINUX) with revision 1. Nothing running changes.`;
        break;
      }
      case "publish-revision": {
        const v = find(event.version);
        v.revisions.push([...v.revisions.at(-1), ...(event.features ?? [])]);
        Object.assign(echo, { version: event.version, family: "LINUX", features: event.features ?? [] });
        changes.push({ kind: "revision-published", version: event.version, family: "LINUX", revision: newest(v) });
        explanation = `AWS published revision ${newest(v)} of ${event.version}. Running tasks keep their revision; tasks started from now on get this one.`;
        break;
      }
      case "move-latest": {
        changes.push({ kind: "latest-moved", family: "LINUX", from: latest, to: event.to });
        latest = event.to;
        Object.assign(echo, { to: event.to, family: "LINUX" });
        explanation = `AWS moved LATEST (LINUX) to ${event.to}. Nothing running changes: services keep the version their deployment resolved.`;
        break;
      }
      case "create-service": {
        const service = { name: event.service, requested: event.platformVersion ?? "LATEST", desired: event.desiredCount ?? 1, deployments: [], tasks: [] };
        services.push(service);
        Object.assign(echo, { service: service.name, platformVersion: service.requested, family: "LINUX", desiredCount: service.desired, requires: [], deploymentController: "ECS" });
        changes.push({ kind: "service-created", service: service.name });
        const deployment = deploy(service);
        for (let n = 0; n < service.desired; n++) start(service, deployment);
        explanation = `${service.name} asked for ${service.requested}; LATEST meant ${deployment.version} on ${at.slice(0, 10)}, so deployment ${service.name}/1 is pinned to ${deployment.version}.`;
        break;
      }
      case "update-service": {
        const service = services.find((s) => s.name === event.service);
        Object.assign(echo, { service: service.name, forceNewDeployment: event.forceNewDeployment ?? false });
        const deployment = deploy(service);
        for (const task of [...service.tasks]) stop(service, task, "new-deployment");
        for (let n = 0; n < service.desired; n++) start(service, deployment);
        explanation = `Updating ${service.name} with forceNewDeployment creates deployment ${service.name}/${deployment.number}, which re-resolves ${service.requested} now: ${deployment.version}. Its old tasks stop.`;
        break;
      }
      case "scale-service": {
        const service = services.find((s) => s.name === event.service);
        Object.assign(echo, { service: service.name, desiredCount: event.desiredCount });
        service.desired = event.desiredCount;
        while (service.tasks.length > service.desired) stop(service, service.tasks.at(-1), "scale-in");
        while (service.tasks.length < service.desired) start(service, service.deployments[0]);
        explanation = `Scaling ${service.name} to ${service.desired} reuses deployment ${service.name}/${service.deployments[0].number}'s version ${service.deployments[0].version}; it does not re-resolve LATEST.`;
        break;
      }
      case "recycle-service": {
        const service = services.find((s) => s.name === event.service);
        Object.assign(echo, { service: service.name });
        for (const task of [...service.tasks]) {
          stop(service, task, "recycled");
          start(service, service.deployments[0]);
        }
        explanation = `AWS recycled ${service.name}'s tasks: each was replaced on ${service.deployments[0].version}'s newest revision.`;
        break;
      }
      default:
        throw new Error(`plainSimulate does not model ${event.do}`);
    }
    steps.push({
      index,
      at,
      event: echo,
      outcome: "applied",
      error: null,
      explanation,
      latest: { LINUX: latest, WINDOWS: null },
      versions: versions.map((v) => ({ version: v.version, family: v.family, state: v.state, revision: newest(v), features: [...v.revisions.at(-1)] })),
      services: services.map((s) => ({
        name: s.name,
        family: "LINUX",
        platformVersion: s.requested,
        requested: s.requested,
        deploymentController: "ECS",
        requires: [],
        desiredCount: s.desired,
        runningCount: s.tasks.length,
        deployments: s.deployments.map((d, i) => ({ id: `${s.name}/${d.number}`, status: i === 0 ? "PRIMARY" : "INACTIVE", platformVersion: d.version, createdAt: d.createdAt })),
        tasks: s.tasks.map((t) => ({ id: `${s.name}-${t.number}`, family: "LINUX", platformVersion: t.version, revision: t.revision, startedAt: t.startedAt })),
      })),
      tasks: [],
      clusters: [],
      changes,
      warnings: [],
    });
  }
  return { format: "fargate-pv-trace/1", title: document.title ?? null, steps };
}
