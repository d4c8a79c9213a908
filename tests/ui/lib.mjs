// Browser rig: Debian's chromium driven by playwright-core (no browser download), against a real
// server from the end-to-end rig. Screenshots go to tests/out/ for people to look at.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/lib.mjs';

export const OUT = join(ROOT, 'tests/out');
mkdirSync(OUT, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function shot(page, name) {
  return page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}
