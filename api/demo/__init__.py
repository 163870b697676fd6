"""The demo network `make run` loads into an empty database, built from the public facts in
the seeds (HCTS seminars of 2018 and 2020, the Ardèche committee's documents, the 2024 fiche
repère on the network)."""
