"""The floor for the load benchmark: a trivial Flask app whose one endpoint does one SQLite insert,
with the same engine settings as the service (WAL, busy timeout). Our submit is compared with it."""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from forms_service.db import make_engine

metadata = MetaData()
rows = Table("row", metadata, Column("id", Integer, primary_key=True), Column("value", String(64)))


def create_app() -> Flask:
    app = Flask(__name__)
    engine = make_engine(os.environ["FLOOR_DATABASE_URL"])
    metadata.create_all(engine)

    @app.post("/insert")
    def insert_one():
        with engine.begin() as connection:
            connection.execute(insert(rows).values(value="x"))
        return "ok"

    return app
