"""The investment attraction task force's ledger (招商引资专班): leads, trips, promotion events, site
visits, head-enterprise contacts."""
