"""Beatmap endpoints: recorded responses parse strictly, requests match the spec."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from osuframes.models import (
    Beatmap,
    BeatmapPack,
    Beatmapset,
    DifficultyAttributes,
    FruitsDifficultyAttributes,
    LazerScore,
    ManiaDifficultyAttributes,
    OsuDifficultyAttributes,
    Score,
    TaikoDifficultyAttributes,
)
from tests.endpoints.harness import Case, cases_param, query_of, run_case

CHECKSUM = "dea6bd9aad8d934514f57cdac90e0d58"


def _beatmap(beatmap: Beatmap) -> None:
    assert isinstance(beatmap, Beatmap)
    assert (beatmap.id, beatmap.version, beatmap.beatmapset_id) == (
        2906626,
        "Nanachi's Extra",
        1354218,
    )
    assert beatmap.last_updated == datetime(2021, 9, 30, 17, 25, 43, tzinfo=UTC)
    assert beatmap.beatmapset is not None and beatmap.beatmapset.id == 1354218


def _leaderboard(scores: list[Score]) -> None:
    assert len(scores) == 50 and all(isinstance(score, Score) for score in scores)
    first = scores[0]
    assert first.id == 4580373803 and first.pp == pytest.approx(428.223)
    assert first.user is not None and first.user.username == "C-L"
    assert first.mods.acronyms == ["HD", "DT"]
    assert first.created_at == datetime(2024, 2, 5, 16, 23, 28, tzinfo=UTC)


def _attributes(kind: type[DifficultyAttributes], stars: float, combo: int):
    def check(attributes: DifficultyAttributes) -> None:
        assert type(attributes) is kind
        assert attributes.star_rating == pytest.approx(stars)
        assert attributes.max_combo == combo

    return check


def _looked_up(beatmap: Beatmap) -> None:
    assert (beatmap.id, beatmap.checksum, beatmap.beatmapset_id) == (2354779, CHECKSUM, 1127019)
    assert beatmap.last_updated == datetime(2021, 1, 13, 14, 19, 1, tzinfo=UTC)


def _boss_bitch(beatmapset: Beatmapset) -> None:
    assert (beatmapset.id, beatmapset.artist, beatmapset.title) == (
        1107500,
        "Doja Cat",
        "Boss Bitch",
    )
    assert beatmapset.beatmaps is not None and len(beatmapset.beatmaps) == 13
    assert beatmapset.ranked_date == datetime(2020, 9, 29, 7, 43, 31, tzinfo=UTC)


def _set_of_beatmap(beatmapset: Beatmapset) -> None:
    assert (beatmapset.id, beatmapset.creator) == (521392, "nananass")
    assert beatmapset.beatmaps is not None
    assert 1107466 in [beatmap.id for beatmap in beatmapset.beatmaps]


def _pack(pack: BeatmapPack) -> None:
    assert (pack.tag, pack.author) == ("L1", "Hivie")
    assert pack.date == datetime(2023, 6, 19, 5, 47, 42, tzinfo=UTC)
    assert pack.beatmapsets is not None and len(pack.beatmapsets) == 9
    assert pack.user_completion_data is not None
    assert pack.user_completion_data.completed is False


def _packs(page) -> None:
    assert len(page.beatmap_packs) == 100 and page.beatmap_packs[0].tag == "S1828"
    assert page.cursor == {"pack_id": 4295} and page.cursor_string == "eyJwYWNrX2lkIjo0Mjk1fQ"


def _search(page) -> None:
    assert len(page.beatmapsets) == 50 and page.total == 3890
    assert (page.beatmapsets[0].id, page.beatmapsets[0].title) == (1096383, "Say So")
    assert page.cursor == {"_score": 38.12546, "id": 13845} and page.has_next_page
    assert page.search is not None and page.search.sort == "relevance_desc"


CASES = [
    Case(
        "get_beatmap_200.json",
        "get_beatmap",
        "GET /api/v2/beatmaps/2906626",
        (2906626,),
        check=_beatmap,
    ),
    Case("get_beatmap_404.json", "get_beatmap", "GET /api/v2/beatmaps/1", (1,)),
    Case(
        "get_beatmaps_200.json",
        "get_beatmaps",
        "GET /api/v2/beatmaps",
        ([2906626, 2395787],),
        query={"ids[]": ["2906626", "2395787"]},
        # The recording sent `ids=` instead of `ids[]=`, so the server found nothing.
        check=lambda beatmaps: beatmaps == [] or pytest.fail(f"{beatmaps!r}"),
    ),
    Case(
        "get_beatmap_scores_200.json",
        "get_beatmap_scores",
        "GET /api/v2/beatmaps/2906626/scores",
        (2906626,),
        query={"limit": "50"},
        api_version=20220704,
        check=_leaderboard,
    ),
    Case(
        "get_beatmap_scores_404.json",
        "get_beatmap_scores",
        "GET /api/v2/beatmaps/1/scores",
        (1,),
        query={"limit": "50"},
    ),
    Case(
        "lookup_beatmap_200.json",
        "lookup_beatmap",
        "GET /api/v2/beatmaps/lookup",
        kwargs={"id": 2354779},
        query={"id": "2354779"},
        check=_looked_up,
    ),
    Case(
        # An older (2023) recording of the same lookup: one beatmap object, not a list.
        "lookup_beatmaps_200.json",
        "lookup_beatmap",
        "GET /api/v2/beatmaps/lookup",
        kwargs={"checksum": CHECKSUM},
        query={"checksum": CHECKSUM},
        check=_looked_up,
    ),
    Case(
        "lookup_beatmap_404.json",
        "lookup_beatmap",
        "GET /api/v2/beatmaps/lookup",
        kwargs={"filename": "no such map.osu"},
        query={"filename": "no such map.osu"},
    ),
    Case(
        "get_beatmap_attributes_200.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/2906626/attributes",
        (2906626,),
        body={},
        # No ruleset given: the model is told by the keys (osu! here).
        check=_attributes(OsuDifficultyAttributes, 5.10599, 564),
    ),
    Case(
        "get_beatmap_attributes_404.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/1/attributes",
        (1,),
        body={},
    ),
    Case(
        "difficulty_attributes_osu.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/4886597/attributes",
        (4886597,),
        kwargs={"mode": "osu", "mods": "HDHR"},
        body={"ruleset_id": 0, "mods": [{"acronym": "HD"}, {"acronym": "HR"}]},
        check=_attributes(OsuDifficultyAttributes, 7.27307, 2471),
    ),
    Case(
        "difficulty_attributes_taiko.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/1939224/attributes",
        (1939224,),
        kwargs={"mode": "taiko", "mods": ["EZ", "HD", "NC", "FL"]},
        body={
            "ruleset_id": 1,
            "mods": [{"acronym": "EZ"}, {"acronym": "HD"}, {"acronym": "NC"}, {"acronym": "FL"}],
        },
        check=_attributes(TaikoDifficultyAttributes, 5.22488, 369),
    ),
    Case(
        "difficulty_attributes_fruits.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/94943/attributes",
        (94943,),
        kwargs={"mode": "fruits", "mods": 64},
        body={"ruleset_id": 2, "mods": [{"acronym": "DT"}]},
        # Only the two common keys come back: the mode says which model it is.
        check=_attributes(FruitsDifficultyAttributes, 2.86257, 673),
    ),
    Case(
        "difficulty_attributes_mania.json",
        "get_beatmap_attributes",
        "POST /api/v2/beatmaps/4983215/attributes",
        (4983215,),
        kwargs={"mode": 3},
        body={"ruleset_id": 3},
        check=_attributes(ManiaDifficultyAttributes, 6.26155, 5834),
    ),
    Case(
        "get_beatmapset_200.json",
        "get_beatmapset",
        "GET /api/v2/beatmapsets/1107500",
        (1107500,),
        check=_boss_bitch,
    ),
    Case("get_beatmapset_404.json", "get_beatmapset", "GET /api/v2/beatmapsets/1", (1,)),
    Case(
        "lookup_beatmapset_200.json",
        "lookup_beatmapset",
        "GET /api/v2/beatmapsets/lookup",
        (1107466,),
        query={"beatmap_id": "1107466"},
        check=_set_of_beatmap,
    ),
    Case(
        "lookup_beatmapset_404.json",
        "lookup_beatmapset",
        "GET /api/v2/beatmapsets/lookup",
        (1,),
        query={"beatmap_id": "1"},
    ),
    Case(
        "search_beatmapsets_200.json",
        "search_beatmapsets",
        "GET /api/v2/beatmapsets/search",
        kwargs={"query": "doja cat say so"},
        query={"q": "doja cat say so"},
        check=_search,
    ),
    Case(
        "get_beatmap_packs_200.json",
        "get_beatmap_packs",
        "GET /api/v2/beatmaps/packs",
        kwargs={"type": "TOURNAMENT"},
        query={"type": "tournament"},
        check=_packs,
    ),
    Case(
        "get_beatmap_pack_200.json",
        "get_beatmap_pack",
        "GET /api/v2/beatmaps/packs/L1",
        ("L1",),
        check=_pack,
    ),
    Case("get_beatmap_pack_404.json", "get_beatmap_pack", "GET /api/v2/beatmaps/packs/L0", ("L0",)),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def test_beatmap_scores_send_mods_as_acronyms_and_the_filters(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/75/scores", {"scores": []})
    client = make_client()
    scores = await client.get_beatmap_scores(
        75, mode="ctb", mods="DTHD", type="Country", legacy_only=True, limit=100
    )
    assert scores == []
    assert query_of(api.api_requests()[0]) == {
        "mode": "fruits",
        "mods[]": ["HD", "DT"],
        "type": "country",
        "legacy_only": "1",
        "limit": "100",
    }


async def test_beatmap_scores_without_mods_ask_for_nomod(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/75/scores", {"scores": []})
    await make_client().get_beatmap_scores(75, mods="NM")
    assert api.api_requests()[0].url.params.get_list("mods[]") == ["NM"]


async def test_beatmap_scores_new_format_reads_lazer_scores(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/75/scores", {"scores": []})
    client = make_client()
    await client.get_beatmap_scores(75, new_format=True)
    assert api.api_requests()[0].headers["x-api-version"] == "20220705"
    assert client.get_beatmap_scores.endpoint.build(client, 75, new_format=True).item is LazerScore


async def test_get_beatmaps_batches_by_fifty(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps", {"beatmaps": [{"id": 1}]})
    beatmaps = await make_client().get_beatmaps(list(range(1, 102)))
    sizes = [len(r.url.params.get_list("ids[]")) for r in api.api_requests()]
    assert sizes == [50, 50, 1] and [b.id for b in beatmaps] == [1, 1, 1]


async def test_get_beatmaps_of_no_ids_sends_nothing(api, make_client):
    assert await make_client().get_beatmaps([]) == []
    assert api.requests == []


async def test_lookup_beatmap_sends_every_key_given(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/lookup", {"id": 5})
    await make_client().lookup_beatmap(checksum=CHECKSUM, filename="a.osu", id=5)
    assert query_of(api.api_requests()[0]) == {"checksum": CHECKSUM, "filename": "a.osu", "id": "5"}


async def test_beatmap_attributes_keep_mod_settings(api, make_client):
    api.json_route("POST", "/api/v2/beatmaps/9/attributes", {"attributes": {"star_rating": 1.0}})
    mods = [{"acronym": "DT", "settings": {"speed_change": 1.3}}, "HD"]
    attributes = await make_client().get_beatmap_attributes(9, mods=mods)
    (request,) = api.api_requests()
    assert json.loads(request.content) == {
        "mods": [{"acronym": "HD"}, {"acronym": "DT", "settings": {"speed_change": 1.3}}]
    }
    assert type(attributes) is DifficultyAttributes


async def test_get_beatmap_and_beatmapset_requests(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/12", {"id": 12})
    api.json_route("GET", "/api/v2/beatmapsets/34", {"id": 34})
    api.json_route("GET", "/api/v2/beatmapsets/lookup", {"id": 34})
    client = make_client()
    assert (await client.get_beatmap("12")).id == 12
    assert (await client.get_beatmapset(34)).id == 34
    assert (await client.lookup_beatmapset(12)).id == 34
    shapes = [(r.method, r.url.path, query_of(r)) for r in api.api_requests()]
    assert shapes == [
        ("GET", "/api/v2/beatmaps/12", {}),
        ("GET", "/api/v2/beatmapsets/34", {}),
        ("GET", "/api/v2/beatmapsets/lookup", {"beatmap_id": "12"}),
    ]


async def test_search_beatmapsets_sends_the_site_parameters(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/search", {"beatmapsets": []})
    page = await make_client().search_beatmapsets(
        query="stars>6",
        mode="mania",
        category="Ranked",
        show_explicit=False,
        genre="Video Game",
        language=3,
        sort="plays_desc",
        only_video=True,
        only_storyboard=True,
        recommended_difficulty=True,
        only_followed=True,
        only_spotlights=True,
        only_featured_artists=True,
        include_converts=True,
        played="unplayed",
        rank=["S", "SH", "S"],
        cursor_string="eyJpZCI6MX0",
    )
    assert page.beatmapsets == [] and not page.has_next_page
    assert query_of(api.api_requests()[0]) == {
        "q": "stars>6",
        "m": "3",
        "s": "ranked",
        "nsfw": "false",
        "g": "2",
        "l": "3",
        "sort": "plays_desc",
        "e": "video.storyboard",
        "c": "recommended.follows.spotlights.featured_artists.converts",
        "played": "unplayed",
        "r": "S.SH",
        "cursor_string": "eyJpZCI6MX0",
    }


async def test_search_beatmapsets_without_filters_sends_no_parameters(api, make_client):
    api.json_route("GET", "/api/v2/beatmapsets/search", {"beatmapsets": []})
    await make_client().search_beatmapsets()
    assert query_of(api.api_requests()[0]) == {}


@pytest.mark.parametrize(
    ("given", "sent"), [("S", "standard"), ("chart", "chart"), ("Artist", "artist")]
)
async def test_beatmap_pack_types_read_names_and_tags(api, make_client, given, sent):
    api.json_route("GET", "/api/v2/beatmaps/packs", {"beatmap_packs": []})
    await make_client().get_beatmap_packs(type=given, cursor_string="abc")
    assert query_of(api.api_requests()[0]) == {"type": sent, "cursor_string": "abc"}


async def test_beatmap_pack_sends_legacy_only(api, make_client):
    api.json_route("GET", "/api/v2/beatmaps/packs/S1", {"tag": "S1"})
    await make_client().get_beatmap_pack("S1", legacy_only=False)
    assert query_of(api.api_requests()[0]) == {"legacy_only": "0"}


def test_paged_endpoints_declare_their_paging():
    from osuframes import Client
    from osuframes.endpoints._base import endpoint_of
    from osuframes.endpoints._paging import CursorString

    search = endpoint_of(Client.search_beatmapsets)
    assert (search.paging, search.items, search.item) == (
        CursorString(page_size=50),
        "beatmapsets",
        Beatmapset,
    )
    packs = endpoint_of(Client.get_beatmap_packs)
    assert (packs.paging, packs.items, packs.item) == (
        CursorString(page_size=100),
        "beatmap_packs",
        BeatmapPack,
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_beatmap(0), "get_beatmap(beatmap_id=0): an id must be a positive"),
        (lambda c: c.get_beatmap_scores(1, limit=0), "get_beatmap_scores(limit=0): must be"),
        (lambda c: c.get_beatmap_scores(1, type="world"), "use one of 'global', 'country'"),
        (lambda c: c.get_beatmap_scores(1, mods="HDX"), "get_beatmap_scores(mods='HDX'):"),
        (lambda c: c.get_beatmap_scores(1, mode="std!"), "'std!' is not a ruleset"),
        (lambda c: c.get_beatmaps([1, -2]), "get_beatmaps(beatmap_ids=-2): an id must be"),
        (lambda c: c.get_beatmaps("12"), "get_beatmaps(beatmap_ids='12'): give a list of ids"),
        (lambda c: c.lookup_beatmap(), "give one of checksum, filename or id"),
        (lambda c: c.lookup_beatmap(checksum="abc"), "32 hex digits"),
        (lambda c: c.lookup_beatmap(filename=""), "lookup_beatmap(filename=''):"),
        (lambda c: c.get_beatmap_attributes(1, mode="catch the beet"), "is not a ruleset"),
        (lambda c: c.get_beatmap_attributes(1, mods=-1), "get_beatmap_attributes(mods=-1)"),
        (lambda c: c.get_beatmapset(-1), "get_beatmapset(beatmapset_id=-1)"),
        (lambda c: c.lookup_beatmapset("x"), "lookup_beatmapset(beatmap_id='x')"),
        (lambda c: c.search_beatmapsets(category="new"), "'leaderboard'"),
        (lambda c: c.search_beatmapsets(sort="plays"), "<field>_asc or <field>_desc"),
        (lambda c: c.search_beatmapsets(genre="polka"), "'video game' (2)"),
        (lambda c: c.search_beatmapsets(language=99), "search_beatmapsets(language=99)"),
        (lambda c: c.search_beatmapsets(rank=["S", "Z"]), "'Z' is not a score rank"),
        (lambda c: c.search_beatmapsets(played="yes"), "'unplayed'"),
        (lambda c: c.search_beatmapsets(only_video="yes"), "must be True or False"),
        (lambda c: c.search_beatmapsets(query=5), "search_beatmapsets(query=5)"),
        (lambda c: c.search_beatmapsets(cursor_string=""), "search_beatmapsets(cursor_string='')"),
        (lambda c: c.get_beatmap_packs(type="mapper"), "is not a beatmap pack type"),
        (lambda c: c.get_beatmap_pack("S 1/.."), "give a pack tag like 'S1'"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []
