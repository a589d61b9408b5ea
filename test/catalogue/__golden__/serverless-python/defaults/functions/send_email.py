"""Deliver recognition results to an e-mail server's HTTP API that accepts only XML."""
import json
import os
import urllib.request
from xml.etree.ElementTree import Element, SubElement, tostring


def json_to_xml(payload):
    root = Element("result")
    SubElement(root, "image").text = str(payload.get("image", ""))
    labels = SubElement(root, "labels")
    for name in payload.get("labels", []):
        SubElement(labels, "label").text = str(name)
    return tostring(root, encoding="unicode")


def post_xml(url, xml, opener=urllib.request.urlopen):
    req = urllib.request.Request(url, data=xml.encode("utf-8"), headers={"Content-Type": "application/xml"}, method="POST")
    with opener(req, timeout=10) as res:
        return res.status


def handler(event, context, opener=urllib.request.urlopen):
    url = os.environ.get("EMAIL_API_URL", "")
    sent, failures = 0, []
    for record in event.get("Records", []):
        try:
            envelope = json.loads(record["body"])
            xml = json_to_xml(json.loads(envelope.get("Message", "{}")))
            if url:
                post_xml(url, xml, opener)
            sent += 1
        except Exception as e:  # noqa: BLE001 - any failure: only this message is tried again
            # Reported as a batch item failure: SQS offers only this message again, and after the queue's
            # maxReceiveCount tries moves it to the dead-letter queue; the rest of the batch is sent.
            print(json.dumps({"failed": record.get("messageId"), "error": repr(e)}))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"sent": sent, "batchItemFailures": failures}
