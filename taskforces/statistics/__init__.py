"""The statistics inclusion task force's ledger (入库纳统专班): the monthly screening."""
