"""Checks that orders are still arriving in the sales bucket.

Runs every CHECK_EVERY_MINUTES. When the newest object under orders/ is older than
MAX_AGE_MINUTES it publishes one alert: only the first check after the feed went quiet falls
in the window [MAX_AGE, MAX_AGE + CHECK_EVERY), so the alert is not repeated every run and no
state needs keeping.
"""

import datetime
import json
import os

_clients = {}


def client(name):
    if name not in _clients:
        import boto3  # part of the Lambda Python runtime

        _clients[name] = boto3.client(name)
    return _clients[name]


def newest(bucket):
    """The newest LastModified under orders/, or None when there is nothing."""
    latest = None
    for page in client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="orders/"):
        for obj in page.get("Contents", []):
            if latest is None or obj["LastModified"] > latest:
                latest = obj["LastModified"]
    return latest


def verdict(latest, now, max_age, every):
    """'ok', 'alert' (just went quiet) or 'quiet' (already alerted)."""
    if latest is None:
        return "quiet"  # an empty bucket is a setup problem, not an outage
    age = now - latest
    if age < max_age:
        return "ok"
    return "alert" if age < max_age + every else "quiet"


def topic_arn(function_arn, name):
    _, partition, _, region, account = function_arn.split(":")[:5]
    return f"arn:{partition}:sns:{region}:{account}:{name}"


def handle(event, context):
    bucket = os.environ["SALES_BUCKET"]
    max_age = datetime.timedelta(minutes=int(os.environ.get("MAX_AGE_MINUTES", "120")))
    every = datetime.timedelta(minutes=int(os.environ.get("CHECK_EVERY_MINUTES", "15")))
    latest = newest(bucket)
    state = verdict(latest, datetime.datetime.now(datetime.timezone.utc), max_age, every)
    if state == "alert":
        client("sns").publish(
            TopicArn=topic_arn(context.invoked_function_arn, os.environ["ALERTS_TOPIC"]),
            Subject="No new orders",
            Message=f"No order file has reached {bucket} since {latest.isoformat()}.",
        )
    print(json.dumps({"msg": "health checked", "state": state, "latest": latest and latest.isoformat()}))
    return {"state": state}
