"""The progress supervision task force's ledger (推进督导专班): visits and the ten supervisions."""
