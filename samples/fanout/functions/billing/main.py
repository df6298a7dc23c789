"""Subscriber: writes an invoice for every order published to the orders topic.

Key: invoices/<order id>.json, so an order delivered twice gives one invoice. Amounts are
decimals, never floats.
"""

import json
import logging
import os
from decimal import ROUND_HALF_UP, Decimal

log = logging.getLogger()
log.setLevel(os.environ.get("LOG_LEVEL", "info").upper())
CENT = Decimal("0.01")
_client = None


def s3():
    global _client
    if _client is None:
        import boto3  # part of the Lambda Python runtime

        _client = boto3.client("s3")
    return _client


def invoice(order):
    lines = []
    for item in order["items"]:
        amount = (Decimal(str(item["price"])) * item["quantity"]).quantize(CENT, ROUND_HALF_UP)
        lines.append({"sku": item["sku"], "quantity": item["quantity"], "price": str(item["price"]), "amount": str(amount)})
    total = sum((Decimal(line["amount"]) for line in lines), Decimal("0.00"))
    return {
        "orderId": order["orderId"],
        "customer": order["customer"]["email"],
        "currency": order["currency"],
        "date": order["placedAt"][:10],
        "lines": lines,
        "total": str(total),
    }


def handle(event, context):
    for record in event.get("Records", []):
        document = invoice(json.loads(record["Sns"]["Message"]))
        s3().put_object(
            Bucket=os.environ["INVOICES_BUCKET"],
            Key=f"invoices/{document['orderId']}.json",
            Body=json.dumps(document, indent=2).encode(),
            ContentType="application/json",
        )
        log.info("invoice %s: %s %s", document["orderId"], document["total"], document["currency"])
