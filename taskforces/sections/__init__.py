"""One module per task force registering its ledger sections, figures and custom views.

See `taskforces.registry` for the recipe; `registry.SECTION_MODULES` lists the module names, and
a module that does not exist yet is skipped.
"""
