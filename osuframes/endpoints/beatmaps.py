"""Beatmaps, their leaderboards, packs and difficulty attributes (beatmapsets: `beatmapsets`)."""

from __future__ import annotations

import re
from typing import Any

from osuframes.endpoints import _args as args
from osuframes.endpoints._base import Call, endpoint
from osuframes.endpoints._common import optional_mode, score_format
from osuframes.endpoints._paging import CursorString
from osuframes.http.lifetimes import Lifetime, cached, ranked_beatmaps
from osuframes.models import (
    AnyDifficultyAttributes,
    Beatmap,
    BeatmapPack,
    BeatmapPacksResponse,
    BeatmapPackType,
    DifficultyAttributes,
    FruitsDifficultyAttributes,
    Gamemode,
    ManiaDifficultyAttributes,
    OsuDifficultyAttributes,
    Score,
    TaikoDifficultyAttributes,
)

__all__ = ["BeatmapEndpoints"]

_SCOREBOARD_TYPES = ("global", "country", "friend", "team")

_ATTRIBUTES_OF_MODE: dict[Gamemode, type[DifficultyAttributes]] = {
    Gamemode.OSU: OsuDifficultyAttributes,
    Gamemode.TAIKO: TaikoDifficultyAttributes,
    Gamemode.FRUITS: FruitsDifficultyAttributes,
    Gamemode.MANIA: ManiaDifficultyAttributes,
}

# The one-letter tags aiosu's BeatmapPackType carries (pack tags start with them: S1, L1).
_PACK_TAG_LETTERS = {
    "S": "standard",
    "F": "featured",
    "P": "tournament",
    "L": "loved",
    "R": "chart",
    "T": "theme",
    "A": "artist",
}

_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")


