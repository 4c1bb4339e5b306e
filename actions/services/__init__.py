"""Business logic shared by the dialogue actions, the API and the console command."""
