"""The shape of a bulletin's figures: the JSON `bulletin_figures` returns, `manage.py bulletin --format json`
prints and a published version freezes (README "Monthly bulletin" lists the keys).

Amounts are exact 万元 strings ("1234.50"), rates are percent strings with two decimals ("65.00") or None
when there was nothing to divide by; `shown` holds the same rates at the county's chosen decimals, as the
text prints them. Keys appear in the order written here.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class OptionsJSON(TypedDict):
    """`BulletinOptions` as frozen into the figures."""

    decimals: int
    red_points: str
    yellow_points: str
    doc_number_prefix: str
    issuer: str
    recipients: str
    closing: str


class ShownRates(TypedDict):
    completion_rate: str | None
    vs_time_progress: str | None


class ProgressBlock(TypedDict):
    """Investment progress of a set of listed projects (the whole list, a tier, a kind, a unit)."""

    count: int
    total_investment: str
    annual_plan: str
    completed: str
    completion_rate: str | None
    vs_time_progress: str | None
    shown: ShownRates


class RankedBlock(ProgressBlock):
    """A township's or responsible unit's block in the horse race (`name` and `rank` first); ties share a rank."""

    name: str
    rank: int


class KindBlocks(TypedDict):
    construction: ProgressBlock  # new and continuing
    preliminary: ProgressBlock


class Reporting(TypedDict):
    reported: int
    listed: int
    not_reported: list[str]


class Target(TypedDict):
    fai_target: str | None
    key_projects_share: str | None


class NamedItem(TypedDict):
    name: str


class Starts(TypedDict):
    planned_this_year: int
    planned_by_month: int
    started: int
    started_early: int
    start_rate: str | None
    not_started_on_schedule: list[NamedItem]
    continuing: int
    resumed: int
    not_resumed: list[NamedItem]
    terminated: int


class Completions(TypedDict):
    planned_this_year: int
    planned_by_month: int
    completed: int
    completed_early: int
    completed_late: int
    not_completed_on_schedule: list[NamedItem]
    ahead_of_later_plan: list[NamedItem]


class Ends(TypedDict):
    """First and last of a ranking, ties all named; `last` is empty when everyone shares one rank."""

    first: list[str]
    last: list[str]


class HorseRace(TypedDict):
    townships: Ends
    units: Ends


class BehindShown(TypedDict):
    completion_rate: str | None
    behind_points: str | None


class BehindProject(TypedDict):
    name: str
    tier: str
    nature: str
    township: str
    responsible_unit: str
    annual_plan: str
    completed: str
    completion_rate: str | None
    behind_points: str | None
    colour: str  # "red" | "yellow" | "green"
    shown: BehindShown


class BehindCounts(TypedDict):
    red: int
    yellow: int
    green: int


class Behind(TypedDict):
    red_points: str  # thresholds as a sentence writes them: "20", "12.5"
    yellow_points: str
    projects: list[BehindProject]
    counts: BehindCounts


class WorkSection(TypedDict):
    """A task force's ledger (only those with data) or a campaign, as the bulletin reports it."""

    slug: str
    name: str
    figures: dict[str, Any]  # each ledger's or campaign's own figures, plain JSON
    paragraphs: list[str]


class Shown(TypedDict):
    time_progress: str | None
    month_share_of_plan: str | None
    start_rate: str | None
    key_projects_share: str | None


class Subsection(TypedDict):
    """A task force or campaign within its section."""

    heading: str
    paragraphs: list[str]
    number: str  # （一）, （二）…


class SectionDraft(TypedDict):
    """A section of the text before it is numbered (sections are numbered once the optional ones are known)."""

    key: str
    heading: str
    subsections: NotRequired[list[Subsection]]
    paragraphs: list[str]
    tables: list[str]  # keys of `bulletins.tables.bulletin_tables()` shown in this section


class Section(SectionDraft):
    number: str  # 一, 二… (GB/T 9704 heading level 一、)


class BulletinText(TypedDict):
    title: str
    period: str
    intro: str
    headline: str
    sections: list[Section]


class BulletinNumbers(TypedDict):
    """Every figure of the bulletin, before the text is written from them."""

    schema: int
    year: int
    month: int
    time_progress: str | None
    options: OptionsJSON
    total: ProgressBlock
    tiers: dict[str, ProgressBlock]  # province, city, county
    kinds: KindBlocks
    tiers_by_kind: dict[str, KindBlocks]  # province, city, county
    natures: dict[str, ProgressBlock]  # new, continuing, preliminary
    month_completed: str
    month_share_of_plan: str | None
    reporting: Reporting
    target: Target
    starts: Starts
    completions: Completions
    townships: list[RankedBlock]
    units: list[RankedBlock]
    horse_race: HorseRace
    behind: Behind
    taskforces: list[WorkSection]
    campaigns: list[WorkSection]
    shown: Shown


class BulletinFigures(BulletinNumbers):
    """The bulletin: its figures and its text (`text.headline` repeated as `headline`)."""

    text: BulletinText
    headline: str
