"""Subscriber: keeps every message published to the orders topic in the audit-log bucket.

Key: audit/YYYY/MM/DD/<message id>.json. The topic's message id is the same on every
redelivery, so a message delivered twice is stored once.
"""

import json
import logging
import os

log = logging.getLogger()
log.setLevel(os.environ.get("LOG_LEVEL", "info").upper())
_client = None


def s3():
    global _client
    if _client is None:
        import boto3  # part of the Lambda Python runtime

        _client = boto3.client("s3")
    return _client


def entry(sns):
    """Key and body of the audit entry for one SNS notification."""
    day = sns["Timestamp"][:10].replace("-", "/")
    body = {
        "messageId": sns["MessageId"],
        "topic": sns["TopicArn"],
        "timestamp": sns["Timestamp"],
        "type": sns.get("MessageAttributes", {}).get("type", {}).get("Value"),
        "message": json.loads(sns["Message"]),
    }
    return f"audit/{day}/{sns['MessageId']}.json", json.dumps(body, sort_keys=True)


def handle(event, context):
    for record in event.get("Records", []):
        key, body = entry(record["Sns"])
        s3().put_object(Bucket=os.environ["AUDIT_BUCKET"], Key=key, Body=body.encode(), ContentType="application/json")
        log.debug("audited %s", key)
