"""Unit tests for the API handler, with an in-memory table: no AWS account or network needed."""
import json

import app


class FakeTable:
    def __init__(self):
        self.items = []

    def scan(self):
        return {"Items": list(self.items)}

    def put_item(self, Item):
        self.items.append(Item)


def test_list_is_empty_at_first():
    result = app.handler({"httpMethod": "GET"}, None, items=FakeTable())
    assert result["statusCode"] == 200
    assert json.loads(result["body"]) == {"items": []}


def test_create_then_list():
    table = FakeTable()
    created = app.handler({"httpMethod": "POST", "body": json.dumps({"name": " Mysfit "})}, None, items=table)
    assert created["statusCode"] == 201
    assert json.loads(created["body"])["name"] == "Mysfit"
    listed = json.loads(app.handler({"httpMethod": "GET"}, None, items=table)["body"])
    assert [i["name"] for i in listed["items"]] == ["Mysfit"]


def test_create_rejects_a_missing_name():
    result = app.handler({"httpMethod": "POST", "body": "{}"}, None, items=FakeTable())
    assert result["statusCode"] == 400


def test_create_rejects_a_body_that_is_not_json():
    result = app.handler({"httpMethod": "POST", "body": "{"}, None, items=FakeTable())
    assert result["statusCode"] == 400


def test_other_methods_are_refused():
    assert app.handler({"httpMethod": "DELETE"}, None, items=FakeTable())["statusCode"] == 405


def test_only_the_site_may_read_the_answers_in_a_browser(monkeypatch):
    monkeypatch.setenv("ALLOWED_ORIGIN", "https://d111111abcdef8.cloudfront.net")
    result = app.handler({"httpMethod": "GET"}, None, items=FakeTable())
    assert result["headers"]["Access-Control-Allow-Origin"] == "https://d111111abcdef8.cloudfront.net"
    monkeypatch.delenv("ALLOWED_ORIGIN")
    assert "Access-Control-Allow-Origin" not in app.handler({"httpMethod": "GET"}, None, items=FakeTable())["headers"]
