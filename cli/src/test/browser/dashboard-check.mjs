// Opens the live dashboard in headless Chromium and reports what a person would see, one line per step on stdout:
//   LIVE <events-in before> <events-in after>   the page shows figures and they change by themselves
//   VIEWS <fills> <decisions> <positions>        rows in the recent fills, decisions and open positions tables
//   REFUSED <message>                            a trip with a wrong operator token is refused, and the page says so
//   TRIPPED <tier> <reason>                      a trip with the token through the page shows at once (no reload)
//   HISTORY <rows>                               the breaker history table lists the trip
//   RESET <tier>                                 the page's reset returns the breaker to NORMAL
// Usage: node dashboard-check.mjs URL SCREENSHOT.png TOKEN   (Chromium at CHROMIUM or /usr/bin/chromium)
import { chromium } from 'playwright-core';

const [url, screenshot, token] = process.argv.slice(2);
const rows = async (page, table) => (await page.$$(`#${table} tr`)).length - 1;

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
  // the refused trip is answered 403 on purpose: Chromium logs that response, which is not a page error
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: .*status of 403/.test(m.text())) errors.push(m.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  await until(page, 'connected', async () => (await page.textContent('#connection')) === 'live', 30000);
  await until(page, 'a count of events', async () => /^\d+$/.test(await page.textContent('#events-in')), 30000);
  const before = await page.textContent('#events-in');
  await until(page, 'the count changes', async () => (await page.textContent('#events-in')) !== before, 30000);
  const after = await page.textContent('#events-in');
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  console.log(`LIVE ${before} ${after}`);
  await until(page, 'recent fills and decisions', async () => (await rows(page, 'recent-fills')) > 0
    && (await rows(page, 'recent-decisions')) > 0, 90000);
  console.log(`VIEWS ${await rows(page, 'recent-fills')} ${await rows(page, 'recent-decisions')} ${await rows(page, 'positions')}`);

  // the operator's actions: a wrong token first, then the right one, as a person types them
  await page.fill('#admin-token', 'not-the-operator-token');
  await page.selectOption('#trip-tier', 'CRITICAL');
  await page.fill('#admin-reason', 'dashboard drill');
  await page.click('#trip-button');
  await until(page, 'a refusal', async () => /^403 /.test(await page.textContent('#admin-result')), 15000);
  console.log(`REFUSED ${await page.textContent('#admin-result')}`);
  if ((await page.textContent('#tier')) !== 'NORMAL') throw new Error('a refused trip moved the breaker');

  await page.fill('#admin-token', token);
  await page.click('#trip-button');
  await until(page, 'a tripped breaker', async () => (await page.textContent('#tier')) === 'CRITICAL', 30000);
  const tier = await page.textContent('#tier');
  const reason = await page.textContent('#tier-reason');
  await until(page, 'the trip in the history', async () => (await page.textContent('#breaker-history')).includes('CRITICAL'),
    15000);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`TRIPPED ${tier} ${reason}`);
  console.log(`HISTORY ${await rows(page, 'breaker-history')}`);

  await page.click('#reset-button');
  await until(page, 'a reset breaker', async () => (await page.textContent('#tier')) === 'NORMAL', 30000);
  console.log(`RESET ${await page.textContent('#tier')}`);
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
} finally {
  await browser.close();
}
