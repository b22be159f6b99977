import rule from '../../../server/src/rules/processes/no-sticky-sessions';
import { projectFixture } from '../../support/projectFixture';
import { runRuleTests } from '../../support/ruleTester';

const compose = (labels: string) => projectFixture({ 'docker-compose.yml': `services:\n  api:\n    build: .\n    labels:\n${labels}` });

runRuleTests(rule, {
  valid: [
    { name: 'socket.io sharing state through the Redis adapter', code: "const { createAdapter } = require('@socket.io/redis-adapter');\nio.adapter(createAdapter(pub, sub));" },
    { name: 'a CSS class that says sticky', code: "header.classList.toggle('sticky', window.scrollY > 80);" },
    { name: 'a local variable named sticky', code: 'const sticky = options.pinned === true;\nif (sticky) pin(item);' },
    { name: 'Traefik routing without affinity', code: '', project: compose('      - "traefik.enable=true"\n      - "traefik.http.routers.api.rule=Host(`api.example.com`)"\n') },
    { name: 'a Traefik sticky cookie switched off', code: '', project: compose('      traefik.http.services.api.loadbalancer.sticky.cookie: "false"\n') },
    { name: 'Caddy round robin', code: '', project: compose('      caddy.reverse_proxy.lb_policy: round_robin\n') },
    { name: 'a Kubernetes Service without affinity', code: '', project: projectFixture({ 'config/k8s/service.yaml': 'kind: Service\nspec:\n  sessionAffinity: None\n' }) },
    { name: 'stickiness switched off in infrastructure code', code: "new aws.lb.TargetGroup('api', { port: 80, stickiness: { enabled: false, type: 'lb_cookie' } });", filename: 'infra/index.ts' },
    { name: 'a sticky cluster for local experiments', code: "const sticky = require('sticky-session');\nsticky.listen(server, 3000);", filename: 'scripts/cluster-dev.js' },
  ],
  invalid: [
    {
      name: 'sticky-session balancing a cluster',
      code: "const sticky = require('sticky-session');\nconst server = http.createServer(app);\nif (!sticky.listen(server, 3000)) {\n  server.once('listening', () => console.log('started'));\n}",
      errors: [{
        messageId: 'stickyModule', line: 3, column: 6, endLine: 3, endColumn: 33,
        message: "`sticky-session` pins each client to one process (sticky sessions). Affinity only hides state kept in that process's memory, and it breaks on every restart, deploy or scale-out. Keep the shared state in a backing service (for socket.io, a Redis adapter) so any process can serve any request.",
      }],
      output: null,
    },
    {
      name: '@socket.io/sticky in the primary process',
      code: "import { setupMaster } from '@socket.io/sticky';\nif (cluster.isPrimary) {\n  setupMaster(httpServer, { loadBalancingMethod: 'least-connection' });\n}",
      filename: 'src/cluster.mjs',
      errors: [{ messageId: 'stickyModule', line: 3, column: 3 }],
      output: null,
    },
    {
      name: 'sticky-cluster called inline',
      code: "require('sticky-cluster')((callback) => callback(server), { port: 3000 });",
      errors: [{ messageId: 'stickyModule', line: 1, column: 1 }],
      output: null,
    },
    {
      name: 'the import is reported when no call is made here',
      code: "import sticky from 'sticky-session';\nexport default sticky;",
      filename: 'src/balancer.mjs',
      errors: [{ messageId: 'stickyModule', line: 1, column: 1, endColumn: 37 }],
      output: null,
    },
    {
      name: 'a Traefik sticky cookie in a compose label list',
      code: '',
      project: compose('      - "traefik.enable=true"\n      - "traefik.http.services.api.loadbalancer.sticky.cookie=true"\n'),
      errors: [{
        messageId: 'affinitySetting', file: 'docker-compose.yml', line: 6, column: 9, endColumn: 68,
        message: '`traefik.http.services.api.loadbalancer.sticky.cookie=true` makes the load balancer send each client back to the same instance (session affinity). That hides state kept in one process\'s memory, which is lost when the instance is replaced or the app scales: keep it in a backing service and let any instance serve any request.',
      }],
      output: null,
    },
    {
      name: 'a Traefik sticky cookie name in a label map',
      code: '',
      project: compose('      traefik.http.services.api.loadbalancer.sticky.cookie.name: srv_id\n'),
      errors: [{ messageId: 'affinitySetting', file: 'docker-compose.yml', line: 5, column: 66 }],
      output: null,
    },
    {
      name: 'Caddy hashing client addresses',
      code: '',
      project: compose('      caddy: api.example.com\n      caddy.reverse_proxy: "{{upstreams 3000}}"\n      caddy.reverse_proxy.lb_policy: ip_hash\n'),
      errors: [{ messageId: 'affinitySetting', file: 'docker-compose.yml', line: 7, column: 38 }],
      output: null,
    },
    {
      name: 'Kubernetes manifests shipped with the app',
      code: '',
      project: projectFixture({
        'config/k8s/service.yaml': 'kind: Service\nspec:\n  sessionAffinity: ClientIP\n',
        'config/k8s/ingress.yaml': 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: cookie\n',
      }),
      errors: [
        { messageId: 'affinitySetting', file: 'config/k8s/ingress.yaml', line: 4, column: 43 },
        { messageId: 'affinitySetting', file: 'config/k8s/service.yaml', line: 3, column: 20 },
      ],
      output: null,
    },
    {
      name: 'AWS CDK target group stickiness',
      code: "const group = listener.addTargets('Api', { port: 80, targets });\ngroup.enableCookieStickiness(Duration.hours(1));",
      filename: 'infra/stack.ts',
      errors: [{ messageId: 'affinitySetting', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'Pulumi target group stickiness',
      code: "new aws.lb.TargetGroup('api', { port: 80, stickiness: { enabled: true, type: 'lb_cookie' } });",
      filename: 'infra/index.ts',
      errors: [{ messageId: 'affinitySetting', line: 1, column: 43 }],
      output: null,
    },
  ],
});
