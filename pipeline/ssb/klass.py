"""SSB's classification service KLASS: the kommune code changes (classification 131).

`reformeval fetch` archives the reply of `/classifications/131/changes` byte-for-byte and writes the
reference table `reference/kommuneendringer.csv` of the snapshot from it, so that a live snapshot
carries the code changes its data need.
"""

from __future__ import annotations

import csv
import io

from pipeline.errors import SsbReplyError
from pipeline.ssb.client import PxWebClient, decode_reply

KLASS_BASE_URL = "https://data.ssb.no/api/klass/v1"
KOMMUNE_CLASSIFICATION = "131"


def fetch_kommune_changes(client: PxWebClient, klass_base_url: str, from_date: str, to_date: str) -> tuple[str, bytes]:
    """The URL and the raw JSON reply of KLASS 131's code changes between two dates."""
    url = f"{klass_base_url.rstrip('/')}/classifications/{KOMMUNE_CLASSIFICATION}/changes"
    # KLASS is not behind PxWebApi's rate limit, so its call does not count against it.
    reply = client.get_json(url, params={"from": from_date, "to": to_date, "language": "nb"},
                            what=f"KLASS {KOMMUNE_CLASSIFICATION} changes", paced=False)
    return reply.url, reply.content


def kommuneendringer_csv(reply: bytes, source_url: str) -> str:
    """The reference table `kommuneendringer` (change_year, old_code, …) from a KLASS changes reply."""
    doc = decode_reply(reply, "KLASS 131 changes")
    if "codeChanges" not in doc:
        raise SsbReplyError(f"KLASS 131 changes ({source_url}): no field 'codeChanges'; fields {sorted(doc)[:10]}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["change_year", "old_code", "old_name", "new_code", "new_name", "source_document", "source_url"])
    for change in doc["codeChanges"]:
        try:
            year = int(str(change["changeOccurred"])[:4])
            old, new = str(change["oldCode"]), str(change["newCode"])
        except (KeyError, ValueError):
            raise SsbReplyError(
                f"KLASS 131 changes ({source_url}): a change lacks changeOccurred/oldCode/newCode: {change}"
            ) from None
        if old == new or not (old.isdigit() and new.isdigit() and len(old) == len(new) == 4):
            continue
        writer.writerow([year, old, change.get("oldName") or "", new, change.get("newName") or "",
                         "SSB KLASS, klassifikasjon 131 (Standard for kommuneinndeling), endringer", source_url])
    return out.getvalue()
