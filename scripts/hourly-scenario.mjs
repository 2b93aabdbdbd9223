// Writes the "hourly" benchmark scenario of issue 17 to stdout: events hourly from
// 2019-01-01T00:00:00Z; release 1.3.0, move LATEST to it, create s0…s9 with 20 tasks each,
// release 1.4.0; then, for event number k (counting from 0 over the whole document) and a service
// picked by a seeded generator: k == 1000 moves LATEST to 1.4.0 (checked first: 1000 is also a
// multiple of 500); k % 500 == 0 publishes a revision of 1.3.0 or 1.4.0; k % 50 == 0 updates the
// service with forceNewDeployment; k % 100 == 1 recycles it; else it is scaled to 20 or 19.
// `node scripts/hourly-scenario.mjs [events] > hourly.json`
export function hourlyScenario(total = 2000) {
  const events = [];
  const at = (k) => new Date(Date.UTC(2019, 0, 1) + k * 3_600_000).toISOString().replace(".000Z", "Z");
  const push = (event) => events.push({ at: at(events.length), ...event });
  push({ do: "release-version", version: "1.3.0" });
  push({ do: "move-latest", to: "1.3.0" });
  for (let s = 0; s < 10; s++) push({ do: "create-service", service: `s${s}`, desiredCount: 20 });
  push({ do: "release-version", version: "1.4.0" });
  let seed = 17;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  while (events.length < total) {
    const k = events.length;
    const service = `s${random() % 10}`;
    if (k === 1000) push({ do: "move-latest", to: "1.4.0" });
    else if (k % 500 === 0) push({ do: "publish-revision", version: random() % 2 ? "1.4.0" : "1.3.0" });
    else if (k % 50 === 0) push({ do: "update-service", service, forceNewDeployment: true });
    else if (k % 100 === 1) push({ do: "recycle-service", service });
    else push({ do: "scale-service", service, desiredCount: 19 + (random() % 2) });
  }
  return { format: "fargate-pv-scenario/1", title: "hourly benchmark", events };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(JSON.stringify(hourlyScenario(Number(process.argv[2] ?? 2000))));
}
