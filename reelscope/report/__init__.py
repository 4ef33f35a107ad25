"""Presentation of market-share figures: terminal tables and files, charts (SVG, PNG), the HTML report,
and the Datasette set-up for research access."""
