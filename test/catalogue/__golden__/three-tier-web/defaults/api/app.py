"""API of three-tier-web: list and create items in the DynamoDB table.

The table client is created lazily so that unit tests can hand in a fake, and so that in a Dev Environment
(IS_LOCAL=true) it talks to the DynamoDB Local sidecar instead of AWS.
"""
import json
import os
import uuid

_table = None


def table():
    global _table
    if _table is None:
        import boto3

        endpoint = os.environ.get("DYNAMODB_ENDPOINT", "http://localhost:8000") if os.environ.get("IS_LOCAL") == "true" else None
        _table = boto3.resource("dynamodb", endpoint_url=endpoint).Table(os.environ["TABLE_NAME"])
    return _table


def response(status, body):
    headers = {"Content-Type": "application/json"}
    # Browsers let only the site (ALLOWED_ORIGIN, set by the stack) read the answers; without it, no page may.
    origin = os.environ.get("ALLOWED_ORIGIN")
    if origin:
        headers["Access-Control-Allow-Origin"] = origin
    return {"statusCode": status, "headers": headers, "body": json.dumps(body)}


def handler(event, context, items=None):
    items = items if items is not None else table()
    method = event.get("httpMethod", "GET")
    if method == "GET":
        return response(200, {"items": items.scan().get("Items", [])})
    if method == "POST":
        try:
            body = json.loads(event.get("body") or "{}")
        except json.JSONDecodeError:
            return response(400, {"error": "The body must be JSON."})
        name = body.get("name")
        if not isinstance(name, str) or not name.strip():
            return response(400, {"error": "A non-empty \"name\" is required."})
        item = {"id": str(uuid.uuid4()), "name": name.strip()}
        items.put_item(Item=item)
        return response(201, item)
    return response(405, {"error": f"Method {method} is not allowed."})
