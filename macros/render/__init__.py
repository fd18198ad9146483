"""Render the dataset: pages (Markdown), table cells, JSON-LD and the open-data export."""
