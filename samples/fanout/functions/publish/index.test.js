'use strict';
// Run with `node --test` here. Not deployed (see .fnctlignore).
const test = require('node:test');
const assert = require('node:assert');
const publish = require('./index.js');

const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:fanout-aws-publish';
const order = { currency: 'EUR', customer: { email: 'a@example.com' }, items: [{ sku: 'pen', quantity: 2, price: '1.25' }] };

test('a valid order is published once to the stack topic with an id', async () => {
  const published = [];
  publish.cloud.publish = async (arn, message, type) => published.push({ arn, order: JSON.parse(message), type });
  process.env.ORDERS_TOPIC = 'fanout-aws-orders';
  const res = await publish.handler({ body: JSON.stringify(order) }, { invokedFunctionArn: ARN });
  assert.strictEqual(res.statusCode, 202);
  assert.strictEqual(published.length, 1);
  assert.strictEqual(published[0].arn, 'arn:aws:sns:eu-west-1:123456789012:fanout-aws-orders');
  assert.strictEqual(published[0].type, 'order.created');
  assert.strictEqual(published[0].order.orderId, JSON.parse(res.body).orderId);
});

test('invalid orders are refused with the reason', async () => {
  publish.cloud.publish = async () => assert.fail('nothing may be published');
  const cases = [
    ['[]', 'body must be an object'],
    ['{', 'body must be JSON'],
    [JSON.stringify({ ...order, currency: 'euro' }), 'currency must be an ISO code such as EUR'],
    [JSON.stringify({ ...order, items: [] }), 'items must be a non-empty list'],
    [JSON.stringify({ ...order, items: [{ sku: 'x', quantity: 0, price: '1' }] }), 'items[0].quantity must be a positive integer'],
    [JSON.stringify({ ...order, items: [{ sku: 'x', quantity: 1, price: '1.234' }] }), 'items[0].price must be an amount such as 12.50'],
    [JSON.stringify({ ...order, orderId: '../x' }), 'orderId must be letters, digits and hyphens'],
  ];
  for (const [body, error] of cases) {
    const res = await publish.handler({ body }, { invokedFunctionArn: ARN });
    assert.deepStrictEqual([res.statusCode, JSON.parse(res.body).error], [400, error]);
  }
});
