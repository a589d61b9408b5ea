"""Unit tests of the Lambda functions with fakes: no AWS account, no network."""
import json
import os
import sys
from contextlib import contextmanager

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "functions"))

import get_save_image  # noqa: E402
import image_recognition  # noqa: E402
import list_images  # noqa: E402
import send_email  # noqa: E402


class FakeS3:
    def __init__(self):
        self.objects = {}

    def put_object(self, Bucket, Key, Body):
        self.objects[(Bucket, Key)] = Body


class FakeTable:
    def __init__(self, pages=None):
        self.items, self.pages = [], pages

    def put_item(self, Item):
        self.items.append(Item)

    def scan(self, **kwargs):
        if self.pages is None:
            return {"Items": self.items}
        return self.pages[1 if "ExclusiveStartKey" in kwargs else 0]


class FakeRekognition:
    def detect_labels(self, Image, MaxLabels):
        if Image["S3Object"]["Name"] == "broken.jpg":
            raise ValueError("InvalidImageFormatException: not an image")
        assert Image["S3Object"]["Name"] == "cat.jpg"
        return {"Labels": [{"Name": "Cat"}, {"Name": "Animal"}]}


class FakeSns:
    def __init__(self):
        self.messages = []

    def publish(self, TopicArn, Message):
        self.messages.append(json.loads(Message))


@contextmanager
def fake_response(data):
    class Res:
        status = 200

        def read(self, n=-1):
            return data

    yield Res()


def sqs_record(message, message_id="m-1"):
    return {"messageId": message_id, "body": json.dumps({"Message": json.dumps(message)})}


def sqs_event(*messages):
    return {"Records": [sqs_record(m, f"m-{i}") for i, m in enumerate(messages, 1)]}


def s3_created(key):
    return {"Records": [{"s3": {"bucket": {"name": "images"}, "object": {"key": key}}}]}


def test_get_save_image_stores_the_download(monkeypatch):
    monkeypatch.setenv("S3_BUCKET", "images")
    s3 = FakeS3()
    event = {"queryStringParameters": {"url": "https://example.com/cat.jpg", "name": "cat.jpg"}}
    result = get_save_image.handler(event, None, s3=s3, opener=lambda url, timeout: fake_response(b"jpeg"))
    assert result["statusCode"] == 200
    assert s3.objects == {("images", "cat.jpg"): b"jpeg"}


def test_get_save_image_refuses_plain_http_and_bad_names():
    bad_url = {"queryStringParameters": {"url": "http://example.com/x", "name": "x.jpg"}}
    bad_name = {"queryStringParameters": {"url": "https://example.com/x", "name": "../x"}}
    assert get_save_image.handler(bad_url, None, s3=FakeS3())["statusCode"] == 400
    assert get_save_image.handler(bad_name, None, s3=FakeS3())["statusCode"] == 400


def test_image_recognition_stores_and_publishes_labels(monkeypatch):
    monkeypatch.setenv("TOPIC_ARN", "arn:aws:sns:us-east-1:111111111111:t")
    table, sns = FakeTable(), FakeSns()
    result = image_recognition.handler(sqs_event(s3_created("cat.jpg")), None, rekognition=FakeRekognition(), table=table, sns=sns)
    assert result == {"processed": ["cat.jpg"], "batchItemFailures": []}
    assert table.items == [{"image": "cat.jpg", "labels": ["Cat", "Animal"]}]
    assert sns.messages == [{"image": "cat.jpg", "labels": ["Cat", "Animal"]}]


def test_list_images_follows_pages():
    table = FakeTable(pages=[{"Items": [{"image": "a"}], "LastEvaluatedKey": {"image": "a"}}, {"Items": [{"image": "b"}]}])
    body = json.loads(list_images.handler({}, None, table=table)["body"])
    assert [i["image"] for i in body["images"]] == ["a", "b"]


def test_send_email_converts_json_to_xml(monkeypatch):
    monkeypatch.setenv("EMAIL_API_URL", "")
    xml = send_email.json_to_xml({"image": "cat.jpg", "labels": ["Cat", "<b>"]})
    assert xml == "<result><image>cat.jpg</image><labels><label>Cat</label><label>&lt;b&gt;</label></labels></result>"
    assert send_email.handler(sqs_event({"image": "cat.jpg", "labels": []}), None) == {"sent": 1, "batchItemFailures": []}


def test_image_recognition_reports_only_the_message_that_failed(monkeypatch):
    # The second image makes Rekognition fail: only its message is tried again (then dead-lettered), the first is done.
    monkeypatch.setenv("TOPIC_ARN", "arn:aws:sns:us-east-1:111111111111:t")
    table, sns = FakeTable(), FakeSns()
    result = image_recognition.handler(sqs_event(s3_created("cat.jpg"), s3_created("broken.jpg")), None, rekognition=FakeRekognition(), table=table, sns=sns)
    assert result == {"processed": ["cat.jpg"], "batchItemFailures": [{"itemIdentifier": "m-2"}]}
    assert [i["image"] for i in table.items] == ["cat.jpg"]


def test_send_email_reports_only_the_messages_it_could_not_deliver(monkeypatch):
    monkeypatch.setenv("EMAIL_API_URL", "https://mail.example.com/api")
    posted = []

    def opener(req, timeout):
        if b"broken.jpg" in req.data:
            raise OSError("connection refused")
        posted.append(req.data)
        return fake_response(b"")

    event = sqs_event({"image": "cat.jpg", "labels": []}, {"image": "broken.jpg", "labels": []})
    event["Records"].append({"messageId": "m-3", "body": "not JSON"})
    assert send_email.handler(event, None, opener=opener) == {"sent": 1, "batchItemFailures": [{"itemIdentifier": "m-2"}, {"itemIdentifier": "m-3"}]}
    assert len(posted) == 1
