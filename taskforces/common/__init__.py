"""What every ledger shares: the abstract entry and catalogues, the base form and filter, the generic
reads (the ledgers' "today", ledger tables), the entry services and the generic views."""
