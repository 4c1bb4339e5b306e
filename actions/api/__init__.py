"""The counsellors' API under `/api`: every route requires an authenticated counsellor."""
