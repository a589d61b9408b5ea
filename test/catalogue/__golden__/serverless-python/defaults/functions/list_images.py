"""List every image and its labels."""
import json
import os


def handler(event, context, table=None):
    if table is None:
        import boto3

        table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    items, kwargs = [], {}
    while True:
        page = table.scan(**kwargs)
        items.extend(page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    return {"statusCode": 200, "body": json.dumps({"images": items})}
