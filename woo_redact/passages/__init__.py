"""Content-level proposals: passages (a clause, a sentence, an agenda line, a code) that a
Woo officer weighs on a content ground, proposed for a reviewer with the ground and the cue
that fired. ``segment`` cuts the text into passages, ``doc_kind`` says what kind of document
it is, ``grounds`` holds each ground's cues and scope, ``recognizers`` makes them Presidio
recognizers."""
