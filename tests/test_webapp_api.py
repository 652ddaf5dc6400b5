"""The Mini App's JSON API over real HTTP (issue 11): initData refusals (401), organisers'
figures refused to participants (403), a participant sees only their own, and Hadir on the
page goes through the chat's check-in rules."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
import pytest

from bot.clock import Clock
from db.attendance import attendees, set_code
from db.outbox import next_pending
from tests.conftest import ADMIN_ID, at, first_with
from tests.webapp_helpers import OTHER_TOKEN, Web, init_data, serve

CAMAT = first_with("Camat")
LURAH = first_with("Lurah")
OPD = first_with("Kepala OPD")
CAMAT_ID, LURAH_ID, OPD_ID, STRANGER = 8101, 8102, 8103, 8199


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[Web]:
    """Day 2, 05.25 WIB: the morning assembly's check-in (05.15-05.45) is open."""
    async with serve(tmp_path, Clock(start=at("2025-05-16 05:25"))) as w:
        await w.enrol(CAMAT_ID, CAMAT["nip"])
        await w.enrol(LURAH_ID, LURAH["nip"], lang="en")
        await w.enrol(OPD_ID, OPD["nip"])
        yield w


async def call(
    web: Web, path: str, init: str | None, body: dict[str, Any] | bytes | None = None
) -> httpx.Response:
    headers = {"Authorization": f"tma {init}".strip()} if init is not None else {}
    async with httpx.AsyncClient(base_url=web.base, timeout=10) as client:
        if body is None:
            return await client.get(f"api/{path}", headers=headers)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return await client.post(f"api/{path}", headers=headers, content=content)


def without(raw: str, field: str) -> str:
    """The same initData with one field dropped (the signature then no longer fits)."""
    return urlencode([(k, v) for k, v in parse_qsl(raw) if k != field])


def _bad_init_data() -> dict[str, str | None]:
    good = init_data(CAMAT_ID)
    return {
        "no header": None,
        "empty": "",
        "wrong hash": good.replace(str(CAMAT_ID), str(OPD_ID)),
        "old auth_date": init_data(CAMAT_ID, age=24 * 3600 + 60),
        "missing user": without(good, "user"),
        "missing auth_date": without(good, "auth_date"),
        "missing hash": without(good, "hash"),
        "another bot's token": init_data(CAMAT_ID, token=OTHER_TOKEN),
        "an organiser signed by another bot": init_data(ADMIN_ID, token=OTHER_TOKEN),
    }


@pytest.mark.parametrize("case", sorted(_bad_init_data()))
async def test_bad_init_data_is_refused_with_401_and_changes_nothing(web: Web, case: str) -> None:
    bad = _bad_init_data()[case]
    for path in ("me", "timeline", "dashboard"):
        r = await call(web, path, bad)
        assert r.status_code == 401, f"{case}: GET {path} gave {r.status_code} {r.text}"
        assert r.json() == {"error": "unauthorised"}
    r = await call(web, "checkin", bad, {"session": "d2-apel-pagi"})
    assert r.status_code == 401, f"{case}: POST checkin gave {r.status_code}"
    assert await attendees(web.services.db, "d2-apel-pagi") == {}


async def test_a_scheme_other_than_tma_is_refused(web: Web) -> None:
    async with httpx.AsyncClient(base_url=web.base) as client:
        r = await client.get("api/me", headers={"Authorization": f"Bearer {init_data(CAMAT_ID)}"})
    assert r.status_code == 401


async def test_auth_date_is_judged_by_the_wall_clock_not_the_rehearsal_clock(web: Web) -> None:
    # The event clock reads May 2025; a signature made a minute ago (wall clock) is fresh.
    assert web.services.clock.rehearsing
    r = await call(web, "me", init_data(CAMAT_ID))
    assert r.status_code == 200, r.text
    assert r.json()["registered"] is True and r.json()["organiser"] is False


async def test_a_participant_asking_for_the_dashboard_gets_403(web: Web) -> None:
    for user in (CAMAT_ID, LURAH_ID, STRANGER):
        r = await call(web, "dashboard", init_data(user))
        assert r.status_code == 403, f"user {user}: {r.status_code} {r.text}"
        assert r.json() == {"error": "organisers_only"}
        assert "Santoso" not in r.text


