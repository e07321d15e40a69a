"""Render: the checked site -> the bytes of every page, in memory, before anything is written."""
