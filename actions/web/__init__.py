"""The counsellors' inbox page: server-rendered, no front-end build."""
