"""Test harness: building sites, serving them on loopback, nginx, Chromium."""
