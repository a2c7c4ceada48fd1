"""Re-encrypting stored text with the newest data-encryption key (`flask rotate-keys`).

Rows are read and written through untyped column clauses, so the stored Fernet tokens are handled
as they are (rotated) instead of being decrypted by EncryptedText. Commits once.
"""

from __future__ import annotations

from sqlalchemy import column, select
from sqlalchemy import table as table_clause

from ..db import get_session
from ..encryption import EncryptedText, rotate
from ..models import Base


def rotate_data_keys() -> int:
    """Re-encrypt every stored value with the first key of DATA_ENCRYPTION_KEYS; returns how
    many values were rotated."""
    session = get_session()
    rotated = 0
    for table in Base.metadata.sorted_tables:
        encrypted = [c.name for c in table.columns if isinstance(c.type, EncryptedText)]
        if not encrypted:
            continue
        key = next(iter(table.primary_key.columns)).name
        raw = table_clause(table.name, column(key), *[column(name) for name in encrypted])
        for row in session.execute(select(raw)).mappings().all():
            values = {name: rotate(row[name]) for name in encrypted if row[name]}
            if values:
                session.execute(raw.update().where(raw.c[key] == row[key]).values(values))
                rotated += len(values)
    session.commit()
    return rotated
