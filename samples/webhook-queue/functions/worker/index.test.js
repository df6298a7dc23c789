'use strict';
// Run with `node --test` here. Not deployed (see .fnctlignore).
const test = require('node:test');
const assert = require('node:assert');
const worker = require('./index.js');

const queued = (deliveryId) =>
  JSON.stringify({ deliveryId, receivedAt: '2026-11-25T10:00:00.000Z', payload: { n: 1 } });

test('each message is archived under its day and delivery id', async () => {
  const puts = [];
  worker.cloud.put = async (bucket, key, body) => puts.push([bucket, key, JSON.parse(body).deliveryId]);
  process.env.ARCHIVE_BUCKET = 'webhooks-aws-archive';
  const out = await worker.handler({ Records: [{ messageId: 'm1', body: queued('d-1') }, { messageId: 'm2', body: queued('d-2') }] });
  assert.deepStrictEqual(out, { archived: 2 });
  assert.deepStrictEqual(puts, [
    ['webhooks-aws-archive', 'webhooks/2026-11-25/d-1.json', 'd-1'],
    ['webhooks-aws-archive', 'webhooks/2026-11-25/d-2.json', 'd-2'],
  ]);
});

test('a bad message fails the batch after the good ones are archived', async () => {
  const puts = [];
  worker.cloud.put = async (bucket, key) => puts.push(key);
  await assert.rejects(
    worker.handler({ Records: [{ messageId: 'm1', body: '{oops' }, { messageId: 'm2', body: queued('d-2') }, { messageId: 'm3', body: '{}' }] }),
    /2 message\(s\) failed: m1, m3/,
  );
  assert.deepStrictEqual(puts, ['webhooks/2026-11-25/d-2.json']);
});
