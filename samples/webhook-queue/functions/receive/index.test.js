'use strict';
// Run with `node --test` here. Not deployed (see .fnctlignore).
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const receive = require('./index.js');

const KEY = 'test-signing-key';
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:webhooks-aws-receive';
const sign = (body, key = KEY) => 'sha256=' + crypto.createHmac('sha256', key).update(body).digest('hex');

function setUp() {
  const sent = [];
  const asked = [];
  receive.forgetKey();
  receive.cloud.secret = async (reference) => { asked.push(reference); return KEY; };
  receive.cloud.send = async (url, body) => { sent.push({ url, body: JSON.parse(body) }); };
  process.env.SIGNING_KEY_SECRET_ID = 'webhook-signing-key';
  process.env.EVENTS_QUEUE = 'webhooks-aws-events';
  return { sent, asked };
}

const call = (body, headers, base64 = false) =>
  receive.handler(
    { body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64, headers },
    { invokedFunctionArn: ARN, awsRequestId: 'req-1' },
  );

test('a signed webhook is queued under its delivery id', async () => {
  const { sent, asked } = setUp();
  const body = '{"action":"opened"}';
  const res = await call(body, { 'x-signature-256': sign(body), 'x-delivery-id': 'd-42' }, true);
  assert.strictEqual(res.statusCode, 202);
  assert.deepStrictEqual(asked, ['webhook-signing-key']);
  assert.strictEqual(sent.length, 1);
  assert.strictEqual(sent[0].url, 'https://sqs.eu-west-1.amazonaws.com/123456789012/webhooks-aws-events');
  assert.strictEqual(sent[0].body.deliveryId, 'd-42');
  assert.deepStrictEqual(sent[0].body.payload, { action: 'opened' });
});

test('wrong, missing or malformed signatures are refused and nothing is queued', async () => {
  const { sent } = setUp();
  const body = '{"a":1}';
  for (const header of [sign(body, 'other-key'), undefined, 'sha256=zz', sign(body).slice(0, 20)]) {
    assert.strictEqual((await call(body, { 'x-signature-256': header })).statusCode, 401);
  }
  assert.strictEqual(sent.length, 0);
});

test('the key is fetched once per instance; odd delivery ids fall back to the request id', async () => {
  const { sent, asked } = setUp();
  for (const id of ['../../etc', undefined]) {
    await call('{}', { 'x-signature-256': sign('{}'), 'x-delivery-id': id });
  }
  assert.deepStrictEqual(asked.length, 1);
  assert.deepStrictEqual(sent.map((s) => s.body.deliveryId), ['req-1', 'req-1']);
});

test('a signed body that is not JSON is a 400', async () => {
  setUp();
  assert.strictEqual((await call('nope', { 'x-signature-256': sign('nope') })).statusCode, 400);
});

test('the key is read only through SIGNING_KEY_SECRET_ID, never from a plain variable', async () => {
  const { sent, asked } = setUp();
  delete process.env.SIGNING_KEY_SECRET_ID;
  process.env.SIGNING_KEY = KEY; // a value in the environment must not be trusted as the key
  try {
    await assert.rejects(call('{}', { 'x-signature-256': sign('{}') }), /SIGNING_KEY_SECRET_ID is not set/);
    assert.deepStrictEqual(asked, []);
    assert.strictEqual(sent.length, 0);
  } finally {
    delete process.env.SIGNING_KEY;
  }
});
