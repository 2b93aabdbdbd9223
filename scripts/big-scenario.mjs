// Writes the benchmark scenario to stdout: 10,000 events that keep 1,000,000 tasks running
// (200 services of 5,000 tasks, then task stops, LATEST moves, patches and scale steps).
// `node scripts/big-scenario.mjs [events] [services] > big.json`
const total = Number(process.argv[2] ?? 10_000);
const services = Number(process.argv[3] ?? 200);
const events = [
  { at: "2020-01-01", do: "release-version", version: "1.3.0" },
  { at: "2020-01-01", do: "release-version", version: "1.4.0" },
  { at: "2020-01-01", do: "move-latest", to: "1.3.0" },
];
for (let i = 0; i < services; i++) events.push({ at: "2020-01-02", do: "create-service", service: `s${i}`, desiredCount: 5000 });
for (let k = 1; events.length < total; k++) {
  const service = `s${k % services}`;
  switch (k % 4) {
    case 0: events.push({ at: "2020-01-03", do: "stop-task", task: `${service}-${(Math.floor(k / services) % 5000) + 1}` }); break;
    case 1: events.push({ at: "2020-01-03", do: "move-latest", to: k % 2 ? "1.4.0" : "1.3.0" }); break;
    case 2: events.push({ at: "2020-01-03", do: "publish-revision", version: "1.3.0" }); break;
    default: events.push({ at: "2020-01-03", do: "scale-service", service, desiredCount: 5000 - (k % 2) });
  }
}
process.stdout.write(JSON.stringify({ format: "fargate-pv-scenario/1", title: "benchmark", events }));
