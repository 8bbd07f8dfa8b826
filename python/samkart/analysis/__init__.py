"""The analyses on a landscape: mapping tables, gaps and findings, the collaboration network, the
flow of young people, scenarios, differences over time and small-cell suppression."""