def _legacy_only(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _pack_type(value: Any) -> str:
    if isinstance(value, str) and value.strip().upper() in _PACK_TAG_LETTERS:
        return _PACK_TAG_LETTERS[value.strip().upper()]
    return args.enum(value, "type", BeatmapPackType).value


class BeatmapEndpoints:
    """Endpoints about beatmaps and packs. Mixed into `Client`."""

    @endpoint(
        list[Score], items="scores", item=Score, cache=cached("beatmap-scores", Lifetime.SHORT)
    )
    def get_beatmap_scores(
        self,
        beatmap_id: int,
        *,
        mode: Any = None,
        mods: Any = None,
        type: str | None = None,
        legacy_only: bool | None = None,
        limit: int = 50,
        new_format: bool = False,
    ) -> Call:
        """The leaderboard of a beatmap (`GET beatmaps/{beatmap}/scores`), best first.

        No paging: `limit` (1-100, default 50) scores from the top.

        Args:
            beatmap_id: the beatmap (difficulty) id.
            mode: the ruleset, for converts (default: the map's own).
            mods: only scores with exactly these mods (`"HDDT"`, a bitmask, a list);
                `"NM"` means scores without mods.
            type: `global` (default), `country`, `friend` or `team`; country and friend
                need an osu!supporter login (422 otherwise); team needs no supporter.
            legacy_only: only scores set on osu!stable.
            limit: how many scores, 1 to 100.
            new_format: return lazer-format `LazerScore`s instead of legacy `Score`s.
        """
        version, response, item = score_format(new_format)
        mod_list = None
        if mods is not None:
            mod_list = args.mods(mods, "mods").acronyms or ["NM"]
        params = {
            "mode": optional_mode(mode),
            "mods": mod_list,
            "type": None if type is None else args.choice(type, "type", _SCOREBOARD_TYPES),
            "legacy_only": _legacy_only(legacy_only),
            "limit": args.in_range(limit, "limit", 1, 100),
        }
        beatmap = args.positive_id(beatmap_id, "beatmap_id")
        return Call(
            "GET",
            f"/api/v2/beatmaps/{beatmap}/scores",
            params,
            api_version=version,
            extract="scores",
            response=response,
            item=item,
        )

    @endpoint(Beatmap, cache=cached("beatmaps", Lifetime.SHORT, long_when=ranked_beatmaps))
    def get_beatmap(self, beatmap_id: int) -> Call:
        """One beatmap (difficulty) with its beatmapset and fail times (`GET beatmaps/{b}`)."""
        return Call("GET", f"/api/v2/beatmaps/{args.positive_id(beatmap_id, 'beatmap_id')}")

    @endpoint(
        list[Beatmap],
        items="beatmaps",
        item=Beatmap,
        cache=cached("beatmaps", Lifetime.SHORT, long_when=ranked_beatmaps),
    )
    def _get_beatmaps_batch(self, beatmap_ids: list[int]) -> Call:
        """Up to 50 beatmaps (`GET beatmaps?ids[]=`); the server drops ids beyond 50."""
        ids = args.id_list(beatmap_ids, "beatmap_ids", most=50)
        return Call("GET", "/api/v2/beatmaps", {"ids": ids}, extract="beatmaps")

    async def get_beatmaps(self, beatmap_ids: list[int]) -> list[Beatmap]:
        """Beatmaps by id, in batches of 50 (`GET beatmaps?ids[]=`).

        Unknown ids are left out; the API answers sorted by id, batch by batch.
        """
        try:
            ids = args.id_list(beatmap_ids, "beatmap_ids") if beatmap_ids else []
        except args.ArgumentError as exc:
            # Not an @endpoint method, so name it here the way the decorator would.
            raise ValueError(f"get_beatmaps({exc.argument}={exc.value!r}): {exc.reason}") from None
        beatmaps: list[Beatmap] = []
        for start in range(0, len(ids), 50):
            beatmaps += await self._get_beatmaps_batch(ids[start : start + 50])
        return beatmaps

    @endpoint(Beatmap, cache=cached("beatmaps", Lifetime.SHORT, long_when=ranked_beatmaps))
    def lookup_beatmap(
        self,
        *,
        checksum: str | None = None,
        filename: str | None = None,
        id: int | None = None,
    ) -> Call:
        """A beatmap by the MD5 checksum of its .osu file, its file name or its id.

        `GET beatmaps/lookup`; give at least one. The server tries checksum, then
        filename, then id, and answers the first hit (404 when none matches).
        """
        if checksum is None and filename is None and id is None:
            raise args.ArgumentError("checksum", None, "give one of checksum, filename or id")
        if checksum is not None and (not isinstance(checksum, str) or not _MD5.match(checksum)):
            raise args.ArgumentError("checksum", checksum, "must be the 32 hex digits of an MD5")
        if filename is not None and (not isinstance(filename, str) or not filename.strip()):
            raise args.ArgumentError("filename", filename, "give the .osu file name")
        params = {
            "checksum": checksum,
            "filename": filename,
            "id": None if id is None else args.positive_id(id, "id"),
        }
        return Call("GET", "/api/v2/beatmaps/lookup", params)

    @endpoint(DifficultyAttributes)
    def get_beatmap_attributes(
        self, beatmap_id: int, *, mode: Any = None, mods: Any = None
    ) -> Call:
        """Difficulty attributes (star rating, max combo, …) of a beatmap with mods.

        `POST beatmaps/{beatmap}/attributes` with a JSON body `{ruleset_id, mods}`.
        With `mode` given the answer reads as that ruleset's model
        (`OsuDifficultyAttributes`, …); without it, the model is guessed from the keys.
        The server answers 422 for a convert it cannot compute (e.g. mania to osu).
        """
        body: dict[str, Any] = {}
        response: Any = AnyDifficultyAttributes
        if mode is not None:
            ruleset = args.enum(mode, "mode", Gamemode)
            body["ruleset_id"] = ruleset.id
            # The answer does not name its ruleset and osu!catch/osu!mania share keys.
            response = _ATTRIBUTES_OF_MODE[ruleset]
        if mods is not None:
            # Lazer mod objects keep settings (DT speed); empty settings are left out.
            body["mods"] = [
                {
                    "acronym": mod["acronym"],
                    **({"settings": mod["settings"]} if mod["settings"] else {}),
                }
                for mod in args.mods(mods, "mods").to_lazer()
            ]
        beatmap = args.positive_id(beatmap_id, "beatmap_id")
        return Call(
            "POST",
            f"/api/v2/beatmaps/{beatmap}/attributes",
            json=body,
            extract="attributes",
            response=response,
        )

    @endpoint(
        BeatmapPacksResponse,
        paging=CursorString(page_size=100),
        items="beatmap_packs",
        item=BeatmapPack,
        cache=cached("beatmap-packs", Lifetime.SHORT),
    )
    def get_beatmap_packs(self, *, type: Any = None, cursor_string: str | None = None) -> Call:
        """One page (100) of beatmap packs, newest first (`GET beatmaps/packs`).

        `type` is standard (the server's default), featured, tournament, loved, chart,
        theme or artist (any case; the one-letter tags S, F, P, L, R, T, A work too).
        """
        params = {
            "type": None if type is None else _pack_type(type),
            "cursor_string": args.cursor_string(cursor_string),
        }
        return Call("GET", "/api/v2/beatmaps/packs", params)

    @endpoint(BeatmapPack, cache=cached("beatmap-packs", Lifetime.SHORT))
    def get_beatmap_pack(self, pack_tag: str, *, legacy_only: bool | None = None) -> Call:
        """One beatmap pack by its tag (`GET beatmaps/packs/{tag}`, e.g. `S1`, `L1`).

        Includes its beatmapsets and, with a user login, which of them the user cleared.
        """
        if not isinstance(pack_tag, str) or not pack_tag.strip().isalnum():
            raise args.ArgumentError("pack_tag", pack_tag, "give a pack tag like 'S1' or 'L1'")
        return Call(
            "GET",
            f"/api/v2/beatmaps/packs/{pack_tag.strip()}",
            {"legacy_only": _legacy_only(legacy_only)},
        )
