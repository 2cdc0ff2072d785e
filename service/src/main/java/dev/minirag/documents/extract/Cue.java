package dev.minirag.documents.extract;

/** One subtitle cue: its text with markup removed, and when it is shown. */
record Cue(double startSeconds, double endSeconds, String text) {}
