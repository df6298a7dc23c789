'use strict';
// Receives a webhook (POST, HTTP API payload 2.0), checks its signature and queues it.
//
// The sender signs the raw body with a shared key: header `x-signature-256: sha256=<hex HMAC>`
// (the scheme GitHub and many others use). An optional `x-delivery-id` header names the
// delivery, so that a redelivered webhook is archived once. The answer is 202 as soon as the
// event is queued; the worker does the rest.

const crypto = require('node:crypto');

const DELIVERY_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** True when `header` is the HMAC-SHA256 of `rawBody` under `key`, compared in constant time. */
function verify(rawBody, header, key) {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = crypto.createHmac('sha256', key).update(rawBody).digest();
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The URL of queue `name` in the function's own account and region. */
function queueUrl(functionArn, name) {
  const [, partition, , region, account] = functionArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

// The cloud calls, replaceable in tests. The SDK is part of the Lambda Node.js runtime.
const cloud = {
  async secret(reference) {
    const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: reference }));
    return out.SecretString;
  },
  async send(url, body) {
    const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
    // The client's own endpoint (the region's, or AWS_ENDPOINT_URL for emulators), not the URL's host.
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  },
};

// `secrets: { SIGNING_KEY: ... }` gives the function SIGNING_KEY_SECRET_ID, the provider's
// reference to the secret (on AWS a Secrets Manager name or ARN), and read access to that one
// secret. The value never passes through fnctl: the function fetches it from the secret store.
function signingKeyRef() {
  const reference = process.env.SIGNING_KEY_SECRET_ID;
  if (!reference) throw new Error('SIGNING_KEY_SECRET_ID is not set: deploy with secrets: { SIGNING_KEY: ... }');
  return reference;
}

let signingKey; // fetched once per warm instance
function respond(statusCode, payload) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

exports.handler = async (event, context) => {
  const raw = Buffer.from(event.body || '', event.isBase64Encoded ? 'base64' : 'utf8');
  const headers = event.headers || {}; // lower-case names in payload 2.0
  signingKey ??= await cloud.secret(signingKeyRef());
  if (!verify(raw, headers['x-signature-256'], signingKey)) {
    return respond(401, { error: 'missing or wrong x-signature-256' });
  }
  let payload;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    return respond(400, { error: 'body must be JSON' });
  }
  const given = headers['x-delivery-id'];
  const deliveryId = DELIVERY_ID.test(given || '') ? given : context.awsRequestId;
  const message = { deliveryId, receivedAt: new Date().toISOString(), payload };
  await cloud.send(queueUrl(context.invokedFunctionArn, process.env.EVENTS_QUEUE), JSON.stringify(message));
  return respond(202, { accepted: deliveryId });
};

exports.verify = verify;
exports.queueUrl = queueUrl;
exports.cloud = cloud;
exports.forgetKey = () => { signingKey = undefined; };
