/**
 * The real chain behind a decision, for the browser test: the shipped scaling rules (test windows,
 * as the e2e tests adapt them), a real Alertmanager routing them with the shipped alertmanager.yml, and
 * the real webhook service in DRY-RUN mode (plans, records and counts every set_hosts, calls no driver).
 * Its pool `web` (the exporter's default pool model) uses the `command` driver, whose status program
 * reports 0 active hosts, so the resource manager's target always differs and ShadowfleetSetHosts fires.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startAlertmanager, type RunningAlertmanager } from '@shadowfleet/e2e/dist/support';
import { testAlertmanagerConfig, writeTestRules, type TestWindows } from '@shadowfleet/e2e/dist/e2e/provisioned-config';
import { startWebhook, type RunningWebhook } from '@shadowfleet/e2e/dist/e2e/services';

const WINDOWS: TestWindows = { activationFor: '3s', keepFiringFor: '5s', groupWait: '0s', groupInterval: '1s' };
/** Where the webhook takes Alertmanager's notifications (docs/webhook.md). */
const WEBHOOK_PATH = '/webhook';
const WEBHOOK_TOKEN = 'browser-test-webhook-token-0123456789';
/** The webhook's read token (GET /v1/intents), which the app's `webhook/v1/intents` route sends. */
export const WEBHOOK_READ_TOKEN = 'browser-test-webhook-read-token-9876';

export interface AlertChain {
  webhook: RunningWebhook;
  alertmanager: RunningAlertmanager;
  ruleFiles: string[];
  stop(): Promise<void>;
}

export async function startAlertChain(dir: string): Promise<AlertChain> {
  const node = process.execPath;
  const webhook = await startWebhook(WEBHOOK_TOKEN, {
    dryRun: true,
    readToken: WEBHOOK_READ_TOKEN,
    pools: {
      web: {
        driver: 'command',
        min: 0,
        max: 3,
        cooldownSeconds: 1,
        options: {
          apply: { program: node, args: ['-e', 'process.exit(0)'] },
          status: { program: node, args: ['-e', 'console.log(JSON.stringify({ active: 0, standby: 0 }))'] },
        },
      },
    },
  });
  const tokenFile = path.join(dir, 'webhook-token');
  writeFileSync(tokenFile, WEBHOOK_TOKEN, { mode: 0o600 });
  const alertmanager = await startAlertmanager({ config: testAlertmanagerConfig(`${webhook.url}${WEBHOOK_PATH}`, tokenFile, WINDOWS) });
  return {
    webhook,
    alertmanager,
    ruleFiles: writeTestRules(dir, WINDOWS),
    async stop() {
      await alertmanager.stop();
      await webhook.stop();
    },
  };
}
