'use strict';
// Summarises the objects put into the inbox bucket during the last day into
// reports/YYYY-MM-DD.json in the reports bucket. Runs on a schedule; the event carries nothing
// the job needs, so the time is the clock's.

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the report says about `objects` ({Key, Size, LastModified}) changed in [since, until). */
function summarise(objects, since, until) {
  const recent = objects.filter((o) => o.LastModified >= since && o.LastModified < until);
  const byFolder = {};
  for (const o of recent) {
    const slash = o.Key.indexOf('/');
    const folder = slash < 0 ? '' : o.Key.slice(0, slash + 1);
    byFolder[folder] = (byFolder[folder] || 0) + 1;
  }
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    objects: recent.length,
    bytes: recent.reduce((sum, o) => sum + o.Size, 0),
    byFolder,
  };
}

async function listAll(s3, ListObjectsV2Command, bucket) {
  const objects = [];
  let token;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    objects.push(...(page.Contents || []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

exports.handler = async () => {
  // Part of the Lambda Node.js runtime; required here so the unit tests do not need it.
  const { S3Client, ListObjectsV2Command, PutObjectCommand } = require('@aws-sdk/client-s3');
  const s3 = new S3Client({});
  const until = new Date();
  const since = new Date(until.getTime() - DAY_MS);

  const objects = await listAll(s3, ListObjectsV2Command, process.env.INBOX_BUCKET);
  const report = summarise(objects, since, until);
  const key = `reports/${until.toISOString().slice(0, 10)}.json`;
  await s3.send(
    new PutObjectCommand({
      Bucket: process.env.REPORTS_BUCKET,
      Key: key,
      Body: JSON.stringify(report, null, 2),
      ContentType: 'application/json',
    }),
  );
  console.log(JSON.stringify({ msg: 'report written', key, objects: report.objects }));
  return { key, objects: report.objects };
};

exports.summarise = summarise;