async def test_an_organiser_gets_the_dashboards_figures(web: Web) -> None:
    ok = await call(web, "checkin", init_data(CAMAT_ID), {"session": "d2-apel-pagi"})
    assert ok.json()["status"] == "done"
    r = await call(web, "dashboard", init_data(ADMIN_ID))
    assert r.status_code == 200, r.text
    d = r.json()
    assert (d["registered"], d["roster"]) == (3, 24)
    positions = {c["label"]: (c["value"], c["total"]) for c in d["by_position"]}
    assert positions["Camat"][0] == 1 and positions["Lurah"][0] == 1
    apel = next(a for a in d["assemblies"] if a["id"] == "d2-apel-pagi")
    assert (apel["present"], apel["expected"], apel["state"]) == (1, 3, "open")
    missing = [n for m in apel["missing"] for n in m["names"]]
    assert sorted(missing) == sorted([LURAH["name"], OPD["name"]])
    assert d["reflections"]["registered"] == 3
    assert set(d["outbox"]) >= {"pending", "sent", "failed"}
    assert d["last_broadcast"] is None


async def test_the_timeline_holds_only_the_readers_own_sessions_of_the_day(web: Web) -> None:
    r = await call(web, "timeline", init_data(CAMAT_ID))
    assert r.status_code == 200, r.text
    tl = r.json()
    ids = [i["id"] for i in tl["items"]]
    assert tl["day"] == "2025-05-16" and tl["today"] is True
    assert "d2-breakout-camat" in ids
    assert "d2-breakout-lurah" not in ids and "d2-breakout-opd" not in ids
    assert tl["name"] == CAMAT["name"]
    assert tl["now_min"] == 5 * 60 + 25 and tl["now_label"] == "05.25 WIB"
    apel = next(i for i in tl["items"] if i["id"] == "d2-apel-pagi")
    assert (apel["state"], apel["attendance"]) == ("next", "open")
    # nothing of anyone else: no other participant's name anywhere in the answer
    for other in (LURAH, OPD):
        assert other["name"] not in r.text
    # the Lurah reads English, their own breakout
    en = (await call(web, "timeline", init_data(LURAH_ID))).json()
    en_ids = [i["id"] for i in en["items"]]
    assert "d2-breakout-lurah" in en_ids and "d2-breakout-camat" not in en_ids
    assert en["now_label"] == "05:25 WIB"
    assert next(i for i in en["items"] if i["id"] == "d2-apel-pagi")["title"] == "Morning Assembly"


async def test_another_day_and_a_bad_day(web: Web) -> None:
    r = await call(web, "timeline?day=2025-05-15", init_data(CAMAT_ID))
    assert r.json()["day"] == "2025-05-15" and r.json()["now_min"] is None
    bad = await call(web, "timeline?day=besok", init_data(CAMAT_ID))
    assert bad.status_code == 400 and bad.json() == {"error": "bad_day"}


async def test_someone_not_registered_is_told_to_register(web: Web) -> None:
    r = await call(web, "timeline", init_data(STRANGER))
    assert r.status_code == 403 and r.json() == {"error": "not_registered"}
    me = (await call(web, "me", init_data(STRANGER))).json()
    assert me["registered"] is False and "daftar" in me["texts"]["not_registered"]


async def test_hadir_on_the_page_records_the_check_in_by_the_chats_rules(web: Web) -> None:
    db = web.services.db
    r = await call(web, "checkin", init_data(CAMAT_ID), {"session": "d2-apel-pagi"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "done"
    assert "05.25 WIB" in r.json()["message"] and "<b>" not in r.json()["message"]
    apel = next(i for i in r.json()["timeline"]["items"] if i["id"] == "d2-apel-pagi")
    assert apel["attendance"] == "done"
    assert list(await attendees(db, "d2-apel-pagi")) == [CAMAT_ID]
    again = await call(web, "checkin", init_data(CAMAT_ID), {"session": "d2-apel-pagi"})
    assert again.json()["status"] == "already"
    # the session the page names must take attendance and be the reader's own
    other = await call(web, "checkin", init_data(CAMAT_ID), {"session": "d2-breakout-lurah"})
    assert other.json()["status"] == "nothing_open"
    later = await call(web, "checkin", init_data(CAMAT_ID), {"session": "d2-kemendagri"})
    assert later.json()["status"] == "closed"
    # a body naming someone else checks in the signed reader only
    await call(web, "checkin", init_data(LURAH_ID), {"session": "d2-apel-pagi", "user": OPD_ID})
    assert sorted(await attendees(db, "d2-apel-pagi")) == [CAMAT_ID, LURAH_ID]


async def test_the_on_site_code_is_asked_for_and_checked(web: Web) -> None:
    db = web.services.db
    await set_code(db, "d2-apel-pagi", "4821", by=ADMIN_ID, at=web.services.clock.timestamp())
    init = init_data(OPD_ID)
    asked = await call(web, "checkin", init, {"session": "d2-apel-pagi"})
    assert asked.json()["status"] == "needs_code"
    item = next(i for i in asked.json()["timeline"]["items"] if i["id"] == "d2-apel-pagi")
    assert item["needs_code"] is True
    wrong = await call(web, "checkin", init, {"session": "d2-apel-pagi", "code": "1111"})
    assert wrong.json()["status"] == "wrong_code"
    assert await attendees(db, "d2-apel-pagi") == {}
    right = await call(web, "checkin", init, {"session": "d2-apel-pagi", "code": "4821"})
    assert right.json()["status"] == "done"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"session": 5}',
        b'{"session": ""}',
        b'{"session": "x", "code": 1}',
        json.dumps({"session": "d2-apel-pagi", "pad": "x" * 5000}).encode(),
    ],
)
async def test_a_malformed_check_in_is_refused_and_changes_nothing(web: Web, body: bytes) -> None:
    r = await call(web, "checkin", init_data(CAMAT_ID), body)
    assert r.status_code == 400 and r.json() == {"error": "bad_request"}
    assert await attendees(web.services.db, "d2-apel-pagi") == {}


