'use strict';
// Archives each queued webhook to the archive bucket at webhooks/<day>/<delivery id>.json.
// The key comes from the delivery, so a message handled twice is written once. If any message
// of the batch fails, the handler throws after the others are done: the queue hands the batch
// out again, and a message that fails every time moves to the dead-letter queue after the
// queue's maxReceives.

/** The archive key and body of one queued message; throws when the message is malformed. */
function archiveEntry(body) {
  const message = JSON.parse(body);
  if (typeof message.deliveryId !== 'string' || typeof message.receivedAt !== 'string') {
    throw new Error('not a queued webhook');
  }
  return { key: `webhooks/${message.receivedAt.slice(0, 10)}/${message.deliveryId}.json`, body };
}

const cloud = {
  async put(bucket, key, body) {
    const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3'); // in the Lambda runtime
    await new S3Client({}).send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }),
    );
  },
};

exports.handler = async (event) => {
  const failed = [];
  for (const record of event.Records || []) {
    let entry;
    try {
      entry = archiveEntry(record.body);
    } catch (e) {
      console.log(JSON.stringify({ msg: 'bad message', messageId: record.messageId, error: e.message }));
      failed.push(record.messageId);
      continue;
    }
    await cloud.put(process.env.ARCHIVE_BUCKET, entry.key, entry.body);
  }
  if (failed.length > 0) throw new Error(`${failed.length} message(s) failed: ${failed.join(', ')}`);
  return { archived: (event.Records || []).length };
};

exports.archiveEntry = archiveEntry;
exports.cloud = cloud;
