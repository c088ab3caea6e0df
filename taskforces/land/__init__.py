"""The land-use guarantee task force's ledger (用地保障专班): land demand, land problems, the quarterly
land meeting and its decisions."""
