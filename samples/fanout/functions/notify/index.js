'use strict';
// Subscriber: for each order published to the topic, queues an order confirmation for the
// mailer (which reads the notifications queue and is not part of this stack).

/** The notification for one order message. */
function confirmation(order) {
  return {
    to: order.customer.email,
    template: 'order-confirmation',
    orderId: order.orderId,
    items: order.items.length,
  };
}

/** The URL of queue `name` in the function's own account and region. */
function queueUrl(functionArn, name) {
  const [, partition, , region, account] = functionArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}

const cloud = {
  async send(url, body, dedupId) {
    const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs'); // in the Lambda runtime
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageAttributes: { orderId: { DataType: 'String', StringValue: dedupId } },
      }),
    );
  },
};

exports.handler = async (event, context) => {
  const url = queueUrl(context.invokedFunctionArn, process.env.NOTIFICATIONS_QUEUE);
  for (const record of event.Records || []) {
    const order = JSON.parse(record.Sns.Message);
    // The mailer drops repeats by orderId: a topic delivers at least once.
    await cloud.send(url, JSON.stringify(confirmation(order)), order.orderId);
  }
  if ((process.env.LOG_LEVEL || 'info') === 'debug') {
    console.log(JSON.stringify({ msg: 'confirmations queued', count: (event.Records || []).length }));
  }
};

exports.confirmation = confirmation;
exports.queueUrl = queueUrl;
exports.cloud = cloud;
