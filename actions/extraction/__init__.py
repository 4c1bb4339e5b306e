"""Deadlines, amounts and months of arrears found in what the resident wrote (spaCy rules)."""
