"""Content endpoints (featured tracks, backgrounds, changelog, news, wiki, comments)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from osuframes import NotFound
from osuframes.endpoints._base import endpoint_of
from osuframes.endpoints._paging import CursorParams, CursorString, MaxId
from osuframes.models import ArtistTrack, Build, Comment, NewsPost
from tests.endpoints.harness import Case, cases_param, query_of, run_case

FORMATS = {"message_formats[]": ["html", "markdown"]}


def _tracks(first_id: int, artist: str, bpm: float, updated: datetime):
    def check(page) -> None:
        assert len(page.artist_tracks) == 50 and page.cursor_string
        track = page.artist_tracks[0]
        assert (track.id, track.artist.name, track.bpm) == (first_id, artist, bpm)
        assert track.updated_at == updated

    return check


def _listing(listing) -> None:
    assert len(listing.builds) == 21 and len(listing.streams) == 5
    build = listing.builds[0]
    assert (build.id, build.version) == (8803, "2026.630.0")
    assert build.created_at == datetime(2026, 6, 30, 10, 27, 9, tzinfo=UTC)
    assert listing.search.limit == 21


def _build(build) -> None:
    assert (build.id, build.version, build.update_stream.name) == (7076, "2023.815.0", "lazer")
    assert len(build.changelog_entries) == 12
    assert build.versions.previous.version == "2023.812.0"


def _news(listing) -> None:
    assert len(listing.news_posts) == 12 and listing.cursor_string
    post = listing.news_posts[0]
    assert (post.id, post.slug) == (1919, "2026-07-03-performance-points-star-rating-updates")
    assert post.published_at == datetime(2026, 7, 3, 20, tzinfo=UTC)


def _news_post(post) -> None:
    assert (post.id, post.slug, post.author) == (1, "2013-07-31-clicking-styles", "thelewa")
    assert post.published_at == datetime(2013, 7, 31, 6, tzinfo=UTC)
    assert post.navigation.newer.id == 2 and post.content


def _comment(bundle) -> None:
    (comment,) = bundle.comments
    assert (comment.id, comment.user_id, comment.commentable_type) == (1, 2, "news_post")
    assert comment.created_at == datetime(2018, 9, 11, 8, 45, 49, tzinfo=UTC)
    assert len(bundle.included_comments) == 21 and bundle.has_more is False


def _comments(bundle) -> None:
    assert len(bundle.comments) == 50 and bundle.has_more and bundle.total == 3860269
    assert (bundle.comments[0].id, bundle.comments[0].user_id) == (4108330, 12585714)
    assert bundle.cursor == {"created_at": "2026-07-03T23:54:26.000000Z", "id": 4108280}


def _backgrounds(season) -> None:
    assert len(season.backgrounds) == 21 and season.backgrounds[0].user.username == "Yonkoli"
    assert season.ends_at == datetime(2026, 6, 30, tzinfo=UTC)


def _wiki(page) -> None:
    assert (page.path, page.locale, page.title, page.layout) == (
        "Main_page",
        "en",
        "Main page",
        "main_page",
    )


CASES = [
    Case(
        "get_featured_tracks_200.json",
        "get_featured_tracks",
        "GET /beatmaps/artists/tracks",
        check=_tracks(7327, "Monstercat", 170, datetime(2024, 2, 26, 3, 17, 57, tzinfo=UTC)),
    ),
    Case(
        "get_featured_artists_200.json",
        "get_featured_tracks",
        "GET /beatmaps/artists/tracks",
        kwargs={
            "bpm": (150, 200),
            "length": (None, 300),
            "is_default_sort": True,
            "exclusive_only": False,
        },
        query={
            "bpm[gte]": "150",
            "bpm[lte]": "200",
            "length[lte]": "300",
            "is_default_sort": "true",
            "exclusive_only": "false",
        },
        check=_tracks(11342, "WhiteSakata", 180, datetime(2026, 7, 4, 0, 46, 35, tzinfo=UTC)),
    ),
    Case(
        "get_seasonal_backgrounds_200.json",
        "get_seasonal_backgrounds",
        "GET /api/v2/seasonal-backgrounds",
        check=_backgrounds,
    ),
    Case(
        "get_changelog_listing_200.json",
        "get_changelog_listing",
        "GET /api/v2/changelog",
        query=FORMATS,
        check=_listing,
    ),
    Case(
        "get_changelog_build_200.json",
        "get_changelog_build",
        "GET /api/v2/changelog/lazer/2023.815.0",
        ("lazer", "2023.815.0"),
        check=_build,
    ),
    Case(
        "get_changelog_build_404.json",
        "get_changelog_build",
        "GET /api/v2/changelog/lazer/thiswill404",
        ("lazer", "thiswill404"),
    ),
    Case(
        "lookup_changelog_build_200.json",
        "lookup_changelog_build",
        "GET /api/v2/changelog/lazer",
        ("lazer",),
        query=FORMATS,
        check=lambda b: (
            (b.id, b.version, len(b.changelog_entries)) == (8801, "2026.624.0", 4)
            or pytest.fail(repr(b))
        ),
    ),
    Case(
        "lookup_changelog_build_404.json",
        "lookup_changelog_build",
        "GET /api/v2/changelog/thiswill404",
        ("thiswill404",),
        query=FORMATS,
    ),
    Case(
        "get_news_listing_200.json",
        "get_news_listing",
        "GET /api/v2/news",
        query={"limit": "12"},
        check=_news,
    ),
    Case(
        "get_news_post_200.json",
        "get_news_post",
        "GET /api/v2/news/1",
        (1,),
        query={**FORMATS, "key": "id"},
        check=_news_post,
    ),
    Case(
        "get_news_post_404.json",
        "get_news_post",
        "GET /api/v2/news/thiswill404",
        ("thiswill404",),
        query=FORMATS,
    ),
    Case(
        "get_wiki_page_200.json",
        "get_wiki_page",
        "GET /api/v2/wiki/en/Main_page",
        ("en", "Main_page"),
        check=_wiki,
    ),
    # The server answers a missing wiki page with 404 and an empty body (spec §5).
    Case(
        "get_wiki_page_404.json",
        "get_wiki_page",
        "GET /api/v2/wiki/en/thiswill404",
        ("en", "thiswill404"),
    ),
    Case("get_comment_200.json", "get_comment", "GET /api/v2/comments/1", (1,), check=_comment),
    Case(
        "get_comment_404.json",
        "get_comment",
        "GET /api/v2/comments/999999999",
        (999999999,),
    ),
    Case("get_comments_200.json", "get_comments", "GET /api/v2/comments", check=_comments),
]


@cases_param(CASES)
async def test_recorded_response_reads_back(case: Case, api, make_client):
    await run_case(case, api, make_client)


async def _sent(api, make_client, http: str, call, answer: Any) -> tuple[Any, httpx.Request]:
    """Serve `answer` on `http`, make the call, return its result and the one request."""
    method, route = http.split(" ", 1)
    api.json_route(method, route, answer)
    result = await call(make_client())
    (request,) = api.api_requests()
    assert (request.method, request.url.path) == (method, route)
    return result, request


BUILD = {"id": 1, "version": "2026.1.0"}
BUNDLE = {"comments": []}


@pytest.mark.parametrize(
    ("http", "call", "query", "answer"),
    [
        pytest.param(
            "GET /beatmaps/artists/tracks",
            lambda c: c.get_featured_tracks(
                album="Album",
                artist="Camellia",
                genre="Electronic",
                query="ghost",
                sort="bpm_desc",
                bpm=(None, 200.5),
                length=(60, 240),
                cursor_string="eyJpZCI6MX0",
            ),
            {
                "album": "Album",
                "artist": "Camellia",
                "genre": "Electronic",
                "query": "ghost",
                "sort": "bpm_desc",
                "bpm[lte]": "200.5",
                "length[gte]": "60",
                "length[lte]": "240",
                "cursor_string": "eyJpZCI6MX0",
            },
            {"artist_tracks": []},
            id="featured_tracks",
        ),
        pytest.param(
            "GET /api/v2/seasonal-backgrounds",
            lambda c: c.get_seasonal_backgrounds(),
            {},
            {"backgrounds": []},
            id="seasonal_backgrounds",
        ),
        pytest.param(
            "GET /api/v2/changelog",
            lambda c: c.get_changelog_listing(
                from_="2026.101.0",
                to="2026.630.0",
                max_id=8802,
                stream="lazer",
                message_formats=["markdown"],
            ),
            {
                "from": "2026.101.0",
                "to": "2026.630.0",
                "max_id": "8802",
                "stream": "lazer",
                "message_formats[]": ["markdown"],
            },
            {"builds": []},
            id="changelog_listing",
        ),
        pytest.param(
            "GET /api/v2/changelog/stable40/20210520.2",
            lambda c: c.get_changelog_build("stable40", "20210520.2"),
            {},
            BUILD,
            id="changelog_build",
        ),
        pytest.param(
            "GET /api/v2/changelog/8801",
            lambda c: c.lookup_changelog_build(8801, message_formats="html"),
            {"message_formats[]": ["html"], "key": "id"},
            BUILD,
            id="changelog_build_by_id",
        ),
        pytest.param(
            "GET /api/v2/changelog/8801",
            lambda c: c.lookup_changelog_build("8801", is_id=True),
            {**FORMATS, "key": "id"},
            BUILD,
            id="changelog_build_by_id_string",
        ),
        pytest.param(
            "GET /api/v2/news",
            lambda c: c.get_news_listing(limit=21, year=2024, cursor_string="abc"),
            {"limit": "21", "year": "2024", "cursor_string": "abc"},
            {"news_posts": []},
            id="news_listing",
        ),
        pytest.param(
            "GET /api/v2/news/2013-07-31-clicking-styles",
            lambda c: c.get_news_post("2013-07-31-clicking-styles"),
            FORMATS,
            {"id": 1},
            id="news_post_by_slug",
        ),
        pytest.param(
            "GET /api/v2/wiki/zh-tw/People/The_Team",
            lambda c: c.get_wiki_page("zh-TW", "/People/The_Team/"),
            {},
            {"path": "People/The_Team"},
            id="wiki_nested_path",
        ),
        pytest.param(
            "GET /api/v2/comments/42",
            lambda c: c.get_comment(42),
            {},
            BUNDLE,
            id="comment",
        ),
        pytest.param(
            "GET /api/v2/comments",
            lambda c: c.get_comments(
                commentable_type="beatmapset",
                commentable_id=1,
                parent_id=0,
                sort="top",
                user_id=2,
                limit=100,
                cursor={"votes_count": 3, "created_at": "2026-07-03T23:54:26.000000Z", "id": 7},
            ),
            {
                "commentable_type": "beatmapset",
                "commentable_id": "1",
                "parent_id": "0",
                "sort": "top",
                "user_id": "2",
                "limit": "100",
                "cursor[votes_count]": "3",
                "cursor[created_at]": "2026-07-03T23:54:26.000000Z",
                "cursor[id]": "7",
            },
            BUNDLE,
            id="comments_next_page",
        ),
    ],
)
async def test_request_shape(api, make_client, http, call, query, answer):
    _, request = await _sent(api, make_client, http, call, answer)
    assert query_of(request) == query
    assert request.content == b""


async def test_comments_page_by_sending_the_cursor_object_back(api, make_client):
    """The cursor of one page, passed as `cursor=`, becomes `cursor[...]` of the next."""
    page = {
        "comments": [],
        "cursor": {"created_at": "2026-07-03T23:54:26.000000Z", "id": 4108280},
        "has_more": True,
    }
    api.json_route("GET", "/api/v2/comments", page)
    client = make_client()
    first = await client.get_comments(sort="new")
    await client.get_comments(sort="new", cursor=first.cursor)
    second = api.api_requests()[1]
    assert query_of(second) == {
        "sort": "new",
        "cursor[created_at]": "2026-07-03T23:54:26.000000Z",
        "cursor[id]": "4108280",
    }
    assert "cursor_string" not in str(second.url)


async def test_public_content_is_cacheable(make_client):
    client = make_client()
    for method, arguments in [
        ("get_featured_tracks", ()),
        ("get_seasonal_backgrounds", ()),
        ("get_changelog_listing", ()),
        ("get_changelog_build", ("lazer", "2023.815.0")),
        ("lookup_changelog_build", ("lazer",)),
        ("get_news_listing", ()),
        ("get_news_post", (1,)),
        ("get_wiki_page", ("en", "Main_page")),
        ("get_comment", (1,)),
        ("get_comments", ()),
    ]:
        call = endpoint_of(getattr(client, method)).build(client, *arguments)
        assert call.cacheable and not call.needs_user and call.method == "GET", method


def test_paging_declarations():
    from osuframes import Client

    assert endpoint_of(Client.get_featured_tracks).paging == CursorString(page_size=50)
    assert endpoint_of(Client.get_featured_tracks).item is ArtistTrack
    assert endpoint_of(Client.get_changelog_listing).paging == MaxId(page_size=21)
    assert endpoint_of(Client.get_changelog_listing).item is Build
    assert endpoint_of(Client.get_news_listing).paging == CursorString(page_size=21)
    assert endpoint_of(Client.get_news_listing).item is NewsPost
    comments = endpoint_of(Client.get_comments)
    assert (comments.paging, comments.items, comments.item) == (
        CursorParams(page_size=100),
        "comments",
        Comment,
    )


async def test_missing_wiki_page_with_empty_body_is_not_found(api, make_client):
    api.route("GET", "/api/v2/wiki/en/Nope", httpx.Response(404, content=b""))
    with pytest.raises(NotFound):
        await make_client(max_retries=0).get_wiki_page("en", "Nope")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.get_featured_tracks(bpm=120), "get_featured_tracks(bpm=120): give a (low"),
        (lambda c: c.get_featured_tracks(bpm=(200, 100)), "low bound is above the high"),
        (lambda c: c.get_featured_tracks(length=(-1, 5)), "numbers ≥ 0"),
        (lambda c: c.get_featured_tracks(sort="newest"), "get_featured_tracks(sort='newest')"),
        (lambda c: c.get_featured_tracks(exclusive_only="yes"), "give True, False or None"),
        (lambda c: c.get_featured_tracks(cursor_string=""), "cursor_string=''"),
        (lambda c: c.get_changelog_listing(message_formats=["pdf"]), "use one of 'html'"),
        (lambda c: c.get_changelog_listing(message_formats=[]), "one or both of 'html'"),
        (lambda c: c.get_changelog_listing(max_id=0), "max_id=0): an id must be"),
        (lambda c: c.get_changelog_build("lazer", ""), "get_changelog_build(build=''):"),
        (lambda c: c.get_changelog_build("a/b", "1"), "must not contain '/'"),
        (lambda c: c.lookup_changelog_build("lazer", is_id=True), "an id must be a positive"),
        (lambda c: c.get_news_listing(limit=50), "get_news_listing(limit=50): must be an integer"),
        (lambda c: c.get_news_listing(year=1999), "get_news_listing(year=1999)"),
        (lambda c: c.get_news_post(-1), "get_news_post(news_query=-1)"),
        (lambda c: c.get_wiki_page("english", "Main_page"), "give a locale like 'en'"),
        (lambda c: c.get_wiki_page("en", "/"), "get_wiki_page(path='/')"),
        (lambda c: c.get_comment(0), "get_comment(comment_id=0)"),
        (lambda c: c.get_comments(commentable_id=5), "give commentable_type and commentable_id"),
        (
            lambda c: c.get_comments(commentable_type="user", commentable_id=5),
            "use one of 'beatmapset', 'build', 'news_post'",
        ),
        (lambda c: c.get_comments(sort="best"), "get_comments(sort='best')"),
        (lambda c: c.get_comments(limit=101), "get_comments(limit=101)"),
        (lambda c: c.get_comments(parent_id=-1), "get_comments(parent_id=-1)"),
        (lambda c: c.get_comments(cursor="abc"), "pass the `cursor` object"),
        (lambda c: c.get_comments(cursor={"id": [1]}), "values strings or numbers"),
    ],
)
async def test_bad_arguments_fail_before_sending(api, make_client, call, message):
    with pytest.raises(ValueError) as info:
        await call(make_client())
    assert message in str(info.value)
    assert api.requests == []