async def test_the_page_and_its_texts_are_served(web: Web) -> None:
    async with httpx.AsyncClient(base_url=web.base) as client:
        page = await client.get("")
        # app.css and app.js inline, allowed by their hashes: one request on a slow network
        assert page.status_code == 200 and "tgWebAppData" in page.text and "--tg-theme" in page.text
        assert 'src="app.js"' not in page.text and 'src="early.js"' not in page.text
        csp = page.headers["Content-Security-Policy"]
        assert "frame-ancestors" in csp and "script-src 'sha256-" in csp
        # early.js, which asks for the reader's data while the page arrives, is allowed too
        early = (await client.get("early.js")).text
        assert f"<script>{early}</script>" in page.text
        digest = base64.b64encode(hashlib.sha256(early.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
        assert "'unsafe-inline'" not in csp
        js = await client.get("app.js")
        assert js.status_code == 200 and "initData" in js.text
        texts = await client.get("api/texts?lang=en")
        assert texts.json()["texts"]["btn_checkin"] == "✅ Check in"
        assert (await client.get("../webapp/nope.txt")).status_code == 404
        assert js.headers["Content-Encoding"] == "gzip"  # httpx asks for it and unpacks it
        again = await client.get("app.js", headers={"If-None-Match": js.headers["ETag"]})
        assert again.status_code == 304 and again.content == b""
        plain = await client.get("app.css", headers={"Accept-Encoding": "identity"})
        assert "Content-Encoding" not in plain.headers and "--tg-theme" in plain.text


async def test_me_brings_the_readers_day_in_the_first_answer(web: Web) -> None:
    me = (await call(web, "me", init_data(CAMAT_ID))).json()
    assert me["timeline"]["day"] == "2025-05-16"
    assert me["dashboard"] is None
    # a participant asking for the dashboard view gets their day, nothing more
    asked = (await call(web, "me?view=dashboard", init_data(CAMAT_ID))).json()
    assert asked["dashboard"] is None and asked["timeline"]["day"] == "2025-05-16"
    organiser = (await call(web, "me", init_data(ADMIN_ID))).json()
    assert organiser["organiser"] is True and organiser["timeline"] is None
    assert organiser["dashboard"]["registered"] == 3


def test_the_page_weighs_at_most_100_kb() -> None:
    from handlers.webapp import STATIC_DIR, load_page

    files = sorted(p for p in STATIC_DIR.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"index.html", "app.js", "app.css"}
    total = sum(p.stat().st_size for p in files)
    assert total <= 100_000, f"the page's files weigh {total} bytes"
    served = load_page()["index.html"]  # what a phone downloads: the page with both inline
    assert len(served.raw) <= 100_000 and len(served.gzipped) < len(served.raw) / 2


async def test_a_code_guessed_too_often_on_the_page_is_held_and_reported_as_in_the_chat(
    web: Web,
) -> None:
    db = web.services.db
    await set_code(db, "d2-apel-pagi", "4821", by=ADMIN_ID, at=web.services.clock.timestamp())
    init = init_data(OPD_ID)
    said = []
    for _ in range(6):
        r = await call(web, "checkin", init, {"session": "d2-apel-pagi", "code": "0000"})
        said.append(r.json()["status"])
    assert said[:4] == ["wrong_code"] * 4 and said[4:] == ["too_many", "too_many"], said
    held = await call(web, "checkin", init, {"session": "d2-apel-pagi", "code": "4821"})
    assert held.json()["status"] == "too_many"
    assert "pukul" in held.json()["message"]
    assert await attendees(db, "d2-apel-pagi") == {}
    alerts = [m for m in await next_pending(db, limit=50) if m.purpose == "alert"]
    assert [m.chat_id for m in alerts] == [ADMIN_ID], alerts
    assert OPD["name"] in alerts[0].payload["text"]
