// Opens the live dashboard in headless Chromium and reports what a person would see, one line per step on stdout:
//   LIVE <events-in before> <events-in after>   the page shows figures and they change by themselves
//   TRIPPED <tier> <reason>                     after the test trips the breaker, the page shows it (no reload)
// Usage: node dashboard-check.mjs URL SCREENSHOT.png   (Chromium at CHROMIUM or /usr/bin/chromium)
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);

// Polls what the page shows (page.textContent: no script is evaluated in the page, so its Content-Security-Policy,
// which forbids eval, stays on as for any visitor).
async function until(page, what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('not within ' + timeoutMs + ' ms: ' + what);
    await page.waitForTimeout(100);
  }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url, { waitUntil: 'load' });
  await until(page, 'connected', async () => (await page.textContent('#connection')) === 'live', 30000);
  await until(page, 'a count of events', async () => /^\d+$/.test(await page.textContent('#events-in')), 30000);
  const before = await page.textContent('#events-in');
  await until(page, 'the count changes', async () => (await page.textContent('#events-in')) !== before, 30000);
  const after = await page.textContent('#events-in');
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`LIVE ${before} ${after}`);
  await until(page, 'a tripped breaker', async () => !['NORMAL', 'UNKNOWN'].includes(await page.textContent('#tier')),
    60000);
  const tier = await page.textContent('#tier');
  const reason = await page.textContent('#tier-reason');
  await page.screenshot({ path: screenshot, fullPage: true });
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`TRIPPED ${tier} ${reason}`);
} finally {
  await browser.close();
}
