"""Detect labels of each new image with Amazon Rekognition, store them in DynamoDB and publish them."""
import json
import os


def images_in(record):
    """S3 notifications arrive wrapped twice: SQS record -> SNS message -> S3 event records."""
    envelope = json.loads(record["body"])
    s3_event = json.loads(envelope.get("Message", "{}"))
    for r in s3_event.get("Records", []):
        yield r["s3"]["bucket"]["name"], r["s3"]["object"]["key"]


def detect_labels(rekognition, bucket, key, max_labels=10):
    result = rekognition.detect_labels(Image={"S3Object": {"Bucket": bucket, "Name": key}}, MaxLabels=max_labels)
    return [label["Name"] for label in result.get("Labels", [])]


def handler(event, context, rekognition=None, table=None, sns=None):
    if rekognition is None:
        import boto3

        rekognition = boto3.client("rekognition")
        table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
        sns = boto3.client("sns")
    done, failures = [], []
    for record in event.get("Records", []):
        try:
            for bucket, key in images_in(record):
                labels = detect_labels(rekognition, bucket, key)
                table.put_item(Item={"image": key, "labels": labels})
                sns.publish(TopicArn=os.environ["TOPIC_ARN"], Message=json.dumps({"image": key, "labels": labels}))
                done.append(key)
        except Exception as e:  # noqa: BLE001 - any failure: only this message is tried again
            # Reported as a batch item failure: SQS offers only this message again, and after the queue's
            # maxReceiveCount tries moves it to the dead-letter queue; the rest of the batch is done.
            print(json.dumps({"failed": record.get("messageId"), "error": repr(e)}))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"processed": done, "batchItemFailures": failures}
