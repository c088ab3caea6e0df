"""The six campaigns' models (app label `campaigns`, tables `campaigns_*`).

- `indicators`: what is measured and scored: `CampaignYear`, `Indicator`, `IndicatorUnitTarget`,
  `ScoringItem`, `RankingPublication`, and their choices.
- `records`: the campaigns' own records: the pipeline, the five batches, bank meetings, flowcharts,
  inspections, rewards and penalties.

Money is stored in 万元 (core.money.MONEY); an indicator may display it in 亿元.
"""

from .indicators import (
    CampaignYear,
    Comparison,
    DisplayUnit,
    Indicator,
    IndicatorUnitTarget,
    Period,
    RankingPublication,
    Scheme,
    Scope,
    ScoringItem,
)
from .records import (
    FIVE_STAGES,
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    Ceremony,
    CeremonyKind,
    Decision,
    DecisionKind,
    IndustrialProject,
    Inspection,
    PipelineApproval,
    PipelineProject,
    PipelineStage,
)

__all__ = [
    "FIVE_STAGES",
    "ApprovalFlowchart",
    "BankEnterpriseMeeting",
    "CampaignYear",
    "Ceremony",
    "CeremonyKind",
    "Comparison",
    "Decision",
    "DecisionKind",
    "DisplayUnit",
    "Indicator",
    "IndicatorUnitTarget",
    "IndustrialProject",
    "Inspection",
    "Period",
    "PipelineApproval",
    "PipelineProject",
    "PipelineStage",
    "RankingPublication",
    "Scheme",
    "Scope",
    "ScoringItem",
]
