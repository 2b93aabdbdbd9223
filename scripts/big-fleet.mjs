// Writes a large fleet as the AWS CLI prints it to stdout, issue 17's third workload:
// `describe-services` output for <services> services (default 5,000) across 50 clusters, 10
// services per output as the CLI allows, slurped into one array the way `jq -s` does; <tasks>
// running tasks in all (default 1,000,000, so 200 each). 40 % ask for LATEST and run 1.4.0, 20 %
// ask for LATEST and still run 1.3.0 from a 2020 deployment, 30 % are pinned to 1.4.0 and 10 % to
// 1.3.0; everything else was created 2025-10-01, so AWS's 2026 events play on the import. Every
// field the CLI prints is there, so the importer reads realistic bulk.
// `node scripts/big-fleet.mjs [services] [tasks] > fleet.json`
const services = Number(process.argv[2] ?? 5_000);
const tasks = Number(process.argv[3] ?? 1_000_000);
const perService = Math.floor(tasks / services);
const account = "123456789012";
const outputs = [];
for (let first = 0; first < services; first += 10) {
  const batch = [];
  for (let i = first; i < Math.min(first + 10, services); i++) {
    const cluster = `cluster-${i % 50}`;
    const name = `svc-${i}`;
    const kind = i % 10; // 0-3 LATEST on 1.4.0, 4-5 LATEST on 1.3.0, 6-8 pinned 1.4.0, 9 pinned 1.3.0
    const pinned = kind >= 6;
    const running = perService + (i < tasks % services ? 1 : 0);
    const resolved = kind === 4 || kind === 5 || kind === 9 ? "1.3.0" : "1.4.0";
    const created = kind === 4 || kind === 5 ? "2020-11-05T10:00:00.000000+00:00" : "2025-10-01T10:00:00.000000+00:00";
    batch.push({
      serviceArn: `arn:aws:ecs:us-east-1:${account}:service/${cluster}/${name}`,
      serviceName: name,
      clusterArn: `arn:aws:ecs:us-east-1:${account}:cluster/${cluster}`,
      loadBalancers: [{ targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${account}:targetgroup/${name}/0123456789abcdef`, containerName: "app", containerPort: 8080 }],
      serviceRegistries: [],
      status: "ACTIVE",
      desiredCount: running,
      runningCount: running,
      pendingCount: 0,
      launchType: "FARGATE",
      platformVersion: pinned ? resolved : "LATEST",
      platformFamily: "Linux",
      taskDefinition: `arn:aws:ecs:us-east-1:${account}:task-definition/${name}:12`,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
      deployments: [{
        id: `ecs-svc/${1000000000 + i}`, status: "PRIMARY", taskDefinition: `arn:aws:ecs:us-east-1:${account}:task-definition/${name}:12`,
        desiredCount: running, pendingCount: 0, runningCount: running, failedTasks: 0,
        createdAt: created, updatedAt: created, launchType: "FARGATE", platformVersion: resolved,
        platformFamily: "Linux",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], securityGroups: ["sg-0123abcd"], assignPublicIp: "DISABLED" } },
        rolloutState: "COMPLETED", rolloutStateReason: `ECS deployment ecs-svc/${1000000000 + i} completed.`,
      }],
      roleArn: `arn:aws:iam::${account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
      events: [{ id: `e${i}`, createdAt: "2025-10-01T10:05:00.000000+00:00", message: `(service ${name}) has reached a steady state.` }],
      createdAt: created,
      placementConstraints: [], placementStrategy: [],
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], securityGroups: ["sg-0123abcd"], assignPublicIp: "DISABLED" } },
      schedulingStrategy: "REPLICA",
      deploymentController: { type: "ECS" },
      createdBy: `arn:aws:iam::${account}:role/deployer`,
      enableECSManagedTags: true, propagateTags: "NONE", enableExecuteCommand: false,
    });
  }
  outputs.push({ services: batch, failures: [] });
}
process.stdout.write(JSON.stringify(outputs, null, 1));
