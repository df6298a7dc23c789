'use strict';
// Takes an order (POST /orders, HTTP API payload 2.0), checks it and publishes it once to the
// orders topic; every subscriber gets its own copy. Answers 202 with the order id.
//
// Order: { "orderId"?: string, "currency": "EUR", "customer": { "email": string },
//          "items": [ { "sku": string, "quantity": int > 0, "price": "12.50" } ] }

const crypto = require('node:crypto');

const debug = (process.env.LOG_LEVEL || 'info') === 'debug';

/** The problem with `order`, or null when it is a valid order. */
function problem(order) {
  if (typeof order !== 'object' || order === null || Array.isArray(order)) return 'body must be an object';
  if (!/^[A-Z]{3}$/.test(order.currency || '')) return 'currency must be an ISO code such as EUR';
  if (typeof order.customer?.email !== 'string' || !order.customer.email.includes('@')) return 'customer.email is required';
  if (!Array.isArray(order.items) || order.items.length === 0) return 'items must be a non-empty list';
  for (const [i, item] of order.items.entries()) {
    if (typeof item?.sku !== 'string' || item.sku === '') return `items[${i}].sku is required`;
    if (!Number.isInteger(item.quantity) || item.quantity < 1) return `items[${i}].quantity must be a positive integer`;
    if (!/^\d+(\.\d{1,2})?$/.test(String(item.price))) return `items[${i}].price must be an amount such as 12.50`;
  }
  if (order.orderId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(order.orderId)) return 'orderId must be letters, digits and hyphens';
  return null;
}

/** The ARN of topic `name` in the function's own account and region. */
function topicArn(functionArn, name) {
  const [, partition, , region, account] = functionArn.split(':');
  return `arn:${partition}:sns:${region}:${account}:${name}`;
}

const cloud = {
  async publish(arn, message, type) {
    const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns'); // in the Lambda runtime
    await new SNSClient({}).send(
      new PublishCommand({
        TopicArn: arn,
        Message: message,
        MessageAttributes: { type: { DataType: 'String', StringValue: type } },
      }),
    );
  },
};

function respond(statusCode, payload) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

exports.handler = async (event, context) => {
  let order;
  try {
    const raw = Buffer.from(event.body || '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
    order = JSON.parse(raw);
  } catch {
    return respond(400, { error: 'body must be JSON' });
  }
  const wrong = problem(order);
  if (wrong) return respond(400, { error: wrong });
  order.orderId ??= crypto.randomUUID();
  order.placedAt = new Date().toISOString();
  await cloud.publish(topicArn(context.invokedFunctionArn, process.env.ORDERS_TOPIC), JSON.stringify(order), 'order.created');
  if (debug) console.log(JSON.stringify({ msg: 'order published', orderId: order.orderId }));
  return respond(202, { orderId: order.orderId });
};

exports.problem = problem;
exports.topicArn = topicArn;
exports.cloud = cloud;
