"""Objectives, key points and instructor notes: what a lesson says about its own teaching."""
