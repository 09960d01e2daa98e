"""OpenFisca variables, one module per policy (see docs/rules.md)."""
