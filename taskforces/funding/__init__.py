"""The funding task force's ledger (争取资金专班): applications for budget funds and bonds."""
