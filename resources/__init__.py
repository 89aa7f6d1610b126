"""Data shipped with hgreport: format profiles, report templates, icons and translations."""
