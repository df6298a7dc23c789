'use strict';
// Run with `node --test` here. Not deployed (see .fnctlignore).
const test = require('node:test');
const assert = require('node:assert');
const notify = require('./index.js');

test('each order message queues one confirmation', async () => {
  const sent = [];
  notify.cloud.send = async (url, body, id) => sent.push({ url, body: JSON.parse(body), id });
  process.env.NOTIFICATIONS_QUEUE = 'fanout-aws-notifications';
  const order = { orderId: 'o-1', customer: { email: 'a@example.com' }, items: [{}, {}] };
  await notify.handler(
    { Records: [{ Sns: { Message: JSON.stringify(order) } }] },
    { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:fanout-aws-notify' },
  );
  assert.deepStrictEqual(sent, [
    {
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/fanout-aws-notifications',
      body: { to: 'a@example.com', template: 'order-confirmation', orderId: 'o-1', items: 2 },
      id: 'o-1',
    },
  ]);
});
