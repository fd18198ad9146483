"""What the live preview shows when the data is broken."""
