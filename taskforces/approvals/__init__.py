"""The pre-construction approvals task force's ledger (前期手续专班): each project's approval items."""
