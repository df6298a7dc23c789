"""Nightly sales report.

Orders arrive as CSV files (header: order_id,amount,currency) under orders/YYYY-MM-DD/ in the
sales bucket. The report totals the days since the last weekday run (Friday to Sunday on a
Monday, else yesterday) per currency and publishes the totals to the reports topic.
"""

import csv
import datetime
import io
import json
import os
from decimal import Decimal, InvalidOperation

_clients = {}


def client(name):
    if name not in _clients:
        import boto3  # part of the Lambda Python runtime

        _clients[name] = boto3.client(name)
    return _clients[name]


def today(zone_name):
    try:
        from zoneinfo import ZoneInfo

        return datetime.datetime.now(ZoneInfo(zone_name)).date()
    except Exception:  # no time zone data: at 02:30 in Europe the UTC date is the same
        return datetime.datetime.now(datetime.timezone.utc).date()


def days_to_report(run_day):
    """The dates a run on `run_day` covers: the weekend too on a Monday."""
    back = 3 if run_day.weekday() == 0 else 1
    return [run_day - datetime.timedelta(days=n) for n in range(back, 0, -1)]


def total(csv_text, totals, problems):
    """Adds one file's orders to `totals` (currency -> [orders, amount]); bad rows to `problems`."""
    for row in csv.DictReader(io.StringIO(csv_text)):
        try:
            amount = Decimal(row["amount"])
            currency = row["currency"].strip().upper()
        except (KeyError, AttributeError, InvalidOperation):
            problems.append(row.get("order_id") or "?")
            continue
        entry = totals.setdefault(currency, [0, Decimal(0)])
        entry[0] += 1
        entry[1] += amount


def topic_arn(function_arn, name):
    _, partition, _, region, account = function_arn.split(":")[:5]
    return f"arn:{partition}:sns:{region}:{account}:{name}"


def handle(event, context):
    s3 = client("s3")
    bucket = os.environ["SALES_BUCKET"]
    days = days_to_report(today(os.environ.get("TIMEZONE", "UTC")))
    totals, problems, files = {}, [], 0
    for day in days:
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"orders/{day}/")
        for page in pages:
            for obj in page.get("Contents", []):
                if obj["Key"].endswith(".csv"):
                    body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
                    total(body.decode("utf-8"), totals, problems)
                    files += 1

    period = str(days[0]) if len(days) == 1 else f"{days[0]} to {days[-1]}"
    lines = [f"Sales {period}: {files} file(s)"]
    lines += [f"  {cur}: {n} orders, {amount:.2f}" for cur, (n, amount) in sorted(totals.items())]
    if problems:
        lines.append(f"  {len(problems)} row(s) skipped: {', '.join(problems[:20])}")
    if not totals:
        lines.append("  no orders")
    client("sns").publish(
        TopicArn=topic_arn(context.invoked_function_arn, os.environ["REPORTS_TOPIC"]),
        Subject=f"Sales report {period}"[:100],
        Message="\n".join(lines),
    )
    summary = {cur: {"orders": n, "amount": str(a)} for cur, (n, a) in totals.items()}
    print(json.dumps({"msg": "report published", "period": period, "totals": summary}))
    return summary
