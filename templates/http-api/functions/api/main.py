"""An HTTP API over the stack's `items` bucket.

Routes (API Gateway HTTP API payload format 2.0, as Lambda receives it):
  GET  /items       list item ids
  GET  /items/{id}  one item
  POST /items       create an item from a JSON object with a non-empty "name"
"""

import json
import os
import uuid

PREFIX = "items/"
_client = None


def s3():
    # Created on first use so that cold starts of other routes and the unit tests pay nothing.
    global _client
    if _client is None:
        import boto3  # part of the Lambda Python runtime

        _client = boto3.client("s3")
    return _client


def handle(event, context):
    method = event.get("requestContext", {}).get("http", {}).get("method", "GET")
    segments = [s for s in event.get("rawPath", "/").split("/") if s]
    if segments[-1:] == ["items"]:
        if method == "GET":
            return list_items()
        if method == "POST":
            return create_item(event)
        return respond(405, {"error": "method not allowed"})
    if len(segments) >= 2 and segments[-2] == "items" and method == "GET":
        return get_item(segments[-1])
    return respond(404, {"error": "not found"})


def list_items():
    ids = []
    pages = s3().get_paginator("list_objects_v2").paginate(Bucket=bucket(), Prefix=PREFIX)
    for page in pages:
        for obj in page.get("Contents", []):
            ids.append(obj["Key"][len(PREFIX) : -len(".json")])
    return respond(200, {"items": ids})


def get_item(item_id):
    if not valid_id(item_id):
        return respond(404, {"error": "not found"})
    try:
        obj = s3().get_object(Bucket=bucket(), Key=key(item_id))
    except s3().exceptions.NoSuchKey:
        return respond(404, {"error": "not found"})
    return respond(200, json.loads(obj["Body"].read()))


def create_item(event):
    try:
        item = json.loads(body_text(event))
    except ValueError:
        return respond(400, {"error": "body must be JSON"})
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        return respond(400, {"error": 'body must be an object with a non-empty "name"'})
    item["id"] = str(uuid.uuid4())
    s3().put_object(
        Bucket=bucket(),
        Key=key(item["id"]),
        Body=json.dumps(item).encode(),
        ContentType="application/json",
    )
    return respond(201, item)


def body_text(event):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        import base64

        return base64.b64decode(body).decode()
    return body


def valid_id(item_id):
    try:
        return str(uuid.UUID(item_id)) == item_id
    except ValueError:
        return False


def bucket():
    return os.environ["ITEMS_BUCKET"]


def key(item_id):
    return f"{PREFIX}{item_id}.json"


def respond(status, payload):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(payload),
    }
