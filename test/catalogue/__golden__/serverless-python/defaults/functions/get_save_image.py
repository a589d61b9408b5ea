"""Download an image from a URL given by the user and store it in the images bucket."""
import json
import os
import re
import urllib.request

_NAME = re.compile(r"^[A-Za-z0-9._-]{1,200}$")


def get_file_from_url(url, opener=urllib.request.urlopen, limit=10 * 1024 * 1024):
    if not url.startswith("https://"):
        raise ValueError("Only https URLs are accepted.")
    with opener(url, timeout=10) as res:
        data = res.read(limit + 1)
    if len(data) > limit:
        raise ValueError("The image is larger than 10 MiB.")
    return data


def upload_image(s3, bucket, name, data):
    s3.put_object(Bucket=bucket, Key=name, Body=data)


def handler(event, context, s3=None, opener=urllib.request.urlopen):
    params = event.get("queryStringParameters") or {}
    url, name = params.get("url"), params.get("name")
    if not url or not name or not _NAME.match(name):
        return {"statusCode": 400, "body": json.dumps({"error": "Give ?url=<https URL>&name=<file name>."})}
    try:
        data = get_file_from_url(url, opener)
    except ValueError as e:
        return {"statusCode": 400, "body": json.dumps({"error": str(e)})}
    if s3 is None:
        import boto3

        s3 = boto3.client("s3")
    upload_image(s3, os.environ["S3_BUCKET"], name, data)
    return {"statusCode": 200, "body": json.dumps({"stored": name})}
