"""reelscope store: where posts, their engagement over time, signals and crawl runs are kept.

`models` (SQLModel tables), `engine` (URL, engines, sessions), `migrations` (Alembic from code),
`repo` (the functions the rest of the project calls), `errors` (StoreError). Only this package
imports sqlmodel/sqlalchemy.
"""
