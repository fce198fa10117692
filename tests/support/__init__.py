"""Test infrastructure: the Google Sheets API emulator and its fixtures."""
