"""Models show what they are in a line (class, id, naming fields, list sizes)."""

from __future__ import annotations

import datetime as dt

from osuframes.models import (
    Beatmapset,
    MultiplayerMatch,
    MultiplayerMatchEvent,
    MultiplayerMatchResponse,
    User,
)


def _match() -> MultiplayerMatchResponse:
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return MultiplayerMatchResponse(
        match=MultiplayerMatch(id=105019274, name="OWC: (KR) vs (JP)", start_time=start),
        events=[MultiplayerMatchEvent(id=i) for i in range(43)],
        users=[User(id=i, username=f"player {i}") for i in range(16)],
    )


def test_a_match_shows_its_id_name_and_list_sizes():
    assert repr(_match()) == (
        "MultiplayerMatchResponse(id=105019274, name='OWC: (KR) vs (JP)', 43 events, 16 users)"
    )


def test_a_user_shows_id_username_and_country():
    user = User(id=2, username="peppy", country_code="AU", avatar_url="https://a.ppy.sh/2")
    assert repr(user) == "User(id=2, username='peppy', country_code='AU')"


def test_long_text_is_cut_and_many_lists_are_summed_up():
    title = "x" * 500
    users = [User(id=1, username="u")]
    beatmapset = Beatmapset(id=1, title=title, recent_favourites=users, related_users=users,
                            converts=[], beatmaps=None)  # fmt: skip
    shown = repr(beatmapset)
    assert len(shown) < 120
    assert "1 recent_favourites, 1 related_users" in shown


def test_html_view_escapes_and_lists_the_set_fields():
    user = User(id=3, username="<b>me</b>", is_bot=False)
    view = user._repr_html_()
    assert "&lt;b&gt;me&lt;/b&gt;" in view and "<b>me</b>" not in view
    assert "is_bot" in view and "avatar_url" not in view
    assert "105019274" in _match()._repr_html_()
